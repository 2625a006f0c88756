import { createHash } from "node:crypto";

/**
 * A UUID derived from `text` (same text, same UUID): an idempotency key for a charge the server
 * makes itself, so a retry after a crash finds the first one instead of charging twice.
 */
export function derivedUuid(text: string): string {
  const hex = createHash("sha256").update(text).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
