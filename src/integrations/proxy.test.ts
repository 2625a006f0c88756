import { describe, expect, it } from "vitest";
import { targetUrl } from "./proxy.js";

describe("proxy target", () => {
  it("keeps paths under the integration's API", () => {
    expect(targetUrl("https://api.github.com", "/repos/o/r/pulls?state=open").href).toBe(
      "https://api.github.com/repos/o/r/pulls?state=open",
    );
    expect(targetUrl("https://api.openai.com/v1", "/models").href).toBe("https://api.openai.com/v1/models");
    expect(targetUrl("http://127.0.0.1:9/api/v3/", "/user").href).toBe("http://127.0.0.1:9/api/v3/user");
  });

  it("refuses absolute and protocol-relative URLs, dot segments and encoded separators", () => {
    for (const path of [
      "https://evil.example/x",
      "//evil.example/x",
      "/../x",
      "/a/../../x",
      "/%2e%2e/x",
      "/%2E./x",
      "/a/./b",
      "/a%2fb",
      "/a\\b",
      "@evil.example/x",
      "",
    ]) {
      expect(() => targetUrl("https://api.openai.com/v1", path), path).toThrow(/path:/);
    }
  });
});
