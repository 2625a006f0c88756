/**
 * `mi login`: check an API key against the server and save it with the endpoint in
 * `~/.mi/config.json`. The key comes from a prompt that does not echo (on a terminal) or from
 * stdin (`--with-token`), so it never has to sit in argv (visible in `ps`) or shell history.
 */
import type { CommandContext } from "../context.js";
import { UsageError } from "../exit.js";
import { askSecret, readAll } from "../prompt.js";
import type { Account } from "../sdk.js";
import { command, flag, type Rendered } from "../spec.js";

/** What to do when no key was given: where keys come from. */
export const HOW_TO_GET_A_KEY = [
  "mi login needs an API key: run it in a terminal to be asked for one, or pipe it in:",
  "  mi login --with-token [--endpoint URL] < key-file",
  "",
  "Where to get one:",
  "  - On a new server, the first administrator key is in the file admin.key in the",
  "    server's data directory (MI_DATA_DIR, default ./.mi-data), written on first start.",
  "  - Once logged in, create more keys with mi api-keys create --name <name>.",
].join("\n");

/** What a login did, for the messages. */
export interface LoggedIn {
  endpoint: string;
  account: Account;
  path: string;
  /** MITOSIS_API_KEY is set and overrides the saved key. */
  envKey: boolean;
}

export const login = command({
  name: "login",
  summary: "Check an API key and save it for later commands",
  description: [
    "On a terminal, mi login asks for the key without showing it. With --with-token it reads the",
    "key from stdin instead (for scripts). Either way the key never appears in your shell history",
    "or in the process list. The key and endpoint are saved in ~/.mi/config.json (mode 0600).",
  ].join("\n"),
  examples: [
    "mi login",
    "mi login --endpoint https://mitosis.example.com",
    "mi login --with-token --endpoint http://127.0.0.1:8080 < .mi-data/admin.key",
  ],
  args: {},
  flags: {
    endpoint: flag.string({ summary: "Server URL (default: the saved one, else http://127.0.0.1:8080)", value: "url" }),
    withToken: flag.switch({ summary: "Read the API key from stdin" }),
    token: flag.string({
      summary: "API key on the command line; exposes it to shell history and process lists (prefer the prompt or --with-token)",
      value: "key",
    }),
  },
  check({ flags }) {
    if (flags.token !== undefined && flags.withToken) throw new UsageError("Pass the key with --token or --with-token, not both.", "login");
    if (flags.endpoint !== undefined && !/^https?:\/\/[^/]/.test(flags.endpoint)) {
      throw new UsageError(`--endpoint must be an http:// or https:// URL; got ${JSON.stringify(flags.endpoint)}.`, "login");
    }
  },
  async run(ctx, { flags }): Promise<LoggedIn> {
    const token = flags.token ?? (await keyFromUser(ctx, flags.withToken));
    const endpoint = flags.endpoint ?? (await ctx.loadConfig()).endpoint;
    const { OS1Client, saveConfig } = await ctx.sdk();
    const account = await new OS1Client({ endpoint, auth: { type: "token", token } }).account.get();
    const path = await saveConfig({ endpoint, token }, { env: ctx.io.env });
    return { endpoint, account, path, envKey: Boolean(ctx.io.env.MITOSIS_API_KEY) };
  },
  render: loginMessages,
});

/** The status lines after a login. */
export function loginMessages(r: LoggedIn): Rendered {
  const lines = [
    `Logged in to ${r.endpoint} as ${r.account.name} (account ${r.account.id}${r.account.admin ? ", administrator" : ""}).`,
    `Saved the key in ${r.path}.`,
  ];
  if (r.envKey) lines.push("Note: MITOSIS_API_KEY is set in your environment; it takes precedence over the saved key.");
  return { status: lines.join("\n") + "\n" };
}

/**
 * The key from the person or the pipe: a hidden prompt on a terminal (also for --with-token,
 * which would otherwise wait for Ctrl-D), all of stdin for --with-token in a pipe.
 */
async function keyFromUser(ctx: CommandContext, withToken: boolean): Promise<string> {
  if (ctx.canPrompt) return checkedKey(await askSecret(ctx.io, "Paste your API key (input hidden): "), "the prompt");
  if (withToken) return checkedKey(await readAll(ctx.io), "stdin");
  throw new UsageError(HOW_TO_GET_A_KEY, "login");
}

/** A key as typed or piped: surrounding whitespace dropped; empty or several words is a mistake. */
export function checkedKey(text: string, source: string): string {
  const key = text.trim();
  if (key === "") throw new UsageError(`No API key was read from ${source}.\n${HOW_TO_GET_A_KEY}`, "login");
  if (/\s/.test(key)) throw new UsageError(`What was read from ${source} is not one API key: it contains spaces or line breaks.`, "login");
  return key;
}
