import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { masterKey, SecretBox } from "./secret-box.js";

describe("SecretBox", () => {
  const key = masterKey(randomBytes(32));
  const box = new SecretBox(key);

  it("seals with a fresh nonce each time and opens back, without the plaintext in the sealed form", () => {
    const a = box.seal("ghp_supersecret", "office-1/env/GITHUB_TOKEN");
    const b = box.seal("ghp_supersecret", "office-1/env/GITHUB_TOKEN");
    expect(a).not.toBe(b);
    expect(a).not.toContain("supersecret");
    expect(a.startsWith(`v1:${key.id}:`)).toBe(true);
    expect(box.open(a, "office-1/env/GITHUB_TOKEN")).toBe("ghp_supersecret");
  });

  it("refuses a value moved to another row, a tampered value, and an unknown key", () => {
    const sealed = box.seal("value", "office-1/env/A");
    expect(() => box.open(sealed, "office-2/env/A")).toThrow();
    const parts = sealed.split(":");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    expect(() => box.open([...parts.slice(0, 3), body.toString("base64url")].join(":"), "office-1/env/A")).toThrow();
    expect(() => new SecretBox(masterKey(randomBytes(32))).open(sealed, "office-1/env/A")).toThrow(/not configured/);
  });

  it("opens values of a previous key after a rotation and says they are stale", () => {
    const next = new SecretBox(masterKey(randomBytes(32)), [key]);
    const old = box.seal("v", "c");
    expect(next.open(old, "c")).toBe("v");
    expect(next.isStale(old)).toBe(true);
    expect(next.isStale(next.seal("v", "c"))).toBe(false);
  });

  it("takes only 32-byte keys", () => {
    expect(() => masterKey(randomBytes(16))).toThrow(/32 bytes/);
  });
});
