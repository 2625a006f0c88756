/**
 * @mitosislabs/sdk: the TypeScript SDK for Mitosis-OSS.
 */
export { OS1Client, MitosisClient, type OS1ClientOptions, type TokenAuth } from "./client.js";
export {
  OfficesClient,
  type Office,
  type OfficeState,
  type OfficeStatus,
  type OfficeSettings,
  type OfficeSettingsUpdate,
  type IterateOfficesOptions,
} from "./offices.js";
export { ApiKeysClient, type ApiKey, type CreatedApiKey } from "./api-keys.js";
export { AccountClient, type Account, type CreatedAccount } from "./account.js";
export {
  MitosisError,
  UnauthenticatedError,
  NotFoundError,
  PermissionDeniedError,
  AlreadyExistsError,
  InvalidArgumentError,
  InsufficientCreditsError,
  RateLimitedError,
  toMitosisError,
  type ErrorCode,
  type FieldViolation,
  type MitosisErrorInit,
} from "./errors.js";
export {
  loadConfig,
  saveConfig,
  configDir,
  configPath,
  ConfigError,
  DEFAULT_ENDPOINT,
  type MitosisConfig,
  type ConfigOptions,
} from "./config.js";
export {
  canonicalSigningString,
  signRequest,
  signingInterceptor,
  privateKeyFromSeedHex,
  publicKeyHex,
  generateSigningKey,
  SIGNATURE_VERSION,
  SIGNATURE_HEADERS,
  type SignedRequestParts,
  type SigningOptions,
} from "./signing.js";
export { enumToString, enumFromString, timestampToIso } from "./mapping.js";
