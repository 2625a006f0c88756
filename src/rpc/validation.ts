import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { createValidator, violationsToProto } from "@bufbuild/protovalidate";

/**
 * Checks every request message against the protovalidate rules in the proto before the
 * handler runs, and answers invalid_argument naming each bad field and what is wrong.
 * Services in `skipServices` (not built yet) are not validated: callers should learn that
 * the method is unavailable before fixing a request they cannot use anyway.
 */
export function validationInterceptor(opts: { skipServices?: ReadonlySet<string> } = {}): Interceptor {
  const validator = createValidator();
  return (next) => async (req) => {
    if (!req.stream && !opts.skipServices?.has(req.service.typeName)) {
      const result = validator.validate(req.method.input, req.message);
      if (result.kind === "invalid") {
        const problems = result.violations.map((v) => v.toString()).join("; ");
        const [details, desc] = violationsToProto(result.violations);
        throw new ConnectError(`invalid ${req.method.input.name}: ${problems}`, Code.InvalidArgument, undefined, [
          { desc, value: details },
        ]);
      }
      if (result.kind === "error") throw new ConnectError(`cannot validate request: ${result.error.message}`, Code.Internal);
    }
    return next(req);
  };
}
