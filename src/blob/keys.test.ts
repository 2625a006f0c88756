import { describe, expect, it } from "vitest";
import { InvalidBlobKeyError } from "./errors.js";
import { assertValidFolderPrefix, assertValidKey, assertValidPrefix, compareKeys, MAX_KEY_BYTES } from "./keys.js";
import { escapeSegment, unescapeSegment } from "./segment-names.js";

const ODD_KEYS = [
  "offices/7/files/report.md",
  "a b/c d",
  "ünïcödé/日本語.txt",
  "emoji/😀.png",
  "hash#/q?x=1&y=2",
  "100%/100%25/a+b",
  ".hidden/.env",
  "trailing./trailing ",
  'windows/con:star*pipe|lt<gt>"quote\\back',
  "...",
  "a..b/..c",
];

describe("assertValidKey", () => {
  it.each(ODD_KEYS)("accepts %j", (key) => {
    expect(() => assertValidKey(key)).not.toThrow();
  });

  it("accepts a key of exactly 1024 bytes and refuses 1025", () => {
    const segment = "k".repeat(200);
    const key = [segment, segment, segment, segment, segment].join("/") + "/" + "x".repeat(MAX_KEY_BYTES - 1005);
    expect(Buffer.byteLength(key)).toBe(1024);
    expect(() => assertValidKey(key)).not.toThrow();
    expect(() => assertValidKey(key + "x")).toThrow(/longer than 1024 bytes/);
  });

  it("counts bytes, not characters", () => {
    const key = "é".repeat(127) + "/" + "é".repeat(127) + "/" + "é".repeat(127) + "/" + "é".repeat(127) + "/ééé"; // 1026 bytes, 513 characters
    expect(key.length).toBeLessThan(1024);
    expect(() => assertValidKey(key)).toThrow(/longer than 1024 bytes/);
  });

  it("limits a segment to 255 bytes once escaped", () => {
    expect(() => assertValidKey("a/" + "s".repeat(255))).not.toThrow();
    expect(() => assertValidKey("a/" + "s".repeat(256))).toThrow(/segment longer than 255/);
    expect(() => assertValidKey("a/" + "?".repeat(85))).not.toThrow(); // 85 x 3 = 255
    expect(() => assertValidKey("a/" + "?".repeat(86))).toThrow(/segment longer than 255/);
  });

  it.each([
    ["", /is empty/],
    ["/etc/passwd", /starts with '\/'/],
    ["a//b", /empty segment/],
    ["a/", /empty segment/],
    ["..", /'\.\.' segment/],
    ["a/../b", /'\.\.' segment/],
    ["../offices/other/secret", /'\.\.' segment/],
    ["a/./b", /'\.' segment/],
    ["a\u0000b", /control character/],
    ["line\nbreak", /control character/],
    ["lone\ud800surrogate", /unpaired surrogate/],
  ])("refuses %j", (key, reason) => {
    const err = (() => {
      try {
        assertValidKey(key);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InvalidBlobKeyError);
    expect((err as Error).message).toMatch(reason);
    expect((err as Error).message).toContain(JSON.stringify(key));
  });
});

describe("assertValidPrefix", () => {
  it.each(["", "offices/", "offices/a/", "offices/a/rep", "offices/a/.", "offices/a/.."])("accepts %j", (prefix) => {
    expect(() => assertValidPrefix(prefix)).not.toThrow();
  });

  it.each(["/offices/", "offices//", "offices/../", "a\u0000/"])("refuses %j", (prefix) => {
    expect(() => assertValidPrefix(prefix)).toThrow(InvalidBlobKeyError);
  });

  it("requires a folder for deletePrefix", () => {
    expect(() => assertValidFolderPrefix("offices/a/")).not.toThrow();
    expect(() => assertValidFolderPrefix("offices/a")).toThrow(/must end with '\/'/);
    expect(() => assertValidFolderPrefix("")).toThrow(/must end with '\/'/);
  });
});

describe("compareKeys", () => {
  it("orders by UTF-8 bytes like S3, not by UTF-16 units", () => {
    // U+FFFD is one UTF-16 unit above the surrogates of 😀, but below it in UTF-8.
    expect("😀" < "\ufffd").toBe(true);
    expect(compareKeys("\ufffd", "😀")).toBeLessThan(0);
    expect(["a/b/c", "a/b-x", "a/b"].sort(compareKeys)).toEqual(["a/b", "a/b-x", "a/b/c"]);
  });
});

describe("segment escaping", () => {
  it.each([...ODD_KEYS.flatMap((k) => k.split("/")), "%41", "%%", ". .", " "])("round-trips %j", (segment) => {
    expect(unescapeSegment(escapeSegment(segment))).toBe(segment);
  });

  it("keeps ordinary names readable and reserves leading dots for the store", () => {
    expect(escapeSegment("report final.md")).toBe("report final.md");
    expect(escapeSegment("日本語")).toBe("日本語");
    expect(escapeSegment(".blob")).toBe("%2Eblob");
    expect(escapeSegment("a:b")).toBe("a%3Ab");
  });
});
