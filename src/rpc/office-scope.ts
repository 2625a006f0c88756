import type { DescMessage } from "@bufbuild/protobuf";
import { createContextKey, type ContextValues, type HandlerContext, type Interceptor } from "@connectrpc/connect";
import type { OfficeScope } from "../domain/office-scope.js";
import type { Principal } from "../domain/principal.js";
import { officeScopeKey, principalKey, requirePrincipal } from "./context.js";

/** The office access check: the caller's scope in the office, or not_found. */
export type ResolveOfficeScope = (principal: Principal, officeId: string) => Promise<OfficeScope>;

const officeNamedKey = createContextKey<string | undefined>(undefined, { description: "office the request names, resolved or not" });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const namingOffice = new WeakMap<DescMessage, boolean>();

/** Whether requests of this type name an office in a top-level `office_id` field (looked up once per type). */
function namesOffice(input: DescMessage): boolean {
  let names = namingOffice.get(input);
  if (names === undefined) {
    names = input.fields.some((f) => f.name === "office_id" && f.fieldKind === "scalar");
    namingOffice.set(input, names);
  }
  return names;
}

/**
 * Resolves the office of every request that names one in `office_id`, once, after validation
 * and before the handler: the caller must be allowed to act in it, or the request ends as
 * not_found (another account's office is indistinguishable from a missing one). Handlers read
 * the result with `scopeOf` (rpc/context.ts); domain methods that touch an office take that
 * {@link OfficeScope}, so a handler cannot reach an office it did not resolve.
 *
 * Of a server stream, the one request is read here first. Services in `skipServices` (not built
 * yet) are left alone.
 */
export function officeScopeInterceptor(resolveScope: ResolveOfficeScope, opts: { skipServices?: ReadonlySet<string> } = {}): Interceptor {
  const resolve = async (values: HandlerContext["values"], officeId: unknown) => {
    if (typeof officeId !== "string" || !UUID.test(officeId)) return;
    const id = officeId.toLowerCase();
    values.set(officeNamedKey, id);
    values.set(officeScopeKey, await resolveScope(requirePrincipal(values.get(principalKey)), id));
  };
  return (next) => async (req) => {
    if (opts.skipServices?.has(req.service.typeName) || !namesOffice(req.method.input)) return next(req);
    if (!req.stream) {
      await resolve(req.contextValues, (req.message as { officeId?: unknown }).officeId);
      return next(req);
    }
    if (req.method.methodKind !== "server_streaming") return next(req); // client streams name their office in a later message
    const messages = req.message[Symbol.asyncIterator]();
    const first = await messages.next();
    if (!first.done) await resolve(req.contextValues, (first.value as { officeId?: unknown }).officeId);
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
