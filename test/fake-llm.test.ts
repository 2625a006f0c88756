import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeLlm, type FakeLlm } from "./support/fake-llm.js";

// The fake refuses what the real APIs refuse, in their shapes; otherwise engine tests could pass against a lenient fake.
let fake: FakeLlm;
beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(async () => fake?.close());
beforeEach(() => fake.reset());

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${fake.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
};
const bearer = { authorization: "Bearer sk-x" };
const tool = (name: string) => ({ type: "function", function: { name, parameters: { type: "object", properties: {} } } });

describe("fake OpenAI Chat Completions", () => {
  it("refuses a missing key, a missing model and tool results for unknown calls", async () => {
    const noKey = await post("/v1/chat/completions", { model: "m", messages: [{ role: "user", content: "hi" }] });
    expect(noKey.status).toBe(401);
    expect(JSON.parse(noKey.text).error).toMatchObject({
      type: "invalid_request_error",
      param: null,
      message: expect.stringContaining("API key"),
    });
    expect((await post("/v1/chat/completions", { messages: [{ role: "user", content: "hi" }] }, bearer)).status).toBe(400);
    const orphan = await post(
      "/v1/chat/completions",
      {
        model: "m",
        messages: [
          { role: "user", content: "hi" },
          { role: "tool", tool_call_id: "call_9", content: "x" },
        ],
      },
      bearer,
    );
    expect([orphan.status, JSON.parse(orphan.text).error.message]).toEqual([
      400,
      expect.stringContaining("role 'tool' must be a response"),
    ]);
    expect(fake.requests.map((r) => r.status)).toEqual([401, 400, 400]);
  });

  it("streams text and tool calls in fragments, then usage and [DONE]", async () => {
    fake.script([{ text: "Let me write it.", toolCalls: [{ name: "write_file", arguments: { path: "a.md", content: "hello world" } }] }]);
    const res = await post(
      "/api/v1/chat/completions",
      {
        model: "m",
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: "user", content: "hi" }],
        tools: [tool("write_file")],
      },
      bearer,
    );
    const events = res.text
      .split("\n\n")
      .filter(Boolean)
      .map((e) => e.replace(/^data: /, ""));
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    const deltas = chunks.flatMap((c) => c.choices.map((ch: { delta: unknown }) => ch.delta));
    const text = deltas.map((d) => d.content ?? "").join("");
    const fragments = deltas.flatMap((d) => d.tool_calls ?? []).map((t) => t.function?.arguments ?? "");
    expect(text).toBe("Let me write it.");
    expect(fragments.filter(Boolean).length).toBeGreaterThan(1);
    expect(JSON.parse(fragments.join(""))).toEqual({ path: "a.md", content: "hello world" });
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) },
    });
  });

  it("answers 400 when the script calls a tool the request does not offer, or has run out", async () => {
    fake.script([{ toolCalls: [{ name: "shell", arguments: {} }] }]);
    const body = { model: "m", messages: [{ role: "user", content: "hi" }], tools: [tool("write_file")] };
    expect((await post("/v1/chat/completions", body, bearer)).text).toContain("the script calls shell, which the request does not offer");
    fake.script([]);
    expect((await post("/v1/chat/completions", body, bearer)).text).toContain("no turn left");
  });
});

describe("fake Anthropic Messages", () => {
  const base = { model: "claude", max_tokens: 100 };
  const headers = { "x-api-key": "k", "anthropic-version": "2023-06-01" };

  it("refuses a missing key and tool results without their tool_use, in Anthropic's error shape", async () => {
    const noKey = await post(
      "/v1/messages",
      { ...base, messages: [{ role: "user", content: "hi" }] },
      { "anthropic-version": "2023-06-01" },
    );
    expect([noKey.status, JSON.parse(noKey.text)]).toEqual([
      401,
      { type: "error", error: { type: "authentication_error", message: expect.any(String) } },
    ]);
    const orphan = await post(
      "/v1/messages",
      {
        ...base,
        messages: [
          { role: "user", content: "hi" },
          { role: "assistant", content: [{ type: "text", text: "ok" }] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_x", content: "r" }] },
        ],
      },
      headers,
    );
    expect([orphan.status, JSON.parse(orphan.text).error.type]).toEqual([400, "invalid_request_error"]);
  });

  it("streams named events: text deltas, tool input as partial JSON, then message_delta and message_stop", async () => {
    fake.script([{ text: "Noting.", toolCalls: [{ name: "comment", arguments: { message: "a longer comment" } }] }]);
    const res = await post(
      "/v1/messages",
      { ...base, stream: true, messages: [{ role: "user", content: "hi" }], tools: [{ name: "comment", input_schema: {} }] },
      headers,
    );
    const events = res.text
      .split("\n\n")
      .filter(Boolean)
      .map((e) => {
        const [name, data] = e.split("\n");
        expect(name).toBe(`event: ${JSON.parse(data!.replace(/^data: /, "")).type}`);
        return JSON.parse(data!.replace(/^data: /, ""));
      });
    expect(events.map((e) => e.type).filter((t, i, all) => t !== all[i - 1])).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    const partial = events.filter((e) => e.delta?.type === "input_json_delta").map((e) => e.delta.partial_json);
    expect(partial.length).toBeGreaterThan(1);
    expect(JSON.parse(partial.join(""))).toEqual({ message: "a longer comment" });
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: "tool_use" }, usage: { output_tokens: expect.any(Number) } });
  });

  it("answers tool_use blocks with usage", async () => {
    fake.script([{ toolCalls: [{ name: "comment", arguments: { message: "hi" } }] }]);
    const res = await post(
      "/v1/messages",
      { ...base, messages: [{ role: "user", content: "hi" }], tools: [{ name: "comment", input_schema: {} }] },
      headers,
    );
    expect(JSON.parse(res.text)).toMatchObject({
      type: "message",
      role: "assistant",
      stop_reason: "tool_use",
      content: [{ type: "tool_use", id: "toolu_1_0", name: "comment", input: { message: "hi" } }],
      usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    });
  });
});
