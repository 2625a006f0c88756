import { describe, expect, it } from "vitest";
import { bodyParts, sizedChunks } from "./body.js";
import { BlobSizeMismatchError } from "./errors.js";
import { partSizer } from "./minio-upload.js";

const MiB = 1024 * 1024;

async function* chunks(sizes: number[], fill = (i: number) => i % 251): AsyncGenerator<Buffer> {
  let offset = 0;
  for (const size of sizes) {
    const chunk = Buffer.alloc(size);
    for (let i = 0; i < size; i++) chunk[i] = fill(offset + i);
    yield chunk;
    offset += size;
  }
}

/** Collects the parts, copying each (the part buffer is reused). */
async function cut(sizes: number[], partSize: number) {
  const out: { number: number; last: boolean; data: Buffer }[] = [];
  for await (const part of bodyParts(chunks(sizes), () => partSize)) out.push({ ...part, data: Buffer.from(part.data) });
  return out;
}

describe("bodyParts", () => {
  it("gives an empty body as one empty last part", async () => {
    expect(await cut([], 4)).toEqual([{ number: 1, last: true, data: Buffer.alloc(0) }]);
  });

  it("marks a body of exactly one part as last, so it can go up as one PUT", async () => {
    const parts = await cut([3, 1], 4);
    expect(parts.map((p) => [p.number, p.last, p.data.length])).toEqual([[1, true, 4]]);
  });

  it("cuts across chunk boundaries and keeps every byte in order", async () => {
    for (const partSize of [5, 2 * MiB]) {
      const sizes = partSize === 5 ? [3, 7, 1, 4] : [MiB + 3, 3 * MiB, 17];
      const total = sizes.reduce((a, b) => a + b, 0);
      const parts = await cut(sizes, partSize);
      expect(parts.map((p) => p.number)).toEqual(parts.map((_, i) => i + 1));
      expect(parts.map((p) => p.last)).toEqual(parts.map((_, i) => i === parts.length - 1));
      expect(parts.slice(0, -1).every((p) => p.data.length === partSize)).toBe(true);
      const joined = Buffer.concat(parts.map((p) => p.data));
      expect(joined.length).toBe(total);
      expect(joined.every((b, i) => b === i % 251)).toBe(true);
    }
  });

  it("reuses one buffer for full large parts instead of allocating per part", async () => {
    const seen = new Set<ArrayBufferLike>();
    for await (const part of bodyParts(chunks([MiB, MiB, MiB, MiB, MiB, 10]), () => 2 * MiB)) {
      if (!part.last) seen.add(part.data.buffer);
    }
    expect(seen.size).toBe(1);
  });
});

describe("sizedChunks", () => {
  it("fails as soon as the body overruns the announced size", async () => {
    const read: number[] = [];
    const gen = sizedChunks("k", chunks([4, 4, 4]), 6);
    await expect(
      (async () => {
        for await (const c of gen) read.push(c.length);
      })(),
    ).rejects.toBeInstanceOf(BlobSizeMismatchError);
    expect(read).toEqual([4]);
  });

  it("fails at the end when the body falls short", async () => {
    await expect(
      (async () => {
        for await (const _ of sizedChunks("k", chunks([4]), 6));
      })(),
    ).rejects.toThrow(/body is 4 bytes, announced size was 6/);
  });
});

describe("partSizer", () => {
  it("fits a known size into 10,000 parts of at least 8 MiB", () => {
    expect(partSizer(1)(1)).toBe(8 * MiB);
    expect(partSizer(100 * 1024 * MiB)(1)).toBe(11 * MiB);
  });

  it("grows parts of an unknown-size stream every 1,000 parts", () => {
    const size = partSizer(undefined);
    expect([size(1), size(1000), size(1001), size(2001)]).toEqual([8 * MiB, 8 * MiB, 16 * MiB, 32 * MiB]);
  });
});
