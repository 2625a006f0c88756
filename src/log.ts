/**
 * The server's logger: pino, writing one JSON object per line on stderr. Call it the pino way,
 * fields first and the message last: `log.info({ port }, "embedded postgres started")`,
 * `log.error({ err }, "shutdown failed")`.
 */
import { pino, type DestinationStream, type Logger } from "pino";

export type { DestinationStream, Logger };

/** The levels LOG_LEVEL accepts. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/**
 * Fields that may hold a credential. Nothing should log them, but a line that does (an error
 * carrying its request options, a header map, a config object) prints `[Redacted]` instead of
 * the value: API keys (`mi_...`), lease tokens, agent signatures, the MinIO secret, passwords,
 * and connection strings, whose URL holds the database password. Each is censored as a field
 * of its own and one level down (`{ key: { secret } }`, `err.password`); a wildcard per extra
 * level would cost every line more, and deeper objects are not logged.
 */
const SECRET_FIELDS = [
  "apiKey",
  "secret",
  "secretKey",
  "token",
  "leaseToken",
  "password",
  "signature",
  "authorization",
  "cookie",
  '["x-mi-signature"]',
  "databaseUrl",
  "connectionString",
];

/** Where pino's redaction censors a value: the fields above, and the headers of a request logged pino-http style (`req.headers`). */
export const REDACT_PATHS: readonly string[] = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-mi-signature"]',
  ...SECRET_FIELDS.flatMap((field) => [field, field.startsWith("[") ? `*${field}` : `*.${field}`]),
];

/**
 * Creates the logger; lines below `level` are dropped. Lines go to stderr, written synchronously
 * so that the last lines before `process.exit` are not lost; tests pass a `destination` of
 * their own to read them.
 *
 * A line looks like `{"level":"info","time":"2026-01-01T12:00:00.000Z",...fields,"msg":"..."}`.
 * An `err` field keeps its whole cause chain: type, message, stack, code and other own fields
 * of the error, and of its `cause`, recursively.
 */
export function createLogger(level: LogLevel, destination: DestinationStream = pino.destination({ dest: 2, sync: true })): Logger {
  return pino(
    {
      level,
      base: undefined, // no pid or hostname: one process per container, and its platform labels lines
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // errWithCause, not pino's default err serializer, which folds causes into one message and stack.
      serializers: { err: pino.stdSerializers.errWithCause },
      redact: { paths: [...REDACT_PATHS] },
    },
    destination,
  );
}
