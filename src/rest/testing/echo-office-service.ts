/**
 * Test fixture: an OfficeService (the generated descriptor) whose methods
 * report what they received instead of doing office work, so transcoder tests
 * can see the request the handler got. CreateOffice with a name of the form
 * "fail:<code>" fails with that Connect code instead.
 */
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from "@connectrpc/connect";
import { OfficeService, OfficeSettingsSchema, OfficeState } from "../../../gen/ts/mitosis/v1/office_pb.js";
import { restRequestKey } from "../rest-context.js";
import { ErrorInfoSchema, RetryInfoSchema } from "./error-details.js";

/** The office id DeleteOffice answers not_found for. */
export const missingOfficeId = "00000000-0000-0000-0000-000000000000";

/** The createdAt every echoed office has. */
export const echoCreatedAt = "2026-01-02T03:04:05Z";

/** A credit balance above 2^53, to see int64 survive as a string. */
export const echoCreditBalance = 9007199254740993n;

/** The office id for which GetOfficeSettings waits until the call is aborted. */
export const waitingOfficeId = "22222222-2222-2222-2222-222222222222";

interface WaitProbe {
  started: () => void;
  aborted: (reason: unknown) => void;
}
let probe: WaitProbe | undefined;

/**
 * Watches the next waiting GetOfficeSettings call: `started` resolves when it
 * begins waiting, `aborted` with the abort reason its handler context saw.
 */
export function watchWaitingCall(): { started: Promise<void>; aborted: Promise<unknown> } {
  let started!: () => void;
  let aborted!: (reason: unknown) => void;
  const result = {
    started: new Promise<void>((resolve) => (started = resolve)),
    aborted: new Promise<unknown>((resolve) => (aborted = resolve)),
  };
  probe = { started, aborted };
  return result;
}

/** Registers the echoing OfficeService. */
export function registerEchoOfficeService(router: ConnectRouter): void {
  router.service(OfficeService, {
    createOffice(req) {
      if (req.name.startsWith("fail:")) {
        throw failure(req.name.slice("fail:".length));
      }
      return {
        office: {
          id: "11111111-1111-1111-1111-111111111111",
          name: req.name,
          status: OfficeState.ACTIVE,
          createdAt: timestampFromMs(Date.parse(echoCreatedAt)),
        },
      };
    },
    listOffices(req) {
      return { offices: [], nextPageToken: `pageSize=${req.pageSize};pageToken=${req.pageToken}` };
    },
    getOffice(req, ctx) {
      // The name reports the caller's identity headers; the status header reports the REST request.
      const rest = ctx.values.get(restRequestKey);
      if (rest) {
        ctx.responseHeader.set("x-rest-request", `${rest.method} ${rest.url} ${rest.binding.operationId}`);
      }
      return { office: { id: req.officeId, name: identity(ctx), status: OfficeState.PROVISIONING } };
    },
    getOfficeStatus(req) {
      return { status: { officeId: req.officeId, status: OfficeState.SUSPENDED, creditBalance: echoCreditBalance } };
    },
    async getOfficeSettings(req, ctx) {
      if (req.officeId === waitingOfficeId) {
        const watcher = probe;
        await new Promise((_, reject) => {
          ctx.signal.addEventListener("abort", () => {
            watcher?.aborted(ctx.signal.reason);
            reject(ctx.signal.reason);
          });
          watcher?.started();
        });
      }
      return { settings: create(OfficeSettingsSchema) };
    },
    updateOfficeSettings(req, ctx) {
      const present = (["allowAgentHiring", "agentIdleTimeoutMinutes", "defaultModelTier"] as const).filter((k) => req[k] !== undefined);
      ctx.responseHeader.set("x-fields-present", present.join(","));
      return {
        settings: {
          allowAgentHiring: req.allowAgentHiring ?? false,
          agentIdleTimeoutMinutes: req.agentIdleTimeoutMinutes ?? 0,
          defaultModelTier: req.defaultModelTier ?? "",
        },
      };
    },
    deleteOffice(req, ctx) {
      if (req.officeId === missingOfficeId) {
        throw new ConnectError(`office ${req.officeId} not found`, Code.NotFound);
      }
      ctx.responseHeader.set("x-deleted", req.officeId);
      return {};
    },
  });
}

function identity(ctx: HandlerContext): string {
  const h = ctx.requestHeader;
  return [h.get("authorization"), h.get("x-mi-agent-id"), h.get("x-mi-signature")].join("|");
}

function failure(codeName: string): ConnectError {
  if (codeName === "insufficient_credits") {
    return new ConnectError("the office is out of credits; top it up with mi credits add", Code.FailedPrecondition, undefined, [
      { desc: ErrorInfoSchema, value: { reason: "INSUFFICIENT_CREDITS", domain: "mitosis.dev" } },
    ]);
  }
  if (codeName === "rate_limited") {
    return new ConnectError("hiring limit reached: 3 per 10 minutes", Code.ResourceExhausted, { "retry-after": "600" }, [
      { desc: RetryInfoSchema, value: { retryDelay: { seconds: 600n } } },
    ]);
  }
  const code = Object.entries(Code).find(([name]) => name.toLowerCase() === codeName.replace(/_/g, ""))?.[1];
  if (typeof code !== "number") {
    throw new Error(`unknown code ${codeName}`);
  }
  return new ConnectError(`failing with ${codeName} as asked`, code);
}
