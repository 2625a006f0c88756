/**
 * `mi login`: check an API key against the server and save it with the endpoint in
 * `~/.mi/config.json`. `--with-token` reads the key from stdin, so it never has to sit in
 * argv (visible in `ps`) or in shell history.
 */
import type { CAC } from "cac";
import { OS1Client, saveConfig } from "../sdk.js";
import { stringFlag, type CommandContext } from "../context.js";
import { UsageError } from "../exit.js";
import { status } from "../output.js";

/** What to do when no key was given: where keys come from. */
const HOW_TO_GET_A_KEY = [
  "mi login needs an API key: mi login --with-token [--endpoint URL] < key-file",
  "(or mi login --token <key>, which leaves the key in your shell history)",
  "",
  "Where to get one:",
  "  - On a new server, the first administrator key is in the file admin.key in the",
  "    server's data directory (MI_DATA_DIR, default ./.mi-data), written on first start.",
  "  - Once logged in, create more keys with mi api-keys create --name <name>.",
].join("\n");

/** Registers `mi login`. */
export function registerLoginCommand(cli: CAC, ctx: CommandContext): void {
  cli
    .command("login", "Check an API key and save it for later commands")
    .option("--endpoint <url>", "Server URL (default: the saved one, else http://127.0.0.1:8080)")
    .option("--with-token", "Read the API key from stdin")
    .option("--token <key>", "API key to log in with")
    .action(async (options: { endpoint?: unknown; token?: unknown; withToken?: boolean }) => {
      const flagToken = stringFlag(options.token, "--token", "login");
      if (flagToken !== undefined && options.withToken)
        throw new UsageError("Pass the key with --token or --with-token, not both.", "login");
      const token = options.withToken ? await keyFromStdin() : flagToken;
      if (token === undefined) throw new UsageError(HOW_TO_GET_A_KEY, "login");
      const endpoint = stringFlag(options.endpoint, "--endpoint", "login") ?? (await ctx.loadConfig()).endpoint;
      if (!/^https?:\/\/[^/]/.test(endpoint)) {
        throw new UsageError(`--endpoint must be an http:// or https:// URL, got ${JSON.stringify(endpoint)}.`, "login");
      }
      const client = new OS1Client({ endpoint, auth: { type: "token", token } });
      const account = await client.account.get();
      const path = await saveConfig({ endpoint, token }, { env: ctx.io.env });
      status(ctx.io, `Logged in to ${endpoint} as ${account.name} (account ${account.id}${account.admin ? ", administrator" : ""}).`);
      status(ctx.io, `Saved the key in ${path}.`);
    });
}

/** The key piped to `mi login --with-token`: all of stdin, surrounding whitespace removed. */
async function keyFromStdin(): Promise<string> {
  let text = "";
  process.stdin.setEncoding("utf8");
  for await (const chunk of process.stdin) text += chunk;
  const key = text.trim();
  if (key === "") throw new UsageError("--with-token read no key from stdin: mi login --with-token < key-file.", "login");
  return key;
}
