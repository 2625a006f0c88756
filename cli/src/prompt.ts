/**
 * Reading from stdin: a line typed at a prompt, a secret typed without echo, or everything
 * piped in. Questions go to stderr so stdout stays data only.
 */
import { CancelledError } from "./exit.js";
import type { IO } from "./io.js";

const CTRL_C = "\u0003";
const CTRL_D = "\u0004";
const CTRL_U = "\u0015";
const BACKSPACE = ["\u007f", "\b"];
const ESC = "\u001b";

/** Asks `question` on stderr and returns the line typed (without the line break); undefined at end of input. */
export async function ask(io: IO, question: string): Promise<string | undefined> {
  io.stderr.write(question);
  let text = "";
  const line = await consume(io, (chunk) => {
    text += chunk;
    const end = text.indexOf("\n");
    return end === -1 ? undefined : { value: text.slice(0, end).replace(/\r$/, "") };
  });
  return line ?? (text === "" ? undefined : text);
}

/**
 * Asks `question` and reads a secret with the terminal's echo off (raw mode), so the key is
 * never shown nor left in scrollback. Enter ends it; backspace and Ctrl-U edit; Ctrl-C and
 * Ctrl-D on an empty line cancel. Escape sequences (arrow keys) are ignored.
 */
export async function askSecret(io: IO, question: string): Promise<string> {
  io.stderr.write(question);
  io.stdin.setRawMode?.(true);
  let secret = "";
  try {
    const answer = await consume(io, (chunk) => {
      if (chunk.startsWith(ESC)) return undefined;
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return { value: secret };
        if (ch === CTRL_C || (ch === CTRL_D && secret === "")) return { cancelled: true };
        if (ch === CTRL_D) return { value: secret };
        if (BACKSPACE.includes(ch)) secret = [...secret].slice(0, -1).join("");
        else if (ch === CTRL_U) secret = "";
        else if (ch >= " ") secret += ch;
      }
      return undefined;
    });
    if (answer === undefined) throw new CancelledError("Cancelled: the input ended before Enter.");
    return answer;
  } finally {
    io.stdin.setRawMode?.(false);
    // Raw mode swallowed the Enter, so the terminal's cursor is still on the prompt line.
    io.stderr.write("\n");
  }
}

/** Everything piped to stdin, as text. */
export async function readAll(io: IO): Promise<string> {
  let text = "";
  await consume(io, (chunk) => {
    text += chunk;
    return undefined;
  });
  return text;
}

type Step = { value: string } | { cancelled: true } | undefined;

/**
 * Feeds stdin's chunks to `step` until it returns an answer or the input ends (undefined),
 * then detaches and pauses stdin so the process can exit.
 */
function consume(io: IO, step: (chunk: string) => Step): Promise<string | undefined> {
  const stdin = io.stdin;
  return new Promise((resolve, reject) => {
    const finish = (result: Step | "end", error?: Error) => {
      stdin.off("data", onData);
      stdin.off("end", onEnd);
      stdin.off("error", onError);
      stdin.pause();
      if (error) reject(error);
      else if (result === "end" || result === undefined) resolve(undefined);
      else if ("cancelled" in result) reject(new CancelledError("Cancelled."));
      else resolve(result.value);
    };
    const onData = (chunk: Buffer | string) => {
      const result = step(chunk.toString());
      if (result !== undefined) finish(result);
    };
    const onEnd = () => finish("end");
    const onError = (err: Error) => finish(undefined, err);
    stdin.on("data", onData);
    stdin.on("end", onEnd);
    stdin.on("error", onError);
    // Decoded as one stream, so a character split across chunks arrives whole.
    stdin.setEncoding("utf8");
    stdin.resume();
  });
}
