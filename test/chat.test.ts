/**
 * The office chat through the SDK against a real server: an operator and two agents that joined
 * with invites (signing their own requests) talk in direct conversations and the group chat;
 * agents write only as themselves and read only their own conversations; messages that name a
 * task show in its detail; a subscriber gets new messages as they are sent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, OS1Client, PermissionDeniedError, generateSigningKey } from "../sdk/src/index.js";
import { until } from "./support/agents.js";
import { failure } from "./support/sdk.js";
import { startReplica } from "./support/replica.js";
import { startTestServer, type TestServer } from "./support/server.js";

const NO_RECHECK = { MI_CHAT_RECHECK_MS: "600000" };
let server: TestServer;
let operator: OS1Client;
beforeAll(async () => {
  // Subscribers look on their own only every 10 minutes: every delivery in this file is a wake-up.
  server = await startTestServer(NO_RECHECK);
  operator = new OS1Client({ endpoint: server.url, auth: { type: "token", token: (await server.newAccount("chat")).apiKey } });
});
afterAll(async () => server?.stop());

/** An office with two external agents, alice and bob, each with a client signing as itself. */
async function officeWithAgents() {
  const office = await operator.offices.create({ name: "chatty" });
  const agentClient = async (name: string) => {
    const key = generateSigningKey();
    const { code } = await operator.invites.create(office.id);
    await new OS1Client({ endpoint: server.url }).join.join({ code, agentName: name, publicKey: key.publicKey });
    return new OS1Client({ endpoint: server.url, signingKey: key.signingKey, agentId: name, officeId: office.id });
  };
  return { id: office.id, alice: await agentClient("alice"), bob: await agentClient("bob") };
}

const texts = (messages: { text: string }[]) => messages.map((m) => m.text);

describe("direct conversations", () => {
  it("carry an operator's messages and the agent's replies, and two agents' messages both ways", async () => {
    const { id, alice, bob } = await officeWithAgents();
    const hello = await operator.chat.send(id, "alice", "Hello, alice");
    expect(hello).toMatchObject({ channel: "direct", agentName: "alice", peerAgent: "", text: "Hello, alice" });
    expect(hello.sender).toMatch(/^operator:/);
    // alice answers the operators by writing into her own conversation.
    expect(await alice.chat.send(id, "alice", "Hi! On it.")).toMatchObject({ agentName: "alice", peerAgent: "", sender: "alice" });
    // bob writes to alice: their conversation, read the same from either side.
    expect(await bob.chat.send(id, "alice", "Can you review my branch?")).toMatchObject({
      agentName: "alice",
      peerAgent: "bob",
      sender: "bob",
    });
    await alice.chat.send(id, "bob", "Sure");

    expect(texts(await operator.chat.messages(id, "alice"))).toEqual(["Hello, alice", "Hi! On it."]);
    expect(texts(await alice.chat.messages(id, "alice"))).toEqual(["Hello, alice", "Hi! On it."]);
    expect(texts(await alice.chat.messages(id, "alice", { peerAgent: "bob" }))).toEqual(["Can you review my branch?", "Sure"]);
    expect(texts(await bob.chat.messages(id, "bob", { peerAgent: "alice" }))).toEqual(["Can you review my branch?", "Sure"]);
    expect(texts(await operator.chat.messages(id, "bob", { peerAgent: "alice" }))).toEqual(["Can you review my branch?", "Sure"]);

    // limit is the newest messages, oldest first; sinceId what came after.
    expect(texts(await operator.chat.messages(id, "alice", { limit: 1 }))).toEqual(["Hi! On it."]);
    expect(texts(await operator.chat.messages(id, "alice", { sinceId: hello.id }))).toEqual(["Hi! On it."]);
  });

  it("keep agents to their own: no reading another's conversations, no writing in another's name, no unknown agents", async () => {
    const { id, alice, bob } = await officeWithAgents();
    await operator.chat.send(id, "alice", "Your salary review");
    expect(await failure(bob.chat.messages(id, "alice"))).toBeInstanceOf(PermissionDeniedError);
    expect(await failure(bob.chat.send(id, "alice", "It is me, alice", { fromAgent: "alice" }))).toBeInstanceOf(PermissionDeniedError);
    expect(await failure(bob.chat.sendGroup(id, "alice here", { fromAgent: "alice" }))).toBeInstanceOf(PermissionDeniedError);
    const subscription = bob.chat.subscribe(id, { agentName: "alice" });
    expect(await failure(subscription.next())).toBeInstanceOf(PermissionDeniedError);
    expect(await failure(operator.chat.send(id, "nobody", "Anyone?"))).toBeInstanceOf(NotFoundError);
    expect(await failure(operator.chat.send(id, "alice", "From a ghost", { fromAgent: "ghost" }))).toBeInstanceOf(NotFoundError);
    // An operator may write for an agent of the office.
    expect(await operator.chat.send(id, "alice", "Relayed", { fromAgent: "bob" })).toMatchObject({ sender: "bob", peerAgent: "bob" });
    expect(texts(await alice.chat.messages(id, "alice"))).toEqual(["Your salary review"]);
  });
});

