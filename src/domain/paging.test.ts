import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { DEFAULT_PAGE_SIZE, keysetPage, numberKey, pageOf } from "./paging.js";

const rows = Array.from({ length: 250 }, (_, i) => ({ id: i + 1 }));
/** A store over `rows`: ids after `after`, ascending, at most `limit`. */
const fetch = async (limit: number, after: number | undefined) => rows.filter((r) => r.id > (after ?? 0)).slice(0, limit);
const byId = numberKey<{ id: number }>((r) => r.id);

describe("keysetPage", () => {
  it("walks every row once, page by page, and the last page has no token", async () => {
    const seen: number[] = [];
    let pageToken = "";
    let pages = 0;
    do {
      const page = await keysetPage({ pageSize: 60, pageToken }, byId, fetch);
      seen.push(...page.items.map((r) => r.id));
      pageToken = page.next;
      pages++;
    } while (pageToken);
    expect(pages).toBe(5);
    expect(seen).toEqual(rows.map((r) => r.id));
  });

  it("uses the default size when none is asked for", async () => {
    const page = await keysetPage({ pageSize: 0, pageToken: "" }, byId, fetch);
    expect(page.items).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(page.next).not.toBe("");
  });

  it("has no next token when the rows fit exactly", async () => {
    const page = await keysetPage({ pageSize: 250, pageToken: "" }, byId, fetch);
    expect(page.items).toHaveLength(250);
    expect(page.next).toBe("");
  });

  it.each([
    ["not base64 JSON", "garbage"],
    ["a negative key", Buffer.from("-3").toString("base64url")],
    ["a fraction", Buffer.from("1.5").toString("base64url")],
    ["the wrong shape", Buffer.from('{"id":3}').toString("base64url")],
  ])("refuses a token holding %s with a message saying what to pass", async (_, pageToken) => {
    const err = await keysetPage({ pageSize: 10, pageToken }, byId, fetch).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ kind: "invalid_argument", message: expect.stringMatching(/next_page_token of the previous response/) });
  });
});

describe("pageOf", () => {
  it("tells whether more rows follow", async () => {
    expect(await pageOf(3, async (limit) => rows.slice(0, limit))).toMatchObject({ more: true, items: [{ id: 1 }, { id: 2 }, { id: 3 }] });
    expect(await pageOf(300, async (limit) => rows.slice(0, limit))).toMatchObject({ more: false });
  });
});
