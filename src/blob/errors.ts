/** Thrown when a blob key (or list prefix) is not acceptable to the store. */
export class InvalidBlobKeyError extends Error {
  override readonly name = "InvalidBlobKeyError";
  /**
   * @param key the rejected key, quoted in the message
   * @param reason why it was rejected, in a few words
   */
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`invalid blob key ${JSON.stringify(key)}: ${reason}`);
  }
}

/** Thrown by `get` and `stat` when no object exists under the key. */
export class BlobNotFoundError extends Error {
  override readonly name = "BlobNotFoundError";
  /** @param key the missing key, quoted in the message */
  constructor(readonly key: string) {
    super(`blob not found: ${JSON.stringify(key)}`);
  }
}

/**
 * Thrown by `put` when the caller announced a size and the body turned out
 * longer or shorter. Nothing is stored in that case.
 */
export class BlobSizeMismatchError extends Error {
  override readonly name = "BlobSizeMismatchError";
  /**
   * @param key the key being written
   * @param expected the size the caller announced
   * @param actual the number of bytes the body produced (or at least produced)
   */
  constructor(
    readonly key: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`blob ${JSON.stringify(key)}: body is ${actual} bytes, announced size was ${expected}`);
  }
}
