import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { checkPath, contentTypeOf, FILE_TOO_LARGE, tooLargeToRead } from "./rules.js";

describe("drive paths", () => {
  it("accepts relative paths, dot files and names with '..' inside", () => {
    for (const path of ["a", "reports/summary.md", ".env", "a/..b", "with space/ü.txt"]) expect(() => checkPath(path)).not.toThrow();
  });

  it("refuses what could leave the drive or confuse a file system, naming the field", () => {
    for (const path of ["", "/etc/passwd", "../up", "a/../b", "a/./b", "a//b", "a/", "tab\there", "x".repeat(1025)]) {
      const err = (() => {
        try {
          checkPath(path);
        } catch (e) {
          return e;
        }
      })();
      expect(err, path).toBeInstanceOf(DomainError);
      expect((err as DomainError).message).toMatch(/^path: /);
    }
  });
});

describe("content types", () => {
  it("keeps a given type, else guesses from the extension, else octet-stream", () => {
    expect(contentTypeOf("a.md", "")).toBe("text/markdown");
    expect(contentTypeOf("a.PNG", "")).toBe("image/png");
    expect(contentTypeOf("a.md", "text/plain")).toBe("text/plain");
    expect(contentTypeOf("Makefile", "")).toBe("application/octet-stream");
  });
});

it("sends big reads to DownloadFile with FILE_TOO_LARGE", () => {
  expect(tooLargeToRead("big.bin", 5 << 20)).toMatchObject({ kind: "failed_precondition", reason: FILE_TOO_LARGE });
});
