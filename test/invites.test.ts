/**
 * Invites and external agents against a real server: an operator makes a single-use code, an
 * agent running elsewhere joins with it (no API key: the code is its credential) and from then
 * on signs its requests with its own key; it is Online while heartbeats arrive and Offline two
 * minutes after the last one; it clones itself into a hosted worker. Refused joins (used,
 * revoked, expired, wrong type, taken name, concurrent) leave nothing half-done.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AlreadyExistsError,
  InvalidArgumentError,
  NotFoundError,
  OS1Client,
  PermissionDeniedError,
  RateLimitedError,
  UnauthenticatedError,
  generateSigningKey,
} from "../sdk/src/index.js";
import { until } from "./support/agents.js";
import { failure } from "./support/sdk.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let operator: OS1Client;
let stranger: OS1Client;
beforeAll(async () => {
  server = await startTestServer({ MI_AGENT_RECONCILE_MS: "200", MI_AGENT_HEARTBEAT_SECONDS: "1" });
  operator = new OS1Client({ endpoint: server.url, auth: { type: "token", token: (await server.newAccount("owner")).apiKey } });
  stranger = new OS1Client({ endpoint: server.url, auth: { type: "token", token: (await server.newAccount("stranger")).apiKey } });
});
afterAll(async () => server?.stop());

const anonymous = () => new OS1Client({ endpoint: server.url });
const CODE = /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$/;

async function newColony(credits = 100): Promise<string> {
  const { id } = await operator.offices.create({ name: "invites" });
  if (credits > 0) await operator.credits.add(id, { amount: credits });
  return id;
}

/** Joins `colonyId`'s invite `code` as `name` with a fresh key; returns the agent's signing client. */
async function join(code: string, name: string) {
  const key = generateSigningKey();
  const joined = await anonymous().join.join({ code, agent_name: name, public_key: key.publicKey });
  const client = new OS1Client({ endpoint: server.url, signingKey: key.signingKey, agentId: name, colonyId: joined.office.id });
  return { joined, client, key };
}

