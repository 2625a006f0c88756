/**
 * `mi logout`: forget the saved API key (the endpoint stays, for the next `mi login`).
 */
import { command, type Rendered } from "../spec.js";

/** What a logout did, for the messages. */
export interface LoggedOut {
  path: string;
  /** Whether a key was saved (else there was nothing to do). */
  removed: boolean;
  /** MITOSIS_API_KEY is set, so commands still have a key. */
  envKey: boolean;
}

export const logout = command({
  name: "logout",
  summary: "Remove the saved API key",
  description: [
    "Deletes the key from ~/.mi/config.json and keeps the endpoint. The key itself stays valid on",
    "the server; revoke it with mi api-keys revoke <apiKeyId> if it may have leaked.",
  ].join("\n"),
  examples: ["mi logout"],
  args: {},
  flags: {},
  async run(ctx): Promise<LoggedOut> {
    const { removeSavedToken } = await ctx.sdk();
    const { path, removed } = await removeSavedToken({ env: ctx.io.env });
    return { path, removed, envKey: Boolean(ctx.io.env.MITOSIS_API_KEY) };
  },
  render: logoutMessages,
});

/** The status lines after a logout. */
export function logoutMessages(r: LoggedOut): Rendered {
  const lines = [r.removed ? `Logged out: removed the API key from ${r.path}.` : `Not logged in: no API key is saved in ${r.path}.`];
  if (r.envKey) lines.push("MITOSIS_API_KEY is still set in your environment, so mi keeps using that key; unset it to log out completely.");
  return { status: lines.join("\n") + "\n" };
}
