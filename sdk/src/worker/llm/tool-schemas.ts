/**
 * The function tools the model gets, as JSON schemas, and the checking of the arguments it
 * sends: a bad call becomes an error message for the model, never a crash of the run.
 */
import type { ToolSchema } from "./chat.js";

type Property = { type: "string" | "integer" | "boolean" | "object"; description: string; enum?: string[] };

function tool(name: string, description: string, properties: Record<string, Property>, required: string[]): ToolSchema {
  return { name, description, parameters: { type: "object", properties, required, additionalProperties: false } };
}

const str = (description: string): Property => ({ type: "string", description });

/** Every tool of the engine, in the order the model sees them. */
export const TOOL_SCHEMAS: readonly ToolSchema[] = [
  tool(
    "create_subtask",
    "Create a subtask of the current task in the office's queue, for another agent (or yourself) to do.",
    {
      title: str("Short title"),
      description: str("What to do, and what proves it is done"),
      kind: { type: "string", description: "Kind of work", enum: ["general", "code", "research", "browser", "review", "verify"] },
      assigned_agent: str("Agent that must do it; leave out for any agent"),
      priority: { type: "integer", description: "0 critical, 50 normal, 100 low" },
    },
    ["title"],
  ),
  tool("comment", "Post a comment on the current task (visible to operators and other agents).", { message: str("The comment") }, [
    "message",
  ]),
  tool(
    "send_message",
    "Send a chat message about the current task: to another agent of the office (`to`), or to the office group chat (no `to`).",
    { text: str("The message"), to: str("Name of the agent to write to; leave out for the group chat") },
    ["text"],
  ),
  tool("list_files", "List files on the office's shared drive.", { prefix: str("Only paths starting with this, e.g. reports/") }, []),
  tool("read_file", "Read a text file from the shared drive.", { path: str("Path on the drive, e.g. reports/summary.md") }, ["path"]),
  tool(
    "write_file",
    "Write a text file to the shared drive (replaces it if it exists).",
    { path: str("Path on the drive, e.g. reports/summary.md"), content: str("The whole file content") },
    ["path", "content"],
  ),
  tool(
    "add_artifact",
    "Record a file on the shared drive as proof of your work; it is linked to the task when you complete it.",
    { path: str("Path on the drive of a file you wrote"), label: str("What the file shows") },
    ["path"],
  ),
  tool(
    "shell",
    "Run a bash command in your workspace directory; returns the exit code and the output (stdout and stderr, truncated).",
    { command: str("The command line"), timeout_seconds: { type: "integer", description: "Give up after this many seconds (default 60)" } },
    ["command"],
  ),
  tool(
    "hire_agent",
    "Hire a new agent into the office (limits are enforced by the server).",
    {
      name: str("Lowercase name: letters, digits and '-'"),
      role: str("Role template, e.g. research-analyst"),
      model_tier: { type: "string", description: "Model tier", enum: ["haiku", "sonnet", "opus", "gpt-5.5", "gemini-2.5-flash"] },
      system_prompt: str("Instructions for the new agent"),
      budget: { type: "integer", description: "Credits it may spend, carved from yours" },
    },
    ["name"],
  ),
  tool(
    "http_request",
    "Call the API of an integration enabled for you; the server adds the credentials.",
    {
      integration: str("Integration id, e.g. github"),
      method: { type: "string", description: "HTTP method", enum: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] },
      path: str("Path and query on the integration's API, starting with /"),
      headers: { type: "object", description: "Extra request headers (no authentication)" },
      body: str("Request body"),
    },
    ["integration", "path"],
  ),
  tool(
    "complete_task",
    "Finish the task: say what was accomplished and how it is proven. Ends your session.",
    { result: str("What was accomplished, with the proof (files, outputs)") },
    ["result"],
  ),
  tool("fail_task", "Give the task up for good because it cannot be done. Ends your session.", { error: str("Why it cannot be done") }, [
    "error",
  ]),
];

/** The parsed arguments of a tool call. */
export type ToolArguments = Record<string, unknown>;

/** The schema of `name`, if the engine has that tool. */
export function toolSchema(name: string): ToolSchema | undefined {
  return TOOL_SCHEMAS.find((t) => t.name === name);
}

/**
 * Parses and checks the model's arguments for `schema`: a JSON object, the required fields
 * present, each known field of its declared type and enum. Throws an Error worded for the model.
 */
export function parseArguments(schema: ToolSchema, json: string): ToolArguments {
  let args: unknown;
  try {
    args = JSON.parse(json.trim() === "" ? "{}" : json);
  } catch {
    throw new Error(`arguments of ${schema.name} are not valid JSON: ${json.slice(0, 200)}`);
  }
  if (typeof args !== "object" || args === null || Array.isArray(args))
    throw new Error(`arguments of ${schema.name} must be a JSON object`);
  const record = args as ToolArguments;
  const properties = schema.parameters.properties as Record<string, Property>;
  for (const name of schema.parameters.required as string[]) {
    if (record[name] === undefined || record[name] === null) throw new Error(`${schema.name} needs ${name}`);
  }
  for (const [name, value] of Object.entries(record)) {
    const p = properties[name];
    if (!p) throw new Error(`${schema.name} has no argument ${name}; it takes ${Object.keys(properties).join(", ")}`);
    if (value === null) continue;
    if (!ofType(value, p.type)) throw new Error(`${schema.name}: ${name} must be ${p.type === "integer" ? "an integer" : `a ${p.type}`}`);
    if (p.enum && !p.enum.includes(value as string)) throw new Error(`${schema.name}: ${name} must be one of ${p.enum.join(", ")}`);
  }
  return record;
}

function ofType(value: unknown, type: Property["type"]): boolean {
  switch (type) {
    case "integer":
      return Number.isInteger(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}
