/**
 * `mi files list|push|pull|rm|changes`: the office's shared drive, which every agent sees at
 * /shared/files/, as the docs show it (`mi files push --colony <colonyId> ./report.md`,
 * `mi files pull --colony <colonyId> report.md`). Transfers stream, so files of any size move
 * in bounded memory; on a terminal they draw a progress bar on stderr. Ctrl-C cancels a
 * transfer cleanly: a push stores nothing, a pull writes nothing.
 */
import { once } from "node:events";
import { stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { CommandContext } from "../context.js";
import { CancelledError, UsageError } from "../exit.js";
import type { OutStream } from "../io.js";
import { formatBytes, type ProgressUpdate, progressBar } from "../progress.js";
import { ask } from "../prompt.js";
import type { FileChangePage, FileInfo } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { changeTable, fileDetails, fileTable } from "./file-views.js";
import { FILE_CHANGE_PAGE_FIELDS, FILE_FIELDS } from "./fields.js";

/** The word that stands for stdin (push) or stdout (pull) instead of a local file. */
const STDIO = "-";

export const listFiles = command({
  name: "files list",
  aliases: ["files ls"],
  summary: "List the files of an office's shared drive, in path order",
  description: "Sizes read as 1.5 MiB on a terminal and are exact byte counts when piped (and in --json).",
  examples: [
    "mi files list --colony <colonyId>",
    "mi files list --colony <id> --prefix reports/ --limit 20",
    "mi files list <colonyId> --json path,size,sha256",
  ],
  args: { officeId: arg.office() },
  flags: {
    prefix: flag.string({ summary: "Only paths starting with this, e.g. reports/" }),
    limit: flag.integer({ summary: "At most this many files (default: all)", value: "n", min: 1 }),
  },
  json: FILE_FIELDS,
  async run(ctx, { args, flags }): Promise<FileInfo[]> {
    return (await ctx.client()).files.list(args.officeId, { prefix: flags.prefix, limit: flags.limit });
  },
  render: (files, { args, flags }, term) =>
    files.length === 0
      ? {
          status:
            flags.prefix === undefined
              ? `No files. Upload one with mi files push --colony ${args.officeId} ./report.md\n`
              : `No files under ${flags.prefix}.\n`,
        }
      : { data: fileTable(files, term) },
});

export const pushFile = command({
  name: "files push",
  aliases: ["files upload"],
  summary: "Upload a local file to an office's shared drive, replacing any file at that path",
  description: [
    "The file goes to <remote> in the drive: by default the local file's name, and a <remote> ending",
    "in / puts it in that folder. Agents see it at /shared/files/<remote>. Its size and SHA-256 go",
    "ahead of the bytes, so the server stores nothing unless exactly those bytes arrive: a failed or",
    "interrupted push leaves the drive as it was. <local> - reads stdin (then <remote> is required).",
    "On a terminal, a progress bar shows on stderr.",
  ].join("\n"),
  examples: [
    "mi files push --colony <colonyId> ./report.md",
    "mi files push --colony <id> ./src/rate-limiter.go src/",
    "mi files push <colonyId> ./notes.txt docs/notes.md --content-type text/markdown --json path,sha256",
    "mi files push --colony <id> - logs/build.log",
  ],
  args: {
    officeId: arg.office(),
    local: arg.string({ summary: "Local file to upload; - reads stdin" }),
    remote: arg.string({ summary: "Path in the drive (default: the local file's name; ending in /, that folder)", optional: true }),
  },
  flags: {
    contentType: flag.string({ summary: "Media type (default: guessed from the path's extension)", value: "type" }),
  },
  json: FILE_FIELDS,
  check({ args }) {
    if (args.local === STDIO && args.remote === undefined) {
      throw new UsageError("Reading stdin (-), mi needs the path to store it under: mi files push --colony <id> - <remote>.", "files push");
    }
  },
  async run(ctx, { args, flags }): Promise<FileInfo> {
    const client = await ctx.client();
    const remote = remotePathFor(args.local, args.remote);
    return transfer(ctx, remote, `Cancelled: ${remote} was not uploaded; the drive is as it was.`, (options) =>
      args.local === STDIO
        ? client.files.upload(args.officeId, remote, ctx.io.stdin, { ...options, contentType: flags.contentType })
        : locally("read", args.local, () =>
            client.files.uploadFile(args.officeId, remote, args.local, { ...options, contentType: flags.contentType }),
          ),
    );
  },
  render: (file, { args }) => ({
    status: `Uploaded ${args.local === STDIO ? "stdin" : args.local} to ${file.path} (${formatBytes(file.size)})\n`,
    data: fileDetails(file),
  }),
});

/** What `mi files pull` did: the file, and where it went. */
export interface PulledFile {
  file: FileInfo;
  /** The local path written, or `-` for stdout. */
  local: string;
}

export const pullFile = command({
  name: "files pull",
  aliases: ["files download"],
  summary: "Download a file from an office's shared drive",
  description: [
    "The file goes to <local>: by default its name in the current directory, and an existing",
    "directory (or a path ending in /) gets it inside. A file already there is replaced, but only",
    "once every byte has arrived and matched the file's SHA-256: until then the bytes go to a",
    "hidden temporary file beside it, removed if the pull fails or is interrupted. <local> - writes",
    "the bytes to stdout. On a terminal, a progress bar shows on stderr.",
  ].join("\n"),
  examples: [
    "mi files pull --colony <colonyId> report.md",
    "mi files pull --colony <id> reports/summary.md ./out/",
    "mi files pull <colonyId> logs/build.log -",
  ],
  args: {
    officeId: arg.office(),
    remote: arg.string({ summary: "Path of the file in the drive" }),
    local: arg.string({ summary: "Where to write it (default: its name, here); - writes to stdout", optional: true }),
  },
  flags: {},
  json: FILE_FIELDS,
  toJson: (pulled) => (pulled as PulledFile).file,
  check({ args, json }) {
    if (args.local === STDIO && json !== undefined) {
      throw new UsageError("--json cannot go with - : stdout carries the file's bytes.", "files pull");
    }
  },
  async run(ctx, { args }): Promise<PulledFile> {
    const client = await ctx.client();
    if (args.local === STDIO) {
      const file = await transfer(ctx, args.remote, `Cancelled: the download of ${args.remote} stopped.`, async (options) => {
        const { file, content } = await client.files.download(args.officeId, args.remote, { signal: options.signal });
        let bytes = 0;
        for await (const chunk of content) {
          await writeBytes(ctx.io.stdout, chunk);
          bytes += chunk.byteLength;
          options.onProgress({ stage: "receiving", bytes, total: file.size });
        }
        return file;
      });
      return { file, local: STDIO };
    }
    const local = await localPathFor(args.remote, args.local);
    const file = await transfer(ctx, args.remote, `Cancelled: nothing was written to ${local}.`, (options) =>
      locally("write", local, () => client.files.downloadFile(args.officeId, args.remote, local, options)),
    );
    return { file, local };
  },
  render: ({ file, local }) => ({
    status: `Downloaded ${file.path}${local === STDIO ? "" : ` to ${local}`} (${formatBytes(file.size)})\n`,
  }),
});

/** What `mi files rm` deleted. */
export interface DeletedFile {
  path: string;
}

export const removeFile = command({
  name: "files rm",
  aliases: ["files delete"],
  summary: "Delete a file from an office's shared drive",
  description: [
    "On a terminal, mi asks you to type the file's path to confirm; any other answer cancels with",
    "exit code 1 and deletes nothing. In scripts and pipes, where mi cannot ask, pass --yes;",
    "without it mi exits with code 2 and deletes nothing.",
  ].join("\n"),
  examples: ["mi files rm --colony <colonyId> report.md", "mi files rm --colony <id> reports/old.md --yes"],
  args: { officeId: arg.office(), path: arg.string({ summary: "Path of the file in the drive" }) },
  flags: {
    yes: flag.switch({ summary: "Delete without asking (required when stdin or stderr is not a terminal)", short: "y" }),
  },
  async run(ctx, { args, flags }): Promise<DeletedFile> {
    if (!flags.yes && !ctx.canPrompt) {
      throw new UsageError(
        `Not deleting ${args.path}: mi cannot ask for confirmation here (no terminal). Pass --yes to delete it.`,
        "files rm",
      );
    }
    const client = await ctx.client();
    // Looked up first, so a wrong path fails before the question.
    if (!flags.yes) await confirmDeletion(ctx, args.officeId, await client.files.get(args.officeId, args.path));
    await client.files.delete(args.officeId, args.path);
    return { path: args.path };
  },
  render: ({ path }, { args }) => ({ status: `Deleted ${path} from the drive of office ${args.officeId}\n` }),
});

export const fileChanges = command({
  name: "files changes",
  summary: "List changes to an office's shared drive after a cursor, oldest first",
  description: [
    "For incremental sync: each run ends with the command that lists what changed since (its",
    "--since is the last change's id). Without --since, from the oldest change kept.",
  ].join("\n"),
  examples: ["mi files changes --colony <id>", "mi files changes --colony <id> --since 41 --limit 100 --json changes,next"],
  args: { officeId: arg.office() },
  flags: {
    since: flag.integer({ summary: "Only changes after this cursor (the last id you saw)", value: "id", min: 0, aliases: ["sinceId"] }),
    limit: flag.integer({ summary: "At most this many changes, 1 to 1000 (default 100)", value: "n", min: 1 }),
  },
  json: FILE_CHANGE_PAGE_FIELDS,
  async run(ctx, { args, flags }): Promise<FileChangePage> {
    return (await ctx.client()).files.changes(args.officeId, { since: flags.since, limit: flags.limit });
  },
  render: (page, { args, flags }, term) => {
    const next = `mi files changes --colony ${args.officeId} --since ${page.next}\n`;
    if (page.changes.length === 0) return { status: `No changes after ${flags.since ?? 0}. Next: ${next}` };
    return { data: changeTable(page.changes, term), status: `${page.hasMore ? "More changes are waiting; next" : "Next"}: ${next}` };
  },
});

/** The drive path a push writes: the local file's name, alone or in the folder `remote` ends with. */
export function remotePathFor(local: string, remote: string | undefined): string {
  if (remote === undefined) return basename(local);
  return remote.endsWith("/") ? remote + basename(local) : remote;
}

/** The local path a pull writes: the file's name here, or inside the directory `local` names. */
export async function localPathFor(remote: string, local: string | undefined): Promise<string> {
  if (local === undefined) return basename(remote);
  if (local.endsWith("/")) return join(local, basename(remote));
  const found = await stat(local).catch(() => undefined);
  return found?.isDirectory() ? join(local, basename(remote)) : local;
}

/** What a transfer gets: the bar's callback and the Ctrl-C signal. */
interface TransferOptions {
  onProgress: (progress: ProgressUpdate) => void;
  signal: AbortSignal;
}

/**
 * Runs a push or pull with a progress bar for `label` (on a terminal) and Ctrl-C (or SIGTERM)
 * cancelling it: the SDK then stores or writes nothing, and mi exits with `cancelled` (code 1).
 */
async function transfer<T>(
  ctx: CommandContext,
  label: string,
  cancelled: string,
  work: (options: TransferOptions) => Promise<T>,
): Promise<T> {
  const bar = progressBar(ctx.io, label);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    const result = await work({ onProgress: (p) => bar?.update(p), signal: controller.signal });
    bar?.done();
    return result;
  } catch (err) {
    bar?.abandon();
    if (controller.signal.aborted) throw new CancelledError(cancelled);
    throw err;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

/**
 * Runs `work`, which reads or writes the local file `path`, turning the file system's refusals
 * into plain sentences about that path (rather than, say, the temporary file beside it).
 */
async function locally<T>(verb: "read" | "write", path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === undefined ? undefined : LOCAL_ERRORS[code];
    if (why !== undefined) throw new Error(`Cannot ${verb} ${path}: ${why}.`);
    // The SDK's own check that an upload's source is a file.
    if ((err as { violations?: { field: string }[] }).violations?.[0]?.field === "localPath") {
      throw new Error(`Cannot ${verb} ${path}: it is not a regular file.`);
    }
    throw err;
  }
}

const LOCAL_ERRORS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EISDIR: "it is a directory",
  ENOTDIR: "a part of the path is not a directory",
  ENOSPC: "no space left on the device",
};

/** Writes bytes to stdout, waiting while its buffer is full, so a slow reader holds the download back. */
async function writeBytes(out: OutStream, chunk: Uint8Array): Promise<void> {
  // Typed for text; process.stdout takes bytes too, and says when to wait (false) and for what (drain).
  const stream = out as unknown as { write(chunk: Uint8Array): boolean; once?: unknown };
  if (stream.write(chunk) === false && typeof stream.once === "function") await once(stream as unknown as NodeJS.EventEmitter, "drain");
}

/** Asks for the file's path; anything else cancels. */
async function confirmDeletion(ctx: CommandContext, officeId: string, file: FileInfo): Promise<void> {
  const answer = await ask(
    ctx.io,
    `This deletes ${file.path} (${formatBytes(file.size)}) from the shared drive of office ${officeId}; agents lose it at once.\n` +
      "Type the file's path to confirm: ",
  );
  if (answer?.trim() !== file.path) throw new CancelledError(`Cancelled: ${file.path} was not deleted.`);
}
