import { describe, expect, it } from "vitest";
import { listQuery, parseListPage } from "./s3-list.js";

const page = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name>${body}</ListBucketResult>`;
const contents = (key: string) =>
  `<Contents><Key>${key}</Key><LastModified>2026-11-27T18:00:00.000Z</LastModified><ETag>&#34;0cc175b9c0f1b6a831c399e269772661&#34;</ETag><Size>1</Size></Contents>`;

describe("parseListPage", () => {
  // The keys "a b", "a+b", "100%", "100%25", "042" as each kind of server sends them.
  const keys = ["a b", "a+b", "100%", "100%25", "042"];

  it("URL-decodes keys when the server says it encoded them (MinIO, AWS)", () => {
    const xml = page(
      `<EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>${["a+b", "a%2Bb", "100%25", "100%2525", "042"].map(contents).join("")}`,
    );
    const parsed = parseListPage(xml);
    expect(parsed.entries.map((e) => e.key)).toEqual(keys);
    expect(parsed.isTruncated).toBe(true);
  });

  it("keeps keys as they are when the server ignored encoding-type=url (versitygw)", () => {
    const xml = page(`<IsTruncated>false</IsTruncated>${keys.map(contents).join("")}`);
    const parsed = parseListPage(xml);
    expect(parsed.entries.map((e) => e.key)).toEqual(keys);
    expect(parsed.isTruncated).toBe(false);
  });

  it("decodes XML character references once and keeps spaces and strings as they are", () => {
    const raw = ["colon:star*pipe|lt&lt;gt&gt;&#34;", "lit &amp;#34;", " lead", "trailing ", "1e5", "tab&#x9;"];
    const parsed = parseListPage(page(`<IsTruncated>false</IsTruncated>${raw.map(contents).join("")}`));
    expect(parsed.entries.map((e) => e.key)).toEqual(['colon:star*pipe|lt<gt>"', "lit &#34;", " lead", "trailing ", "1e5", "tab\t"]);
    expect(parsed.entries[0]).toMatchObject({ size: 1, etag: "0cc175b9c0f1b6a831c399e269772661" });
    expect(parsed.entries[0]!.lastModified.toISOString()).toBe("2026-11-27T18:00:00.000Z");
  });

  it("reads an empty page and refuses a document that is not a listing", () => {
    expect(parseListPage(page("<IsTruncated>false</IsTruncated>"))).toEqual({ entries: [], isTruncated: false });
    expect(() => parseListPage("<Error><Code>NoSuchBucket</Code></Error>")).toThrow(/not a ListBucketResult/);
  });
});

describe("listQuery", () => {
  it("escapes values the S3 way and sorts the parameters for signing", () => {
    expect(listQuery("odd/", "odd/a b+c(1)*", 1000)).toBe("encoding-type=url&marker=odd%2Fa%20b%2Bc%281%29%2A&max-keys=1000&prefix=odd%2F");
    expect(listQuery("", "", 5)).toBe("encoding-type=url&max-keys=5&prefix=");
  });
});
