import { describe, expect, it } from "vitest";
import { formatBytes, ProgressBar, progressBar, progressLine, REDRAW_MS } from "./progress.js";

const MiB = 1024 * 1024;

describe("formatBytes", () => {
  it("reads as bytes, then binary units with one decimal below 10", () => {
    expect([0, 17, 1023, 1024, 1536, 10 * 1024, 3 * MiB, 3 * MiB + 17, 120 * MiB, 5 * 1024 * MiB].map(formatBytes)).toEqual([
      "0 B",
      "17 B",
      "1023 B",
      "1.0 KiB",
      "1.5 KiB",
      "10 KiB",
      "3.0 MiB",
      "3.0 MiB",
      "120 MiB",
      "5.0 GiB",
    ]);
  });
});

describe("progressLine", () => {
  it("shows a bar, bytes done of the total, the percentage and the average rate", () => {
    const line = progressLine({ label: "report.md", bytes: 1.5 * MiB, total: 3 * MiB, elapsedMs: 500 }, 80);
    expect(line).toBe("report.md  [###############...............]  1.5 MiB / 3.0 MiB  50%  3.0 MiB/s");
    expect(line.length).toBeLessThan(80);
  });

  it("leaves the rate out before any time has passed, and counts an empty file as done", () => {
    expect(progressLine({ label: "a", bytes: 0, total: 0, elapsedMs: 0 }, 60)).toBe(`a  [${"#".repeat(30)}]  0 B / 0 B  100%`);
  });

  it("has no bar nor percentage without a total", () => {
    expect(progressLine({ label: "stdin.log", bytes: 2 * MiB, total: undefined, elapsedMs: 1000 }, 80)).toBe(
      "stdin.log  2.0 MiB  2.0 MiB/s",
    );
  });

  it("fits narrow terminals: a shorter bar, then none, then a cut label", () => {
    const state = { label: "reports/2026/q1/summary.md", bytes: MiB, total: 4 * MiB, elapsedMs: 1000 };
    for (const columns of [100, 80, 65, 40, 20]) expect(progressLine(state, columns).length, String(columns)).toBeLessThan(columns);
    expect(progressLine(state, 80)).toBe("reports/2026/q1/summary.md  [###...........]  1.0 MiB / 4.0 MiB  25%  1.0 MiB/s");
    expect(progressLine(state, 65)).toBe("reports/2026/q1/summary.md  1.0 MiB / 4.0 MiB  25%  1.0 MiB/s");
    expect(progressLine(state, 40)).toBe("rep…  1.0 MiB / 4.0 MiB  25%  1.0 MiB/s");
  });
});

describe("ProgressBar", () => {
  /** A terminal that records each write, and a clock the test moves. */
  function setup() {
    const writes: string[] = [];
    const clock = { now: 0 };
    const bar = new ProgressBar({ write: (t: string) => writes.push(t), isTTY: true, columns: 80 }, "big.bin", () => clock.now);
    return { writes, clock, bar };
  }

  it("redraws in place at most every 100 ms, and always draws the final count", () => {
    const { writes, clock, bar } = setup();
    bar.update({ bytes: 0, total: 10 * MiB });
    for (let i = 1; i <= 100; i++) {
      clock.now = i * 10; // an update every 10 ms for a second
      bar.update({ bytes: i * 100 * 1024, total: 10 * MiB });
    }
    expect(writes.length).toBe(1 + 1000 / REDRAW_MS);
    for (const w of writes) expect([w.startsWith("\rbig.bin  ["), w.endsWith("\u001b[K")]).toEqual([true, true]);
    clock.now = 1005;
    bar.update({ bytes: 10 * MiB, total: 10 * MiB });
    bar.done();
    expect(writes.at(-2)).toContain("10 MiB / 10 MiB  100%");
    expect(writes.at(-1)).toBe("\n");
  });

  it("draws a new stage at once, with its own rate, and names the hashing stage", () => {
    const { writes, clock, bar } = setup();
    bar.update({ stage: "hashing", bytes: 0, total: 4 * MiB });
    clock.now = 1000;
    bar.update({ stage: "hashing", bytes: 4 * MiB, total: 4 * MiB });
    expect(writes.at(-1)).toMatch(/^\rbig\.bin \(hashing\) {2}\[#+\] {2}4\.0 MiB \/ 4\.0 MiB {2}100% {2}4\.0 MiB\/s/);
    clock.now = 1010;
    bar.update({ stage: "sending", bytes: 0, total: 4 * MiB });
    expect(writes.at(-1)).toMatch(/^\rbig\.bin {2}\[\.+\] {2}0 B \/ 4\.0 MiB {2}0%/);
    clock.now = 1510;
    bar.update({ stage: "sending", bytes: MiB, total: 4 * MiB });
    expect(writes.at(-1)).toContain("1.0 MiB / 4.0 MiB  25%  2.0 MiB/s");
    expect(writes).toHaveLength(4);
  });

  it("ends its line after a failure only if it drew one", () => {
    const drawn = setup();
    drawn.bar.update({ bytes: 1, total: 2 });
    drawn.bar.abandon();
    expect(drawn.writes.at(-1)).toBe("\n");
    const silent = setup();
    silent.bar.abandon();
    expect(silent.writes).toEqual([]);
  });

  it("is made only for a terminal's stderr", () => {
    const io = (tty: boolean) => ({
      stdout: { write: () => true },
      stderr: { write: () => true, isTTY: tty },
      stdin: process.stdin,
      env: {},
    });
    expect(progressBar(io(true), "x")).toBeInstanceOf(ProgressBar);
    expect(progressBar(io(false), "x")).toBeUndefined();
  });
});
