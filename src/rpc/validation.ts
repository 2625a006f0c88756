import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { createValidator, violationsToProto } from "@bufbuild/protovalidate";

/**
 * Checks every request message against the protovalidate rules in the proto before the
 * handler runs, and answers invalid_argument naming each bad field and what is wrong.
 */
export function validationInterceptor(): Interceptor {
  const validator = createValidator();
  return (next) => async (req) => {
    if (!req.stream) {
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
