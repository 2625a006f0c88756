/**
 * The wire formats the fake LLM server speaks: OpenAI Chat Completions (JSON and SSE) and
 * Anthropic Messages, each with its minimal request checks and its real error JSON shape.
 */

/** One scripted tool call; `id` is generated when absent. */
export interface ScriptedCall {
  name: string;
  arguments: Record<string, unknown>;
  id?: string;
}

/** One scripted answer of the model: text, tool calls, or both. */
export interface ScriptedTurn {
  text?: string;
  toolCalls?: ScriptedCall[];
  /** Wait this long before answering (the answer is dropped if the client hangs up first). */
  delayMs?: number;
}

/** One server-sent event: Anthropic names its events, OpenAI sends bare `data:` lines. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** An answer to send: status and JSON body, or SSE events for a stream. */
export type WireAnswer = { status: number; json: unknown } | { status: 200; sse: SseEvent[] };

/** A request the protocol refuses, with the message the real API would give. */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: the fake reads loosely shaped provider JSON
type Json = Record<string, any>;

/** Deterministic token counts: a quarter of the characters, as a rough tokenizer would. */
const tokens = (value: unknown) => Math.max(1, Math.ceil(JSON.stringify(value ?? "").length / 4));

/** OpenAI Chat Completions. */
export const openai = {
  error(status: number, message: string, type = status >= 500 ? "server_error" : "invalid_request_error", code: string | null = null) {
    return { status, json: { error: { message, type, param: null, code } } };
  },

  /** Checks what the real API checks first: the key, the model, and that tool results answer known calls. */
  validate(headers: Record<string, string | string[] | undefined>, body: Body): void {
    const auth = headers.authorization;
    if (typeof auth !== "string" || !/^Bearer \S+$/.test(auth)) {
      throw new BadRequest(
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.",
        401,
      );
    }
    if (typeof body.model !== "string" || !body.model) throw new BadRequest("you must provide a model parameter");
    if (!Array.isArray(body.messages) || body.messages.length === 0) throw new BadRequest("'messages' must contain at least one message");
    const open = new Set<string>();
    for (const m of body.messages as Json[]) {
      if (m.role === "assistant") for (const c of m.tool_calls ?? []) open.add(c.id);
      if (m.role === "tool") {
        if (!open.delete(m.tool_call_id)) {
          throw new BadRequest(
            "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          );
        }
      }
      if (m.role === "user" && open.size > 0) {
        throw new BadRequest(
          `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...open].join(", ")}`,
        );
      }
    }
  },

  offeredTools: (body: Body) => ((body.tools as Json[] | undefined) ?? []).map((t) => t.function?.name as string),

  answer(body: Body, turn: ScriptedTurn, n: number): WireAnswer {
    const calls = (turn.toolCalls ?? []).map((c, i) => ({
      id: c.id ?? `call_${n}_${i}`,
      name: c.name,
      arguments: JSON.stringify(c.arguments),
    }));
    const usage = { prompt_tokens: tokens(body.messages), completion_tokens: tokens(turn), total_tokens: 0 };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const finish = calls.length > 0 ? "tool_calls" : "stop";
    const base = { id: `chatcmpl-${n}`, created: 1_700_000_000 + n, model: body.model, system_fingerprint: "fp_fake" };
    if (body.stream !== true) {
      const message: Json = { role: "assistant", content: turn.text ?? null, refusal: null };
      if (calls.length > 0)
        message.tool_calls = calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } }));
      return {
        status: 200,
        json: { ...base, object: "chat.completion", choices: [{ index: 0, message, logprobs: null, finish_reason: finish }], usage },
      };
    }
    const chunk = (delta: Json, finish_reason: string | null = null) =>
      JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, logprobs: null, finish_reason }] });
    const events = [chunk({ role: "assistant", content: "" })];
    // Text and arguments arrive in fragments, as the real API sends them.
    for (const piece of split(turn.text ?? "", 3)) events.push(chunk({ content: piece }));
    calls.forEach((c, index) => {
      events.push(chunk({ tool_calls: [{ index, id: c.id, type: "function", function: { name: c.name, arguments: "" } }] }));
      for (const piece of split(c.arguments, 3)) events.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    });
    events.push(chunk({}, finish));
    const options = body.stream_options as Json | undefined;
    if (options?.include_usage) events.push(JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [], usage }));
    events.push("[DONE]");
    return { status: 200, sse: events.map((data) => ({ data })) };
  },
};

