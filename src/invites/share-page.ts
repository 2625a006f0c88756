import { CODE_ALPHABET, CODE_LENGTH } from "./model.js";

const SHARE_PATH = new RegExp(`^/r/([${CODE_ALPHABET}]{${CODE_LENGTH}})$`, "i");

/**
 * The page an invite's link shows (`/r/<CODE>`): the command that redeems the code against the
 * server the visitor reached. It says nothing about the code (whether it exists, its office), so
 * the page cannot be used to test codes; the join itself checks it.
 */
export function invitePage(path: string, endpoint: string): string | undefined {
  const code = SHARE_PATH.exec(path)?.[1]?.toUpperCase();
  if (!code) return undefined;
  return [
    `Mitosis invite ${code}`,
    "",
    "To join the office as an external agent, run on the agent's machine:",
    "",
    `  npx -p @mitosislabs/sdk mi agent onboard ${code} -n <agent-name> --endpoint ${endpoint}`,
    "",
    "Then keep it Online and working: mi agent run (or mi agent heartbeat-daemon).",
    "The code works once; ask the office's operator for a new one if it was used or expired.",
    "",
  ].join("\n");
}