describe("the group chat", () => {
  it("is shared by the office's operators and agents, and messages naming a task show in its detail", async () => {
    const { id, alice, bob } = await officeWithAgents();
    const task = await operator.tasks.create(id, { title: "Ship the release" });
    await operator.chat.sendGroup(id, "Standup in 5", {});
    await alice.chat.sendGroup(id, "Release notes are drafted", { taskId: task.id });
    await bob.chat.sendGroup(id, "Tests are green");
    for (const reader of [operator, alice, bob]) {
      expect(texts(await reader.chat.groupMessages(id))).toEqual(["Standup in 5", "Release notes are drafted", "Tests are green"]);
    }
    expect(texts(await bob.chat.groupMessages(id, { limit: 2 }))).toEqual(["Release notes are drafted", "Tests are green"]);
    // A private word about the task shows to the operators and alice, not to bob.
    await operator.chat.send(id, "alice", "Careful with the changelog", { taskId: task.id });
    expect(texts((await operator.tasks.get(id, task.id)).linkedMessages)).toEqual([
      "Release notes are drafted",
      "Careful with the changelog",
    ]);
    expect(texts((await alice.tasks.get(id, task.id)).linkedMessages)).toEqual(["Release notes are drafted", "Careful with the changelog"]);
    expect(texts((await bob.tasks.get(id, task.id)).linkedMessages)).toEqual(["Release notes are drafted"]);
    expect(await failure(operator.chat.sendGroup(id, "About nothing", { taskId: 999 }))).toBeInstanceOf(NotFoundError);
  });

  it("reaches subscribers as it is written, with what came after a given id first", async () => {
    const { id, alice, bob } = await officeWithAgents();
    const first = await operator.chat.sendGroup(id, "before anyone listened");
    const stop = new AbortController();
    const seen = operator.chat.subscribe(id, { sinceId: 0, signal: stop.signal });
    // bob sees his conversations and the group chat, never alice's conversation.
    const bobSees = bob.chat.subscribe(id, { sinceId: first.id, signal: stop.signal });
    try {
      expect((await seen.next()).value).toMatchObject({ id: first.id, text: "before anyone listened" });
      const bobNext = bobSees.next();
      await operator.chat.send(id, "alice", "just for alice");
      await alice.chat.sendGroup(id, "to everyone");
      expect((await seen.next()).value).toMatchObject({ text: "just for alice" });
      expect((await seen.next()).value).toMatchObject({ text: "to everyone", sender: "alice" });
      expect((await bobNext).value).toMatchObject({ text: "to everyone" });
    } finally {
      stop.abort();
    }
  });
});

describe("several replicas", () => {
  it("deliver a message stored by one to a subscriber of another at once (LISTEN/NOTIFY, not polling)", async () => {
    const replica = await startReplica(server, NO_RECHECK);
    const stop = new AbortController();
    try {
      const token = (await server.newAccount("replica")).apiKey;
      const theirs = new OS1Client({ endpoint: server.url, auth: { type: "token", token } });
      const office = await theirs.offices.create({ name: "across replicas" });
      const onReplica = new OS1Client({ endpoint: replica.url, auth: { type: "token", token } });
      const messages = onReplica.chat.subscribe(office.id, { sinceId: 0, signal: stop.signal });
      const first = messages.next();
      await theirs.chat.sendGroup(office.id, "sent to the primary");
      expect((await first).value).toMatchObject({ text: "sent to the primary" });
      // And while it waits, not only for its first read.
      const second = messages.next();
      await theirs.chat.sendGroup(office.id, "and another");
      expect((await second).value).toMatchObject({ text: "and another" });
    } finally {
      stop.abort();
      await replica.stop();
    }
  });
});

describe("the agents' activity feeds", () => {
  it("show the messages each agent got and wrote (category chat)", async () => {
    const { id, alice, bob } = await officeWithAgents();
    await operator.chat.send(id, "alice", "Please review PR 12");
    await alice.chat.send(id, "alice", "Looking now");
    await alice.chat.send(id, "bob", "Can you pair on it?");
    await bob.chat.sendGroup(id, "Pairing with alice");
    const feed = (name: string, count: number) =>
      until(
        `${name}'s chat activity`,
        async () => (await operator.agents.activity(id, name, { category: "chat" })).map((a) => [a.type, a.summary]),
        (entries) => entries.length >= count,
      );
    // Newest first.
    expect(await feed("alice", 3)).toEqual([
      ["chat.sent", "to bob: Can you pair on it?"],
      ["chat.sent", "to the operators: Looking now"],
      ["chat.received", expect.stringMatching(/^from operator:[0-9a-f-]+: Please review PR 12$/)],
    ]);
    expect(await feed("bob", 2)).toEqual([
      ["chat.sent", "to the group chat: Pairing with alice"],
      ["chat.received", "from alice: Can you pair on it?"],
    ]);
  });
});

describe("over REST", () => {
  it("takes the docs' routes", async () => {
    const { id } = await officeWithAgents();
    const key = (await server.newAccount("chat-rest")).apiKey;
    const theirs = new OS1Client({ endpoint: server.url, auth: { type: "token", token: key } });
    const office = await theirs.offices.create({ name: "rest chat" });
    const post = await fetch(`${server.url}/api/offices/${office.id}/group-messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "hello from curl" }),
    });
    expect(post.status).toBe(200);
    const list = await fetch(`${server.url}/api/offices/${office.id}/group-messages?page_size=10`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect((await list.json()).messages.map((m: { text: string }) => m.text)).toEqual(["hello from curl"]);
    // Another account's office is not found.
    expect((await fetch(`${server.url}/api/offices/${id}/group-messages`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(
      404,
    );
  });
});
