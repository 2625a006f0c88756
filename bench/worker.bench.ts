import { OS1Client } from "../sdk/src/client.js";
import { type FakeLlm, startFakeLlm } from "../test/support/fake-llm.js";
import { startTestServer, type TestServer } from "../test/support/server.js";
import { type Measurement, report } from "./measure.js";

/** The model's one answer per task: complete it at once (zero think time), so the platform's own overhead is what is timed. */
const COMPLETE_AT_ONCE = { toolCalls: [{ name: "complete_task", arguments: { result: "done" } }] };

/**
 * The worker's own overhead per task: tasks completed per minute by `counts` local workers on the
 * llm engine against a fake OpenAI-compatible provider that completes each task in one answer
 * (each task claimed, marked running, its model call paid for and made, completed), against
 * the same tasks claimed and completed straight through the SDK by as many loops in this
 * process (the queue alone) in the same run; then, with one idle worker waiting, the time from
 * CreateTask to the task claimed (p50/p99; target p99 < 50 ms) against the time the same
 * creation takes to reach a watcher as an event.
 */
export async function benchWorkers(opts: { counts: number[]; tasksPerWorker: number }): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (const count of opts.counts) {
    const queue = await completeAll(`queue alone: ${count} SDK claim/complete loops (baseline)`, count, opts.tasksPerWorker, false);
    const workers = await completeAll(`${count} local worker(s), llm engine, fake provider`, count, opts.tasksPerWorker, true);
    report(`Tasks completed by ${count} worker(s) (per second; x60 per minute); baseline = the same tasks through the SDK alone`, [
      { m: workers, baseline: queue },
    ]);
    console.log(`${count} worker(s): ${(workers.perSecond * 60).toFixed(0)} tasks/min (queue alone ${(queue.perSecond * 60).toFixed(0)})`);
    results.push(queue, workers);
  }
  const [event, claim] = await createToClaim(opts.tasksPerWorker * 2);
  report("CreateTask → claimed by an idle worker; baseline = CreateTask → its event at a watcher", [{ m: claim, baseline: event }]);
  console.log(`create → claim: p50 ${claim.p50Ms.toFixed(1)} ms, p99 ${claim.p99Ms.toFixed(1)} ms (target p99 < 50 ms)`);
  results.push(event, claim);
  return results;
}

/** A server and a funded office whose agents' LLM provider is `fake`. */
async function office(workers: number, fake: FakeLlm): Promise<{ server: TestServer; client: OS1Client; officeId: string }> {
  const server = await startTestServer({
    MI_AGENT_WARM_POOL: "0",
    MI_AGENT_HIRES_PER_10_MINUTES: String(workers + 10),
    MI_AGENT_HEARTBEAT_SECONDS: "30",
    MI_AGENT_RECONCILE_MS: "200",
  });
  const client = new OS1Client({ endpoint: server.url, auth: { type: "token", token: server.adminKey } });
  const officeId = (await client.offices.create({ name: "bench workers" })).id;
  await client.credits.add(officeId, { amount: 1_000_000 });
  await client.integrations.setSecret(officeId, "openai", { OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: `${fake.url}/v1` });
  return { server, client, officeId };
}

async function hireRunning(client: OS1Client, officeId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await client.agents.hire(officeId, { name: `worker-${i}`, provider: "openai" });
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    while ((await client.agents.get(officeId, `worker-${i}`)).status.phase !== "Running") {
      if (performance.now() - started > 60_000) throw new Error(`worker-${i} was not Running after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** `count × perWorker` tasks created at once, timed until all are done. */
async function completeAll(name: string, count: number, perWorker: number, withWorkers: boolean): Promise<Measurement> {
  const fake = await startFakeLlm();
  const { server, client, officeId } = await office(count, fake);
  try {
    if (withWorkers) await hireRunning(client, officeId, count);
    const total = count * perWorker;
    fake.script(Array.from({ length: total }, () => COMPLETE_AT_ONCE));
    const started = performance.now();
    await Promise.all(Array.from({ length: total }, (_, i) => client.tasks.create(officeId, { title: `bench task ${i}` })));
    if (withWorkers) {
      while ((await client.tasks.stats(officeId)).done < total) await new Promise((resolve) => setTimeout(resolve, 20));
    } else {
      await Promise.all(Array.from({ length: count }, (_, i) => sdkLoop(client, officeId, `loop-${i}`)));
      const done = (await client.tasks.stats(officeId)).done;
      if (done !== total) throw new Error(`the SDK loops finished ${done} of ${total} tasks`);
    }
    const seconds = (performance.now() - started) / 1000;
    return { name, calls: total, seconds, perSecond: total / seconds, p50Ms: (seconds * 1000) / total, p99Ms: (seconds * 1000) / total };
  } finally {
    await server.stop();
    await fake.close();
  }
}

/** What a worker does per task, minus the worker: claim, running, done with a result; until nothing is left. */
async function sdkLoop(client: OS1Client, officeId: string, agent: string): Promise<void> {
  for (;;) {
    const claimed = await client.tasks.claim(officeId, { agent, leaseSeconds: 60 });
    if (claimed === null) return;
    const { leaseToken } = claimed;
    await client.tasks.update(officeId, claimed.task.id, { status: "running", agent, leaseToken });
    await client.tasks.update(officeId, claimed.task.id, { status: "done", result: "done", agent, leaseToken });
  }
}

/** `samples` tasks created one at a time with one idle worker waiting; each timed until claimed and until its creation's event arrived. */
async function createToClaim(samples: number): Promise<[Measurement, Measurement]> {
  const fake = await startFakeLlm();
  const { server, client, officeId } = await office(1, fake);
  const stop = new AbortController();
  try {
    fake.script(Array.from({ length: samples }, () => COMPLETE_AT_ONCE));
    await hireRunning(client, officeId, 1);
    // When each event reached this watcher: a task's events may arrive before CreateTask answers.
    const arrived = new Map<string, number>();
    let finished = 0;
    await new Promise<void>((opened) => {
      void (async () => {
        for await (const event of client.tasks.watch(officeId, { signal: stop.signal, onOpen: opened })) {
          const key = `${event.type}:${event.taskId}`;
          if (!arrived.has(key)) arrived.set(key, performance.now());
          if (event.task?.status === "done") finished = event.taskId;
        }
      })();
    });
    const toEvent: number[] = [];
    const toClaim: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t0 = performance.now();
      const task = await client.tasks.create(officeId, { title: `latency ${i}` });
      // The worker is idle again once this one is done: the next sample starts from the same state.
      while (finished !== task.id) {
        if (performance.now() - t0 > 30_000) throw new Error(`task ${task.id} was not done within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      toEvent.push(arrived.get(`created:${task.id}`)! - t0);
      toClaim.push(arrived.get(`claimed:${task.id}`)! - t0);
    }
    return [summary("CreateTask → event at a watcher (baseline)", toEvent), summary("CreateTask → claimed by an idle worker", toClaim)];
  } finally {
    stop.abort();
    await server.stop();
    await fake.close();
  }
}

function summary(name: string, latencies: number[]): Measurement {
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
  const seconds = latencies.reduce((a, b) => a + b, 0) / 1000;
  return { name, calls: latencies.length, seconds, perSecond: 1000 / pct(0.5), p50Ms: pct(0.5), p99Ms: pct(0.99) };
}
