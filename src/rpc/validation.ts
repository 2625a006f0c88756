import type { DescMessage, Message } from "@bufbuild/protobuf";
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { createValidator, violationsToProto } from "@bufbuild/protovalidate";

/**
 * Checks every request message against the protovalidate rules in the proto before the
 * handler sees it, and answers invalid_argument naming each bad field and what is wrong.
 * Streamed requests (including the single request of a server stream) are checked message
 * by message as the handler reads them.
 */
export function validationInterceptor(): Interceptor {
  const validator = createValidator();
  const check = (schema: DescMessage, message: Message) => {
    const result = validator.validate(schema, message);
    if (result.kind === "invalid") {
      const problems = result.violations.map((v) => v.toString()).join("; ");
      const [details, desc] = violationsToProto(result.violations);
      throw new ConnectError(`invalid ${schema.name}: ${problems}`, Code.InvalidArgument, undefined, [{ desc, value: details }]);
    }
    if (result.kind === "error") throw new ConnectError(`cannot validate request: ${result.error.message}`, Code.Internal);
  };
  async function* checkEach(schema: DescMessage, messages: AsyncIterable<Message>) {
    for await (const message of messages) {
      check(schema, message);
      yield message;
    }
  }
  return (next) => async (req) => {
    if (!req.stream) {
      check(req.method.input, req.message);
      return next(req);
    }
    return next({ ...req, message: checkEach(req.method.input, req.message) });
  };
}