describe("agent invites", () => {
  it("admit an external agent once: it joins without an API key, signs as itself, and the code is used up", async () => {
    const colonyId = await newColony();
    const invite = await operator.invites.create(colonyId, { name: "jared's laptop" });
    expect(invite).toMatchObject({ type: "agent", status: "active", officeId: colonyId, name: "jared's laptop", usedAt: null });
    expect(invite.code).toMatch(CODE);
    expect(invite.url).toBe(`${server.url}/r/${invite.code}`);
    expect(Date.parse(invite.expiresAt) - Date.parse(invite.createdAt)).toBe(168 * 3_600_000);
    // The link shows the command to run, and nothing about the code (it cannot be used to test codes).
    const page = await fetch(invite.url);
    expect(page.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await page.text();
    expect(text).toContain(`mi agent onboard ${invite.code} -n <agent-name> --endpoint ${server.url}`);
    expect(text).not.toContain(colonyId);
    expect((await fetch(`${server.url}/r/ZZZZZZ`)).status).toBe(200);
    expect((await fetch(`${server.url}/r/ZZZZZ0`)).status).toBe(404);

    const { joined, client, key } = await join(invite.code.toLowerCase(), "jared");
    expect(joined.office).toMatchObject({ id: colonyId, name: "invites" });
    expect(joined.heartbeatIntervalMs).toBe(1000);
    expect(joined.agent).toMatchObject({
      name: "jared",
      employeeType: "external",
      publicKey: key.publicKey,
      status: { phase: "Online" },
    });
    expect(joined.agent.hiredBy).toMatch(/^operator:/);

    // Its key now works: it reads its office's queue, sends heartbeats, and is listed Online.
    await operator.tasks.create(colonyId, { title: "for anyone" });
    expect((await client.tasks.list(colonyId)).map((t) => t.title)).toEqual(["for anyone"]);
    expect((await client.heartbeat.beat(colonyId, "jared")).phase).toBe("Online");
    expect(await operator.agents.get(colonyId, "jared")).toMatchObject({ employeeType: "external", status: { phase: "Online" } });
    expect(await operator.offices.status(colonyId)).toMatchObject({ agentCount: 1, runningAgentCount: 1 });
    // Agent rights, not an operator's: it cannot make invites of its own.
    expect(await failure(client.invites.create(colonyId))).toBeInstanceOf(PermissionDeniedError);

    // Single use: the same code again is refused with the docs' reason, and nobody else got in.
    const again = await failure(join(invite.code, "copycat"));
    expect(again).toMatchObject({ code: "failed_precondition", status: 400, reason: "INVALID_CODE" });
    expect(again.message).toMatch(/was used/);
    expect((await operator.agents.list(colonyId)).map((a) => a.name)).toEqual(["jared"]);
    expect(await operator.invites.get(colonyId, invite.id)).toMatchObject({ status: "used", usedByAgent: "jared" });
    const revokeUsed = await failure(operator.invites.revoke(colonyId, invite.id));
    expect(revokeUsed).toMatchObject({ code: "failed_precondition" });
    expect(revokeUsed.message).toMatch(/already used by agent jared/);

    // Firing an external agent removes it from the office; its key stops working at once.
    await operator.agents.fire(colonyId, "jared");
    expect(await failure(client.tasks.list(colonyId))).toBeInstanceOf(UnauthenticatedError);
  });

  it("refuse wrong, revoked, expired and human codes, a taken name and a bad key, and keep the code when the join fails", async () => {
    const colonyId = await newColony();
    const unknown = await failure(join("ZZZZZZ", "nobody"));
    expect(unknown).toMatchObject({ reason: "INVALID_CODE" });
    expect(await failure(join("abc", "nobody"))).toBeInstanceOf(InvalidArgumentError);

    const human = await operator.invites.create(colonyId, { type: "human" });
    const wrongType = await failure(join(human.code, "nobody"));
    expect(wrongType).toMatchObject({ code: "failed_precondition", reason: "WRONG_INVITE_TYPE" });

    const revoked = await operator.invites.create(colonyId);
    expect(await operator.invites.revoke(colonyId, revoked.id)).toMatchObject({ status: "revoked" });
    expect(await operator.invites.revoke(colonyId, revoked.id)).toMatchObject({ status: "revoked" });
    expect(await failure(join(revoked.code, "nobody"))).toMatchObject({ reason: "INVALID_CODE" });

    const shortLived = await operator.invites.create(colonyId, { ttlHours: 1 });
    server.clock.advance(3_600_000 + 1000);
    expect(await failure(join(shortLived.code, "nobody"))).toMatchObject({ reason: "INVALID_CODE" });
    expect(await operator.invites.get(colonyId, shortLived.id)).toMatchObject({ status: "expired" });

    // A taken name refuses the join but leaves the code for a second try under another name.
    const first = await operator.invites.create(colonyId);
    await join(first.code, "taken");
    const second = await operator.invites.create(colonyId);
    expect(await failure(join(second.code, "taken"))).toBeInstanceOf(AlreadyExistsError);
    const badKey = await failure(anonymous().join.join({ code: second.code, agentName: "other", publicKey: "xyz" }));
    expect(badKey).toBeInstanceOf(InvalidArgumentError);
    expect(await operator.invites.get(colonyId, second.id)).toMatchObject({ status: "active" });
    await join(second.code, "other");

    expect((await operator.invites.list(colonyId, { status: "active" })).map((i) => i.id)).toEqual([human.id]);
    expect((await operator.invites.list(colonyId)).map((i) => i.id)).toEqual([second.id, first.id, shortLived.id, revoked.id, human.id]);
    expect((await operator.invites.list(colonyId, { type: "human" })).map((i) => i.id)).toEqual([human.id]);
  });

  it("work over REST as the docs' curl users call them: create with a key, join with none", async () => {
    const colonyId = await newColony();
    const apiKey = (await server.newAccount("curl")).apiKey;
    const theirs = new OS1Client({ endpoint: server.url, auth: { type: "token", token: apiKey } });
    const office = await theirs.offices.create({ name: "curl" });
    const created = await fetch(`${server.url}/api/offices/${office.id}/invites`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "agent", name: "from curl" }),
    });
    expect(created.status).toBe(200);
    const { invite } = await created.json();
    expect(invite).toMatchObject({ type: "agent", status: "active", name: "from curl" });
    const joined = await fetch(`${server.url}/api/invites:join`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: invite.code, agent_name: "curly", public_key: generateSigningKey().publicKey }),
    });
    expect(joined.status).toBe(200);
    expect(await joined.json()).toMatchObject({ agent: { name: "curly", employeeType: "external" }, office: { id: office.id } });
    // Without a key, nothing else of the service answers.
    expect((await fetch(`${server.url}/api/offices/${colonyId}/invites`)).status).toBe(401);
  });

  it("admit exactly one of many agents racing with the same code", async () => {
    const colonyId = await newColony();
    const invite = await operator.invites.create(colonyId);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => join(invite.code, `racer-${i}`)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await operator.agents.list(colonyId)).length).toBe(1);
  });

  it("reuse the newest active invite of the same name when asked (the onboard page's refresh)", async () => {
    const colonyId = await newColony();
    const first = await operator.invites.create(colonyId, { name: "onboard", reuseActive: true });
    expect((await operator.invites.create(colonyId, { name: "onboard", reuseActive: true })).code).toBe(first.code);
    expect((await operator.invites.create(colonyId, { name: "onboard" })).code).not.toBe(first.code);
  });

  it("belong to their office: another account sees none of them and cannot revoke them", async () => {
    const colonyId = await newColony();
    const invite = await operator.invites.create(colonyId);
    expect(await failure(stranger.invites.list(colonyId))).toBeInstanceOf(NotFoundError);
    expect(await failure(stranger.invites.get(colonyId, invite.id))).toBeInstanceOf(NotFoundError);
    expect(await failure(stranger.invites.revoke(colonyId, invite.id))).toBeInstanceOf(NotFoundError);
    const theirs = await stranger.offices.create({ name: "theirs" });
    expect(await failure(stranger.invites.get(theirs.id, invite.id))).toBeInstanceOf(NotFoundError);
    expect(await operator.invites.get(colonyId, invite.id)).toMatchObject({ status: "active" });
  });
});

