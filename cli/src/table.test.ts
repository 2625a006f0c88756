import { describe, expect, it } from "vitest";
import { fit, renderTable } from "./table.js";

const headers = ["id", "status", "title"];
const rows = [
  ["1", "running", "Review pipeline"],
  ["22", "queued", "Find bugs and edge cases in the rate limiter"],
];

describe("renderTable on a terminal", () => {
  it("aligns columns under upper-case headers, two spaces apart, without trailing spaces", () => {
    expect(renderTable(headers, rows, { tty: true, columns: 200 })).toBe(
      ["ID  STATUS   TITLE", "1   running  Review pipeline", "22  queued   Find bugs and edge cases in the rate limiter", ""].join("\n"),
    );
  });

  it("cuts the widest column with an ellipsis so every line fits the terminal", () => {
    const out = renderTable(headers, rows, { tty: true, columns: 40 });
    expect(out).toBe(["ID  STATUS   TITLE", "1   running  Review pipeline", "22  queued   Find bugs and edge cases i…", ""].join("\n"));
    for (const line of out.trimEnd().split("\n")) expect([...line].length).toBeLessThanOrEqual(40);
  });

  it("narrows whichever column is widest, down to a minimum, and counts characters not bytes", () => {
    expect(fit([10, 30, 8], 40)).toEqual([10, 18, 8]);
    expect(fit([20, 20], 30)).toEqual([14, 14]);
    expect(fit([6, 6], 4)).toEqual([5, 5]);
    const out = renderTable(["name", "note"], [["émoji 🎉🎉🎉", "x"]], { tty: true, columns: 14 });
    expect(out.split("\n")[1]).toBe("émoji 🎉…  x");
  });
});

describe("renderTable in a pipe", () => {
  it("prints the header and rows tab-separated, never cut, one row per line", () => {
    const long = [["3", "done", "a".repeat(500)]];
    expect(renderTable(headers, [...rows, ...long], { tty: false, columns: 40 })).toBe(
      [
        "ID\tSTATUS\tTITLE",
        "1\trunning\tReview pipeline",
        "22\tqueued\tFind bugs and edge cases in the rate limiter",
        `3\tdone\t${"a".repeat(500)}`,
        "",
      ].join("\n"),
    );
  });

  it("turns tabs and line breaks inside cells into spaces, so columns and rows stay whole", () => {
    expect(renderTable(["a", "b"], [["x\ty", "line 1\nline 2"]], { tty: false, columns: 80 })).toBe("A\tB\nx y\tline 1 line 2\n");
  });
});
