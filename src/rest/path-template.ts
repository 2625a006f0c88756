/**
 * Parser for google.api.http path templates (grammar from google/api/http.proto):
 *
 *     Template  = "/" Segments [ Verb ] ;
 *     Segments  = Segment { "/" Segment } ;
 *     Segment   = "*" | "**" | LITERAL | Variable ;
 *     Variable  = "{" FieldPath [ "=" Segments ] "}" ;
 *     FieldPath = IDENT { "." IDENT } ;
 *     Verb      = ":" LITERAL ;
 *
 * Variables do not nest, and `**` must be the last segment.
 */
import { decodeSegment, encodeSegment, isUnreservedChar } from "./path-encoding.js";

/** One segment of a compiled template. Literals are stored percent-decoded. */
export type PathSegment = { kind: "literal"; value: string } | { kind: "*" } | { kind: "**" };

/** A path variable: the field it binds and the segments it captures. */
export interface PathVariable {
  /** Dotted proto field path, e.g. `office_id` or `task.office_id`. */
  fieldPath: string;
  /** Index of the first captured segment. */
  start: number;
  /** Index after the last captured segment; -1 when the capture ends in `**`. */
  end: number;
}

/** A parsed path template. */
export interface PathTemplate {
  /** The template as written in the proto. */
  source: string;
  segments: PathSegment[];
  /** The custom verb after the final `:`, percent-decoded; undefined if none. */
  verb: string | undefined;
  variables: PathVariable[];
}

/** A template that does not follow the grammar. The message names the column. */
export class PathTemplateError extends Error {
  override name = "PathTemplateError";
}

/** Parses a path template; throws PathTemplateError naming the column of the problem. */
export function parsePathTemplate(source: string): PathTemplate {
  return new TemplateParser(source).parse();
}

/** Prints a template in canonical form, e.g. `/api/offices/{office_id}/tasks:claim`. */
export function formatPathTemplate(template: PathTemplate): string {
  const parts = template.segments.map((s) => (s.kind === "literal" ? encodeSegment(s.value) : s.kind));
  for (const v of [...template.variables].reverse()) {
    const end = v.end === -1 ? parts.length : v.end;
    const inner = parts.slice(v.start, end).join("/");
    parts.splice(v.start, end - v.start, inner === "*" ? `{${v.fieldPath}}` : `{${v.fieldPath}=${inner}}`);
  }
  const verb = template.verb === undefined ? "" : ":" + encodeSegment(template.verb);
  return "/" + parts.join("/") + verb;
}

const identStart = /^[A-Za-z_]$/;
const identPart = /^[A-Za-z0-9_]$/;

class TemplateParser {
  private pos = 0;
  private readonly segments: PathSegment[] = [];
  private readonly variables: PathVariable[] = [];
  private inVariable = false;
  private seenDoubleStar = false;

  constructor(private readonly input: string) {}

  parse(): PathTemplate {
    this.expect("/");
    this.parseSegments();
    let verb: string | undefined;
    if (this.peek() === ":") {
      this.pos++;
      verb = this.parseLiteral();
    }
    if (this.peek() !== undefined) {
      this.unexpected();
    }
    return { source: this.input, segments: this.segments, verb, variables: this.variables };
  }

  private parseSegments(): void {
    for (;;) {
      this.parseSegment();
      if (this.peek() !== "/") {
        return;
      }
      if (this.seenDoubleStar) {
        this.fail("'**' must be the last path segment");
      }
      this.pos++;
    }
  }

  private parseSegment(): void {
    const char = this.peek();
    if (char === "*") {
      this.pos++;
      if (this.peek() === "*") {
        this.pos++;
        this.seenDoubleStar = true;
        this.segments.push({ kind: "**" });
      } else {
        this.segments.push({ kind: "*" });
      }
      const next = this.peek();
      if (next !== undefined && next !== "/" && next !== ":" && next !== "}") {
        this.unexpected();
      }
      return;
    }
    if (char === "{") {
      this.parseVariable();
      return;
    }
    if (char === undefined || !isLiteralChar(char)) {
      this.fail(char === undefined ? "expected a path segment, got the end" : `expected a path segment, got ${quote(char)}`);
    }
    this.segments.push({ kind: "literal", value: this.parseLiteral() });
  }

  private parseVariable(): void {
    if (this.inVariable) {
      this.fail("variables cannot be nested");
    }
    this.pos++; // "{"
    const fieldPath = this.parseFieldPath();
    if (this.variables.some((v) => v.fieldPath === fieldPath)) {
      this.fail(`duplicate variable "${fieldPath}"`);
    }
    const start = this.segments.length;
    if (this.peek() === "=") {
      this.pos++;
      this.inVariable = true;
      this.parseSegments();
      this.inVariable = false;
    } else {
      this.segments.push({ kind: "*" });
    }
    this.expect("}");
    this.variables.push({ fieldPath, start, end: this.seenDoubleStar ? -1 : this.segments.length });
  }

  private parseFieldPath(): string {
    const begin = this.pos;
    for (;;) {
      const first = this.peek();
      if (first === undefined || !identStart.test(first)) {
        this.fail("expected identifier");
      }
      this.pos++;
      for (let c = this.peek(); c !== undefined && identPart.test(c); c = this.peek()) {
        this.pos++;
      }
      if (this.peek() !== ".") {
        return this.input.slice(begin, this.pos);
      }
      this.pos++;
    }
  }

  /** Reads a literal and returns it percent-decoded. */
  private parseLiteral(): string {
    const begin = this.pos;
    while (this.peek() !== undefined && isLiteralChar(this.peek()!)) {
      if (this.peek() === "%" && !/^%[0-9A-Fa-f]{2}$/.test(this.input.slice(this.pos, this.pos + 3))) {
        this.fail(`invalid percent-escape ${quote(this.input.slice(this.pos, this.pos + 3))}`);
      }
      this.pos++;
    }
    if (this.pos === begin) {
      this.unexpected();
    }
    const decoded = decodeSegment(this.input.slice(begin, this.pos));
    if (decoded === undefined) {
      this.pos = begin;
      this.fail("percent-escapes are not valid UTF-8");
    }
    return decoded;
  }

  private peek(): string | undefined {
    return this.input[this.pos];
  }

  private expect(char: string): void {
    const got = this.peek();
    if (got !== char) {
      this.fail(`expected ${quote(char)}, got ${got === undefined ? "the end" : quote(got)}`);
    }
    this.pos++;
  }

  private unexpected(): never {
    const got = this.peek();
    this.fail(got === undefined ? "unexpected end" : `unexpected ${quote(got)}`);
  }

  private fail(message: string): never {
    throw new PathTemplateError(`path template "${this.input}": syntax error at column ${this.pos + 1}: ${message}`);
  }
}

function isLiteralChar(char: string): boolean {
  return char === "%" || isUnreservedChar(char);
}

function quote(text: string): string {
  return `'${text}'`;
}
