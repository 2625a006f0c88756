import type { DescField, DescMessage, Message } from "@bufbuild/protobuf";
import { reflect, type ReflectMessage } from "@bufbuild/protobuf/reflect";
import { createContextKey, type ContextValues, type HandlerContext, type Interceptor } from "@connectrpc/connect";
import type { OfficeScope } from "../domain/office-scope.js";
import type { Principal } from "../domain/principal.js";
import { officeScopeKey, principalKey, requirePrincipal } from "./context.js";

/** The office access check: the caller's scope in the office, or not_found. */
export type ResolveOfficeScope = (principal: Principal, officeId: string) => Promise<OfficeScope>;

const officeNamedKey = createContextKey<string | undefined>(undefined, { description: "office the request names, resolved or not" });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a request type names its office: `office_id` itself, or a message field holding one (an upload's header). */
type OfficeField = { field: DescField } | { within: DescField & { fieldKind: "message" }; field: DescField } | null;

const officeFields = new WeakMap<DescMessage, OfficeField>();

function officeFieldOf(input: DescMessage): OfficeField {
  let found = officeFields.get(input);
  if (found === undefined) {
    const own = (m: DescMessage) => m.fields.find((f) => f.name === "office_id" && f.fieldKind === "scalar");
    const direct = own(input);
    const within = direct ? undefined : input.fields.find((f) => f.fieldKind === "message" && own(f.message));
    found = direct ? { field: direct } : within?.fieldKind === "message" ? { within, field: own(within.message)! } : null;
    officeFields.set(input, found);
  }
  return found;
}

/** The office id a request names, if it names one. */
function officeIdIn(input: DescMessage, message: Message): unknown {
  const where = officeFieldOf(input);
  if (!where) return undefined;
  const r = reflect(input, message);
  if (!("within" in where)) return r.get(where.field);
  if (!r.isSet(where.within)) return undefined;
  return (r.get(where.within) as ReflectMessage).get(where.field);
}

/**
 * Resolves the office of every request that names one in `office_id`, once, after validation
 * and before the handler: the caller must be allowed to act in it, or the request ends as
 * not_found (another account's office is indistinguishable from a missing one). Handlers read
 * the result with `scopeOf` (rpc/context.ts); domain methods that touch an office take that
 * {@link OfficeScope}, so a handler cannot reach an office it did not resolve.
 *
 * Of a stream, the first message is read here (a server stream's one request, an upload's
 * header).
 */
export function officeScopeInterceptor(resolveScope: ResolveOfficeScope): Interceptor {
  const resolve = async (values: HandlerContext["values"], officeId: unknown) => {
    if (typeof officeId !== "string" || !UUID.test(officeId)) return;
    const id = officeId.toLowerCase();
    values.set(officeNamedKey, id);
    values.set(officeScopeKey, await resolveScope(requirePrincipal(values.get(principalKey)), id));
  };
  return (next) => async (req) => {
    if (!officeFieldOf(req.method.input)) return next(req);
    if (!req.stream) {
      await resolve(req.contextValues, officeIdIn(req.method.input, req.message));
      return next(req);
    }
    // A stream names its office in its first message (an upload's header): read it, then hand the stream on whole.
    const messages = req.message[Symbol.asyncIterator]();
    const first = await messages.next();
    if (!first.done) await resolve(req.contextValues, officeIdIn(req.method.input, first.value));
    async function* replay() {
      if (first.done) return;
      yield first.value;
      for (let next = await messages.next(); !next.done; next = await messages.next()) yield next.value;
    }
    return next({ ...req, message: replay() });
  };
}

/**
 * The office id this request names in `office_id`, once {@link officeScopeInterceptor} has read
 * it, also when the caller turned out not to be allowed in it; undefined before, or when the
 * request names none (or no well-formed id, which validation refuses).
 */
export function officeNamedBy(values: ContextValues): string | undefined {
  return values.get(officeNamedKey);
}