describe("external agents", () => {
  it("are Offline two minutes after their last heartbeat, stay listed, and come back Online with the next one", async () => {
    const colonyId = await newColony();
    const { client } = await join((await operator.invites.create(colonyId)).code, "remote");
    server.clock.advance(2 * 60_000 + 1000);
    expect(await operator.agents.get(colonyId, "remote")).toMatchObject({ status: { phase: "Offline", reason: "HeartbeatMissed" } });
    expect(await operator.offices.status(colonyId)).toMatchObject({ agentCount: 1, runningAgentCount: 0 });
    const loop = client.heartbeat.start();
    try {
      await until(
        "Online",
        async () => (await operator.agents.get(colonyId, "remote")).status.phase,
        (p) => p === "Online",
      );
    } finally {
      await loop.stop();
    }
    const feed = await operator.agents.activity(colonyId, "remote");
    expect(feed.map((a) => a.type)).toEqual(expect.arrayContaining(["lifecycle.joined", "lifecycle.online"]));
  });

  it("clone themselves into hosted workers named with a numbered suffix, by name or by their invite code", async () => {
    const colonyId = await newColony();
    const invite = await operator.invites.create(colonyId);
    const { client } = await join(invite.code, "jared");
    const byName = await client.clone.clone({ agentName: "jared", colonyId });
    expect(byName).toMatchObject({ sourceAgentName: "jared", officeId: colonyId, agent: { name: "jared-2", clonedFrom: "jared" } });
    expect(byName.agent.employeeType).not.toBe("external");
    const byCode = await client.clone.clone({ code: invite.code });
    expect(byCode.agent).toMatchObject({ name: "jared-3", clonedFrom: "jared" });
    await until(
      "clone Running",
      async () => (await operator.agents.get(colonyId, "jared-2")).status.phase,
      (p) => p === "Running",
    );
    // The original stays connected.
    expect(await operator.agents.get(colonyId, "jared")).toMatchObject({ employeeType: "external", status: { phase: "Online" } });

    // Only the agent clones itself: not an operator, not another agent, not a hosted clone.
    expect(await failure(operator.clone.clone({ agentName: "jared", colonyId }))).toBeInstanceOf(PermissionDeniedError);
    expect(await failure(operator.clone.clone({ code: invite.code }))).toBeInstanceOf(PermissionDeniedError);
    const other = await join((await operator.invites.create(colonyId)).code, "other");
    expect(await failure(other.client.clone.clone({ agentName: "jared", colonyId }))).toBeInstanceOf(PermissionDeniedError);
    expect(await failure(other.client.clone.clone({ code: invite.code }))).toBeInstanceOf(PermissionDeniedError);
    expect(await failure(other.client.clone.clone({ code: "ZZZZZZ" }))).toMatchObject({ reason: "INVALID_CODE" });
    // An agent of another office learns nothing about this one: its code is unknown there, its office not found.
    const elsewhere = await join((await operator.invites.create(await newColony())).code, "jared");
    expect(await failure(elsewhere.client.clone.clone({ code: invite.code }))).toMatchObject({ reason: "INVALID_CODE" });
    expect(await failure(elsewhere.client.clone.clone({ agentName: "jared", colonyId }))).toBeInstanceOf(NotFoundError);
    for (const name of ["jared-2", "jared-3"]) await operator.agents.fire(colonyId, name);
  });
});

describe("guessing codes", () => {
  // Last in this file: it uses up the server's allowance of failed joins.
  it("is slowed down: after a burst of wrong codes, joins are refused for a while, then a valid code works", async () => {
    const colonyId = await newColony();
    const invite = await operator.invites.create(colonyId);
    const key = generateSigningKey();
    let wrong = 0;
    let refused: unknown;
    while (refused === undefined && wrong <= 30) {
      const err = await failure(anonymous().join.join({ code: "ZZZZZZ", agentName: "guesser", publicKey: key.publicKey }));
      if (err instanceof RateLimitedError) refused = err;
      else wrong++;
    }
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(wrong).toBeLessThanOrEqual(30);
    // The holder of a valid code waits too, and then gets in.
    expect(await failure(join(invite.code, "patient"))).toBeInstanceOf(RateLimitedError);
    expect(await operator.invites.get(colonyId, invite.id)).toMatchObject({ status: "active" });
    const joined = await until(
      "the join let through again",
      () => join(invite.code, "patient").catch((err: Error) => err),
      (result) => !(result instanceof Error),
    );
    expect(joined).toMatchObject({ joined: { agent: { name: "patient" } } });
  });
});
