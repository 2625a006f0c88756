import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { createConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { createRestTranscoder } from "./transcoder.js";
import { registerEchoOfficeService } from "./testing/echo-office-service.js";

const router = createConnectRouter();
registerEchoOfficeService(router);
const rest = createRestTranscoder({ handlers: router.handlers, maxBodyBytes: 1 << 20 });
const adapter = connectNodeAdapter({ routes: registerEchoOfficeService, fallback: (req, res) => void rest.handle(req, res) });
const server = http.createServer(adapter);
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function req(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const r = http.request(base + path, { method, agent, headers }, (res) => { res.resume(); res.on("end", () => resolve()); });
    r.on("error", reject); r.end(body);
  });
}
const id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const cases = {
  connectGet: () => req("POST", "/mitosis.v1.OfficeService/GetOffice", JSON.stringify({ officeId: id }), { "content-type": "application/json" }),
  restGet: () => req("GET", `/api/offices/${id}`),
  connectPatch: () => req("POST", "/mitosis.v1.OfficeService/UpdateOfficeSettings", JSON.stringify({ officeId: id, defaultModelTier: "opus" }), { "content-type": "application/json" }),
  restPatch: () => req("PATCH", `/api/offices/${id}/settings`, JSON.stringify({ defaultModelTier: "opus" }), { "content-type": "application/json" }),
};
const N = 3000;
for (let round = 0; round < 3; round++) {
  const out: Record<string, number> = {};
  for (const [name, fn] of Object.entries(cases)) {
    for (let i = 0; i < 300; i++) await fn();
    const t = performance.now();
    for (let i = 0; i < N; i++) await fn();
    out[name] = ((performance.now() - t) * 1000) / N;
  }
  console.log(Object.entries(out).map(([k, v]) => `${k}=${v.toFixed(0)}us`).join(" "), `get ratio=${(out.restGet! / out.connectGet!).toFixed(2)} patch ratio=${(out.restPatch! / out.connectPatch!).toFixed(2)}`);
}
agent.destroy(); server.close();
