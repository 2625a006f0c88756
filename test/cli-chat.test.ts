/**
 * `mi chat` as users run it (the built mi as a subprocess) against a real server: the docs'
 * `mi chat --colony <colonyId> <agentName> "Hello"`, the conversation and the group chat, and a
 * live watch that Ctrl-C ends.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OS1Client, generateSigningKey } from "../sdk/src/index.js";
import { until } from "./support/agents.js";
import { jsonOf, runMi, startMi } from "./support/mi.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let apiKey: string;
beforeAll(async () => {
  server = await startTestServer();
  ({ apiKey } = await server.newAccount("cli-chat"));
});
afterAll(async () => server?.stop());

const mi = (...args: string[]) =>
  runMi(args, { MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: apiKey, MI_CONFIG_DIR: join(server.dataDir, "cli") });

describe("mi chat, following the docs", () => {
  it("sends to an agent, shows the conversation and the group chat, and watches new messages", async () => {
    const operator = new OS1Client({ endpoint: server.url, auth: { type: "token", token: apiKey } });
    const { id } = await operator.offices.create({ name: "chat" });
    const key = generateSigningKey();
    const { code } = await operator.invites.create(id);
    await new OS1Client({ endpoint: server.url }).join.join({ code, agentName: "analyst", publicKey: key.publicKey });
    const analyst = new OS1Client({ endpoint: server.url, signingKey: key.signingKey, agentId: "analyst", officeId: id });

    const watch = startMi(["chat", "watch", "--colony", id, "--since-id", "0"], {
      MITOSIS_ENDPOINT: server.url,
      MITOSIS_API_KEY: apiKey,
      MI_CONFIG_DIR: join(server.dataDir, "cli"),
    });
    try {
      // mi chat --colony <colonyId> <agentName> "Hello"
      const sent = await mi("chat", "--colony", id, "analyst", "Hello");
      expect(sent.code, sent.stderr).toBe(0);
      expect(sent.stderr).toMatch(
        new RegExp(`^Sent to analyst \\(message \\d+\\); their conversation: mi chat messages ${id} analyst\\n$`),
      );
      await analyst.chat.send(id, "analyst", "Hi, what do you need?");
      const conversation = await mi("chat", "messages", id, "analyst");
      expect(conversation.code, conversation.stderr).toBe(0);
      expect(
        conversation.stdout
          .split("\n")
          .filter(Boolean)
          .map((l) => l.replace(/^\S+\s+#\d+\s+/, "")),
      ).toEqual([expect.stringMatching(/^analyst {2}operator:[0-9a-f-]+: Hello$/), "analyst  analyst: Hi, what do you need?"]);

      expect((await mi("chat", "group", "--colony", id, "Standup in 5 minutes")).code).toBe(0);
      expect(jsonOf(await mi("chat", "group-messages", "--colony", id, "--json", "text,channel"))).toEqual([
        { text: "Standup in 5 minutes", channel: "group" },
      ]);
      await until(
        "the watch to print all three",
        async () => watch.out.stdout,
        (out) => out.includes(": Hello") && out.includes("Hi, what do you need?") && out.includes("group  operator:"),
      );
    } finally {
      watch.child.kill("SIGINT");
    }
    expect((await watch.exited).code).toBe(0);

    // A missing argument is a usage error (exit 2); an unknown agent the server's not found (exit 1).
    expect((await mi("chat", "--colony", id, "analyst")).code).toBe(2);
    const unknown = await mi("chat", "--colony", id, "nobody", "Hi");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/agent nobody not found/);
  });
});
