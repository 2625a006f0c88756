/**
 * Polls `read` every 100 ms until `ok` holds for its value, and returns that value. Fails
 * after `deadlineMs` with `what` and the last value, so a stuck wait says what it saw.
 */
export async function until<T>(what: string, read: () => Promise<T> | T, ok: (v: T) => boolean, deadlineMs = 20_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(last, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}
