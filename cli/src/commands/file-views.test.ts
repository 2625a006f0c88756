import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FileChange, FileInfo } from "../sdk.js";
import { changeTable, fileDetails, fileTable } from "./file-views.js";
import { localPathFor, remotePathFor } from "./files.js";

const tty = { tty: true, columns: 100 };
const pipe = { tty: false, columns: 80 };

const file = (path: string, size: number): FileInfo => ({
  path,
  size,
  contentType: "text/markdown",
  sha256: "a".repeat(64),
  createdAt: "2026-04-27T10:00:00.000Z",
  modifiedAt: "2026-04-27T11:00:00.000Z",
  modifiedBy: "analyst",
});

describe("file views", () => {
  it("list files as PATH SIZE MODIFIED BY: readable sizes on a terminal, byte counts in a pipe", () => {
    const files = [file("report.md", 17), file("data/big.bin", 3 * 1024 * 1024)];
    expect(fileTable(files, pipe)).toBe(
      "PATH\tSIZE\tMODIFIED\tBY\nreport.md\t17\t2026-04-27T11:00:00.000Z\tanalyst\ndata/big.bin\t3145728\t2026-04-27T11:00:00.000Z\tanalyst\n",
    );
    expect(fileTable(files, tty).split("\n")).toEqual([
      "PATH          SIZE     MODIFIED                  BY",
      "report.md     17 B     2026-04-27T11:00:00.000Z  analyst",
      "data/big.bin  3.0 MiB  2026-04-27T11:00:00.000Z  analyst",
      "",
    ]);
  });

  it("show one file's metadata, the exact size first", () => {
    expect(fileDetails(file("data/big.bin", 1536))).toBe(
      [
        "path:         data/big.bin",
        "size:         1536 bytes (1.5 KiB)",
        "type:         text/markdown",
        `sha256:       ${"a".repeat(64)}`,
        "modified:     2026-04-27T11:00:00.000Z",
        "modified by:  analyst",
        "created:      2026-04-27T10:00:00.000Z",
        "",
      ].join("\n"),
    );
    expect(fileDetails(file("a", 5))).toContain("size:         5 bytes\n");
  });

  it("list changes with no size for deletions", () => {
    const changes: FileChange[] = [
      { id: 1, type: "created", path: "a.md", file: file("a.md", 2), changedBy: "analyst", changedAt: "2026-04-27T12:00:00.000Z" },
      { id: 2, type: "deleted", path: "a.md", file: null, changedBy: "operator:acc", changedAt: "2026-04-27T12:01:00.000Z" },
    ];
    expect(changeTable(changes, pipe)).toBe(
      "ID\tTYPE\tPATH\tSIZE\tBY\tCHANGED\n1\tcreated\ta.md\t2\tanalyst\t2026-04-27T12:00:00.000Z\n2\tdeleted\ta.md\t-\toperator:acc\t2026-04-27T12:01:00.000Z\n",
    );
  });
});

describe("where push and pull put a file", () => {
  it("push: the local file's name, or in the folder the remote path ends with", () => {
    expect(remotePathFor("./src/rate-limiter.go", undefined)).toBe("rate-limiter.go");
    expect(remotePathFor("./report.md", "reports/")).toBe("reports/report.md");
    expect(remotePathFor("./report.md", "reports/q1.md")).toBe("reports/q1.md");
  });

  it("pull: the file's name here, or inside a directory", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mi-pull-"));
    try {
      expect(await localPathFor("reports/summary.md", undefined)).toBe("summary.md");
      expect(await localPathFor("reports/summary.md", dir)).toBe(join(dir, "summary.md"));
      expect(await localPathFor("reports/summary.md", "out/")).toBe(join("out", "summary.md"));
      expect(await localPathFor("reports/summary.md", join(dir, "mine.md"))).toBe(join(dir, "mine.md"));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