/** Anthropic Messages, whole or streamed as named events. */
export const anthropic = {
  error(status: number, message: string) {
    const type =
      status === 401
        ? "authentication_error"
        : status >= 500
          ? status === 529
            ? "overloaded_error"
            : "api_error"
          : "invalid_request_error";
    return { status, json: { type: "error", error: { type, message } } };
  },

  validate(headers: Record<string, string | string[] | undefined>, body: Body): void {
    // The API takes the key as x-api-key or as a bearer token (the official package sends the latter).
    const bearer = typeof headers.authorization === "string" && /^Bearer \S+$/.test(headers.authorization);
    if (!headers["x-api-key"] && !bearer) throw new BadRequest("x-api-key header is required", 401);
    if (typeof headers["anthropic-version"] !== "string") throw new BadRequest("anthropic-version: header is required");
    if (typeof body.model !== "string" || !body.model) throw new BadRequest("model: Field required");
    if (typeof body.max_tokens !== "number") throw new BadRequest("max_tokens: Field required");
    const messages = body.messages as Json[] | undefined;
    if (!Array.isArray(messages) || messages.length === 0) throw new BadRequest("messages: at least one message is required");
    let previous: Json | undefined;
    messages.forEach((m, i) => {
      if (m.role !== (i % 2 === 0 ? "user" : "assistant"))
        throw new BadRequest(`messages: roles must alternate between "user" and "assistant", starting with "user"`);
      const blocks: Json[] = typeof m.content === "string" ? [] : m.content;
      const asked = new Set(
        blocksOf(previous)
          .filter((b) => b.type === "tool_use")
          .map((b) => b.id),
      );
      for (const b of blocks) {
        if (b.type === "tool_result" && !asked.has(b.tool_use_id)) {
          throw new BadRequest(
            `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${b.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
          );
        }
      }
      previous = m;
    });
  },

  offeredTools: (body: Body) => ((body.tools as Json[] | undefined) ?? []).map((t) => t.name as string),

  answer(body: Body, turn: ScriptedTurn, n: number): WireAnswer {
    const whole = anthropic.message(body, turn, n);
    return body.stream === true ? { status: 200, sse: anthropic.events(whole) } : { status: 200, json: whole };
  },

  /** The stream of a whole message: text as text deltas, tool inputs as partial JSON in fragments. */
  events(message: Json): SseEvent[] {
    const event = (type: string, data: Json): SseEvent => ({ event: type, data: JSON.stringify({ type, ...data }) });
    const { content, usage, stop_reason, ...rest } = message;
    const out = [
      event("message_start", {
        message: { ...rest, content: [], stop_reason: null, usage: { input_tokens: usage.input_tokens, output_tokens: 1 } },
      }),
    ];
    (content as Json[]).forEach((block, index) => {
      if (block.type === "text") {
        out.push(event("content_block_start", { index, content_block: { type: "text", text: "" } }));
        for (const text of split(block.text, 3)) out.push(event("content_block_delta", { index, delta: { type: "text_delta", text } }));
      } else {
        out.push(event("content_block_start", { index, content_block: { ...block, input: {} } }));
        for (const partial_json of split(JSON.stringify(block.input), 3)) {
          out.push(event("content_block_delta", { index, delta: { type: "input_json_delta", partial_json } }));
        }
      }
      out.push(event("content_block_stop", { index }));
    });
    out.push(event("message_delta", { delta: { stop_reason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }));
    out.push(event("message_stop", {}));
    return out;
  },

  message(body: Body, turn: ScriptedTurn, n: number): Json {
    const content: Json[] = [];
    if (turn.text) content.push({ type: "text", text: turn.text });
    for (const [i, c] of (turn.toolCalls ?? []).entries()) {
      content.push({ type: "tool_use", id: c.id ?? `toolu_${n}_${i}`, name: c.name, input: c.arguments });
    }
    return {
      id: `msg_${n}`,
      type: "message",
      role: "assistant",
      model: body.model,
      content,
      stop_reason: turn.toolCalls?.length ? "tool_use" : "end_turn",
      stop_sequence: null,
      usage: { input_tokens: tokens(body.messages), output_tokens: tokens(turn) },
    };
  },
};

function blocksOf(m: Json | undefined): Json[] {
  return m && Array.isArray(m.content) ? m.content : [];
}

function split(text: string, parts: number): string[] {
  if (!text) return [];
  const size = Math.ceil(text.length / parts);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
