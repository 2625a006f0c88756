import { mkdtemp, readFile, rm, stat, writeFile, mkdir, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_ENDPOINT, loadConfig, removeSavedToken, saveConfig } from "./config.js";

describe("config", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "mi-config-"));
    env = { MI_CONFIG_DIR: join(dir, "mi") };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("defaults to the local server with no token when nothing is configured", async () => {
    const config = await loadConfig({ env });
    expect(config).toEqual({ endpoint: DEFAULT_ENDPOINT, token: undefined, path: join(dir, "mi", "config.json") });
    expect(DEFAULT_ENDPOINT).toBe("http://127.0.0.1:8080");
  });

  it("saves endpoint and token readable by the owner only, and loads them back", async () => {
    const path = await saveConfig({ endpoint: "http://example.test:9000", token: "mi_secret" }, { env });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, "mi"))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ endpoint: "http://example.test:9000", token: "mi_secret" });
    expect(await loadConfig({ env })).toMatchObject({ endpoint: "http://example.test:9000", token: "mi_secret" });
  });

  it("tightens an existing, too open directory when saving", async () => {
    await mkdir(join(dir, "mi"), { mode: 0o755 });
    await chmod(join(dir, "mi"), 0o755);
    await saveConfig({ endpoint: "http://a", token: "b" }, { env });
    expect((await stat(join(dir, "mi"))).mode & 0o777).toBe(0o700);
  });

  it("lets MITOSIS_ENDPOINT and MITOSIS_API_KEY override the file", async () => {
    await saveConfig({ endpoint: "http://file", token: "file-token" }, { env });
    const config = await loadConfig({ env: { ...env, MITOSIS_ENDPOINT: "http://env", MITOSIS_API_KEY: "env-token" } });
    expect(config).toMatchObject({ endpoint: "http://env", token: "env-token" });
  });

  it("reports a malformed file with its path instead of ignoring it", async () => {
    await mkdir(join(dir, "mi"), { recursive: true });
    await writeFile(join(dir, "mi", "config.json"), "{not json");
    await expect(loadConfig({ env })).rejects.toThrow(ConfigError);
    await expect(loadConfig({ env })).rejects.toThrow(/config\.json is not valid JSON/);
    await writeFile(join(dir, "mi", "config.json"), JSON.stringify({ token: 5 }));
    await expect(loadConfig({ env })).rejects.toThrow(/must be strings/);
  });

  it("removes the saved key but keeps the endpoint, and says when there was none", async () => {
    const path = await saveConfig({ endpoint: "http://example.test:9000", token: "mi_secret" }, { env });
    expect(await removeSavedToken({ env })).toEqual({ path, removed: true });
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ endpoint: "http://example.test:9000" });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await loadConfig({ env })).toMatchObject({ endpoint: "http://example.test:9000", token: undefined });
    expect(await removeSavedToken({ env })).toEqual({ path, removed: false });
    // No file at all: nothing to remove, and nothing is created.
    const elsewhere = { MI_CONFIG_DIR: join(dir, "none") };
    expect(await removeSavedToken({ env: elsewhere })).toEqual({ path: join(dir, "none", "config.json"), removed: false });
    await expect(stat(join(dir, "none"))).rejects.toThrow(/ENOENT/);
  });
});
