import { describe, expect, it } from "vitest";
import { formatPathTemplate, parsePathTemplate, type PathSegment, type PathVariable } from "./path-template.js";

const lit = (value: string): PathSegment => ({ kind: "literal", value });
const star: PathSegment = { kind: "*" };
const starStar: PathSegment = { kind: "**" };
const v = (fieldPath: string, start: number, end: number): PathVariable => ({ fieldPath, start, end });

interface Case {
  template: string;
  segments?: PathSegment[];
  verb?: string;
  variables?: PathVariable[];
  error?: string;
}

const cases: Case[] = [
  // Valid templates.
  { template: "/api/offices", segments: [lit("api"), lit("offices")], variables: [] },
  { template: "/api/offices/{office_id}", segments: [lit("api"), lit("offices"), star], variables: [v("office_id", 2, 3)] },
  {
    template: "/api/offices/{office_id}/tasks:claim",
    segments: [lit("api"), lit("offices"), star, lit("tasks")],
    verb: "claim",
    variables: [v("office_id", 2, 3)],
  },
  { template: "/v1:watch", segments: [lit("v1")], verb: "watch", variables: [] },
  { template: "/{_}", segments: [star], variables: [v("_", 0, 1)] },
  { template: "/{hello}/world", segments: [star, lit("world")], variables: [v("hello", 0, 1)] },
  {
    template: "/v1/{name=shelves/*/books/*}",
    segments: [lit("v1"), lit("shelves"), star, lit("books"), star],
    variables: [v("name", 1, 5)],
  },
  {
    template: "/v1/{book.name=shelves/*/books/*}:publish",
    segments: [lit("v1"), lit("shelves"), star, lit("books"), star],
    verb: "publish",
    variables: [v("book.name", 1, 5)],
  },
  { template: "/v1/files/{path=**}", segments: [lit("v1"), lit("files"), starStar], variables: [v("path", 2, -1)] },
  {
    template: "/v1/files/{path=**}:download",
    segments: [lit("v1"), lit("files"), starStar],
    verb: "download",
    variables: [v("path", 2, -1)],
  },
  { template: "/v1/{var=*}", segments: [lit("v1"), star], variables: [v("var", 1, 2)] },
  { template: "/v1/*/items/**", segments: [lit("v1"), star, lit("items"), starStar], variables: [] },
  {
    template: "/foo/{a.b.c}/bar/{d_1}",
    segments: [lit("foo"), star, lit("bar"), star],
    variables: [v("a.b.c", 1, 2), v("d_1", 3, 4)],
  },
  // Literals are stored percent-decoded.
  { template: "/my%2fcool-blog~x/%2A", segments: [lit("my/cool-blog~x"), lit("*")], variables: [] },
  { template: "/foo/bar:baz%2Cqux", segments: [lit("foo"), lit("bar")], verb: "baz,qux", variables: [] },
  // Invalid templates, with the column of the problem.
  { template: "", error: "syntax error at column 1: expected '/', got the end" },
  { template: "foo/bar", error: "syntax error at column 1: expected '/', got 'f'" },
  { template: "/", error: "syntax error at column 2: expected a path segment, got the end" },
  { template: "/foo/bar/", error: "syntax error at column 10: expected a path segment, got the end" },
  { template: "/foo//bar", error: "syntax error at column 6: expected a path segment, got '/'" },
  { template: "/{1}", error: "syntax error at column 3: expected identifier" },
  { template: "/{field.1}", error: "syntax error at column 9: expected identifier" },
  { template: "/{-}", error: "syntax error at column 3: expected identifier" },
  { template: "/{field-}", error: "syntax error at column 8: expected '}', got '-'" },
  { template: "/{field", error: "syntax error at column 8: expected '}', got the end" },
  { template: "/foo/{bar/baz}", error: "syntax error at column 10: expected '}', got '/'" },
  { template: "/foo/bar/baz?abc=def", error: "syntax error at column 13: unexpected '?'" },
  { template: "/foo/bar/baz buzz", error: "syntax error at column 13: unexpected ' '" },
  { template: "/foo/bar:baz/buzz", error: "syntax error at column 13: unexpected '/'" },
  { template: "/foo/bar:", error: "syntax error at column 10: unexpected end" },
  { template: "/foo/bar*", error: "syntax error at column 9: unexpected '*'" },
  { template: "/foo/bar/***", error: "syntax error at column 12: unexpected '*'" },
  { template: "/foo/*bar", error: "syntax error at column 7: unexpected 'b'" },
  { template: "/foo/**/bar", error: "syntax error at column 8: '**' must be the last path segment" },
  { template: "/foo/{a=**}/bar", error: "syntax error at column 12: '**' must be the last path segment" },
  { template: "/{a}/{a}", error: 'syntax error at column 8: duplicate variable "a"' },
  { template: "/{a={b}}", error: "syntax error at column 5: variables cannot be nested" },
  { template: "/foo/bar%5", error: "syntax error at column 9: invalid percent-escape '%5'" },
  { template: "/foo/bar%zz", error: "syntax error at column 9: invalid percent-escape '%zz'" },
  { template: "/foo/%FF", error: "syntax error at column 6: percent-escapes are not valid UTF-8" },
];

describe("parsePathTemplate", () => {
  it.each(cases)("$template", ({ template, segments, verb, variables, error }) => {
    if (error !== undefined) {
      expect(() => parsePathTemplate(template)).toThrow(`path template "${template}": ${error}`);
      return;
    }
    const parsed = parsePathTemplate(template);
    expect(parsed.segments).toEqual(segments);
    expect(parsed.verb).toEqual(verb);
    expect(parsed.variables).toEqual(variables);
  });
});

describe("formatPathTemplate", () => {
  it.each([
    ["/api/offices/{office_id}/tasks:claim", "/api/offices/{office_id}/tasks:claim"],
    ["/v1/{name=shelves/*/books/*}", "/v1/{name=shelves/*/books/*}"],
    ["/v1/files/{path=**}", "/v1/files/{path=**}"],
    ["/v1/{id=*}", "/v1/{id}"],
    ["/a%2fb/c%2A:x%2cy", "/a%2Fb/c%2A:x%2Cy"],
  ])("%s prints as %s", (template, printed) => {
    expect(formatPathTemplate(parsePathTemplate(template))).toBe(printed);
  });
});
