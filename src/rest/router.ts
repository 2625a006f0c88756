/**
 * The route trie: every REST binding is inserted once at start-up, and each
 * request path is matched by walking the trie. At every node a literal child
 * is tried first, then `*`, then `**`; a final segment that carries a `:verb`
 * is tried as a verb first and then as a plain segment (so a colon inside a
 * variable value still matches). Within a node, routes are keyed by verb and
 * HTTP method, which makes duplicates and 405 detection direct.
 */
import { decodeSegment, decodeSegmentKeepSlash } from "./path-encoding.js";
import { formatPathTemplate, type PathTemplate } from "./path-template.js";

/** A route: one HTTP method on one path template, leading to `target`. */
export interface Route<T> {
  /** Upper-case HTTP method, or "*" for a custom binding that accepts any method. */
  httpMethod: string;
  template: PathTemplate;
  /** Names the route's owner in conflict messages, e.g. `mitosis.v1.OfficeService.GetOffice`. */
  name: string;
  target: T;
}

/** The outcome of matching a request against the trie. */
export type RouteMatch<T> =
  | {
      kind: "match";
      route: Route<T>;
      /** Variable values by field path, percent-decoded. */
      variables: Map<string, string>;
    }
  | { kind: "method_not_allowed"; allowed: string[] }
  | { kind: "no_match" };

/** A path segment whose percent-escapes are malformed, found while capturing a variable. */
export class PathValueError extends Error {
  override name = "PathValueError";
}

class Node<T> {
  readonly literals = new Map<string, Node<T>>();
  star: Node<T> | undefined;
  doubleStar: Node<T> | undefined;
  /** Routes ending here, by verb key ("" or ":verb") and HTTP method. */
  readonly ends = new Map<string, Map<string, Route<T>>>();
}

/** Routes requests to targets by HTTP method and path. */
export class RouteTrie<T> {
  private readonly root = new Node<T>();

  /** Adds a route; throws if another route already matches exactly the same requests. */
  add(route: Route<T>): void {
    let node = this.root;
    for (const segment of route.template.segments) {
      switch (segment.kind) {
        case "literal": {
          let child = node.literals.get(segment.value);
          if (!child) {
            child = new Node<T>();
            node.literals.set(segment.value, child);
          }
          node = child;
          break;
        }
        case "*":
          node = node.star ??= new Node<T>();
          break;
        case "**":
          node = node.doubleStar ??= new Node<T>();
          break;
      }
    }
    const key = verbKey(route.template.verb);
    let methods = node.ends.get(key);
    if (!methods) {
      methods = new Map();
      node.ends.set(key, methods);
    }
    const existing = methods.get(route.httpMethod);
    if (existing) {
      throw new Error(`conflicting REST bindings: ${describe(existing)} and ${describe(route)} match the same requests`);
    }
    methods.set(route.httpMethod, route);
  }

  /**
   * Matches a request. `path` is the raw (still percent-encoded) URL path
   * without the query string. HEAD falls back to GET.
   */
  match(httpMethod: string, path: string): RouteMatch<T> {
    if (!path.startsWith("/")) {
      return { kind: "no_match" };
    }
    const candidates = splitPath(path.slice(1));
    for (const candidate of candidates) {
      let found: Route<T> | undefined;
      this.walk(candidate, (node) => {
        const methods = node.ends.get(candidate.verbKey);
        found = methods?.get(httpMethod) ?? (httpMethod === "HEAD" ? methods?.get("GET") : undefined) ?? methods?.get("*");
        return found !== undefined;
      });
      if (found) {
        return { kind: "match", route: found, variables: captureVariables(found.template, candidate.segments) };
      }
    }
    const allowed = new Set<string>();
    for (const candidate of candidates) {
      this.walk(candidate, (node) => {
        for (const method of node.ends.get(candidate.verbKey)?.keys() ?? []) {
          allowed.add(method);
        }
        return false;
      });
    }
    if (allowed.size === 0) {
      return { kind: "no_match" };
    }
    if (allowed.has("GET")) {
      allowed.add("HEAD");
    }
    return { kind: "method_not_allowed", allowed: [...allowed].sort() };
  }

  /** Visits, in precedence order, every node the candidate's segments lead to; stops when visit returns true. */
  private walk(candidate: Candidate, visit: (node: Node<T>) => boolean): boolean {
    const { segments, decoded } = candidate;
    const step = (node: Node<T>, i: number): boolean => {
      if (i === segments.length) {
        if (visit(node)) {
          return true;
        }
      } else if (segments[i] !== "") {
        const value = decoded[i];
        const literal = value === undefined ? undefined : node.literals.get(value);
        if (literal && step(literal, i + 1)) {
          return true;
        }
        if (node.star && step(node.star, i + 1)) {
          return true;
        }
      }
      // `**` takes all remaining segments, zero or more, none of them empty.
      if (node.doubleStar && segments.slice(i).every((s) => s !== "")) {
        return visit(node.doubleStar);
      }
      return false;
    };
    return step(this.root, 0);
  }
}

/**
 * Extracts the variable values of a matched template from the raw segments.
 * A single-segment capture is fully decoded; a multi-segment capture keeps
 * `%2F` encoded and joins its segments with "/".
 */
export function captureVariables(template: PathTemplate, segments: string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const variable of template.variables) {
    const parts = segments.slice(variable.start, variable.end === -1 ? undefined : variable.end);
    const single = variable.end !== -1 && parts.length === 1;
    const decoded = parts.map((part) => (single ? decodeSegment(part) : decodeSegmentKeepSlash(part)));
    const bad = decoded.indexOf(undefined);
    if (bad >= 0) {
      throw new PathValueError(`path segment "${parts[bad]}" has an invalid percent-escape`);
    }
    values.set(variable.fieldPath, decoded.join("/"));
  }
  return values;
}

interface Candidate {
  segments: string[];
  decoded: (string | undefined)[];
  verbKey: string;
}

/** The ways to read a path: with its final `:verb` split off (first), and as plain segments. */
function splitPath(path: string): Candidate[] {
  const segments = path.split("/");
  const plain: Candidate = { segments, decoded: segments.map(decodeSegment), verbKey: "" };
  const last = segments[segments.length - 1]!;
  const colon = last.lastIndexOf(":");
  if (colon < 0) {
    return [plain];
  }
  const verb = decodeSegment(last.slice(colon + 1));
  if (verb === undefined) {
    return [plain];
  }
  const withVerb = [...segments.slice(0, -1), last.slice(0, colon)];
  return [{ segments: withVerb, decoded: withVerb.map(decodeSegment), verbKey: verbKey(verb) }, plain];
}

function verbKey(verb: string | undefined): string {
  return verb === undefined ? "" : ":" + verb;
}

function describe(route: Route<unknown>): string {
  return `"${route.httpMethod} ${formatPathTemplate(route.template)}" (${route.name})`;
}
