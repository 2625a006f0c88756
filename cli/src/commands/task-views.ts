/**
 * How `mi tasks` prints tasks for people: a table for lists, label/value details for one
 * task, the full detail view of `mi tasks get`, and one line per event.
 */
import type { Terminal } from "../io.js";
import { renderDetails } from "../output.js";
import type { ClaimedTask, Task, TaskArtifact, TaskComment, TaskDetail, TaskEvent, TaskStats } from "../sdk.js";
import { renderTable } from "../table.js";

/** Tasks as a table, one row each. */
export function taskTable(tasks: readonly Task[], term: Terminal): string {
  return renderTable(
    ["id", "parent", "status", "kind", "priority", "agent", "title"],
    tasks.map((t) => [String(t.id), dash(t.parentId), t.status, t.kind, String(t.priority), t.assignedAgent || "-", t.title]),
    term,
  );
}

/** One task's fields as label/value lines; empty fields are left out. */
export function taskDetails(task: Task, extra: [string, string][] = []): string {
  const pairs: [string, string][] = [
    ["id", String(task.id)],
    ["title", task.title],
    ["status", task.status],
    ["kind", task.kind],
    ["priority", String(task.priority)],
    ["assigned", task.assignedAgent || "-"],
    ["created by", task.createdBy],
  ];
  if (task.parentId !== undefined) pairs.push(["parent", String(task.parentId)]);
  if (task.dependsOn.length > 0) {
    pairs.push(["depends on", `${task.dependsOn.join(", ")} (${task.pendingDependencyCount} not done)`]);
  }
  if (task.subtaskCount > 0) pairs.push(["subtasks", `${task.doneSubtaskCount}/${task.subtaskCount} done`]);
  if (task.requiredTools.length > 0) pairs.push(["required tools", task.requiredTools.join(", ")]);
  if (task.description) pairs.push(["description", task.description]);
  if (task.result) pairs.push(["result", task.result]);
  if (task.error) pairs.push(["error", task.error]);
  if (task.lease) pairs.push(["lease", `${task.lease.owner} until ${task.lease.expiresAt}`]);
  if (task.verification) {
    const v = task.verification;
    pairs.push(["verification", `${v.accepted ? "accepted" : "rejected"} by ${v.reviewer}${v.comments ? `: ${v.comments}` : ""}`]);
  }
  if (task.retryCount > 0) pairs.push(["retries", String(task.retryCount)]);
  pairs.push(["created", task.createdAt], ["updated", task.updatedAt]);
  if (task.startedAt) pairs.push(["started", task.startedAt]);
  if (task.completedAt) pairs.push(["completed", task.completedAt]);
  return renderDetails([...pairs, ...extra]);
}

/** `mi tasks get`: the task, its subtasks with their statuses, logs, comments and artifacts. */
export function detailView(d: TaskDetail, term: Terminal): string {
  const sections = [
    taskDetails(d.task),
    section("Subtasks", d.subtasks.length === 0 ? "" : taskTable(d.subtasks, term)),
    section(
      "Logs",
      d.logs.length === 0
        ? ""
        : renderTable(
            ["time", "actor", "event", "message"],
            d.logs.map((l) => [l.createdAt, l.actor, l.type, l.message]),
            term,
          ),
    ),
    section("Comments", d.comments.length === 0 ? "" : commentTable(d.comments, term)),
    section("Artifacts", d.artifacts.length === 0 ? "" : artifactTable(d.artifacts, term)),
  ];
  if (d.linkedMessages.length > 0) {
    sections.push(
      section(
        "Messages",
        renderTable(
          ["time", "sender", "text"],
          d.linkedMessages.map((m) => [m.createdAt, m.sender, m.text]),
          term,
        ),
      ),
    );
  }
  return sections.join("\n");
}

/** Comments as a table, oldest first. */
export function commentTable(comments: readonly TaskComment[], term: Terminal): string {
  return renderTable(
    ["id", "time", "author", "message"],
    comments.map((c) => [String(c.id), c.createdAt, c.author, c.message]),
    term,
  );
}

/** Artifacts as a table, oldest first. */
export function artifactTable(artifacts: readonly TaskArtifact[], term: Terminal): string {
  return renderTable(
    ["id", "kind", "path", "label", "by", "linked"],
    artifacts.map((a) => [String(a.id), a.kind, a.path, a.label || "-", a.createdBy, a.createdAt]),
    term,
  );
}

/** One artifact's fields as label/value lines. */
export function artifactDetails(a: TaskArtifact): string {
  return renderDetails([
    ["id", String(a.id)],
    ["kind", a.kind],
    ["path", a.path],
    ["label", a.label || "-"],
    ["by", a.createdBy],
    ["linked", a.createdAt],
  ]);
}

/** A claimed task with the lease the worker must pass on every update. */
export function claimDetails(claimed: ClaimedTask): string {
  return taskDetails(claimed.task, [
    ["lease token", claimed.leaseToken],
    ["lease expires", claimed.leaseExpiresAt],
  ]);
}

/** Task counts, in queue order, then the total. */
export function statsDetails(s: TaskStats): string {
  return renderDetails([
    ["queued", String(s.queued)],
    ["claimed", String(s.claimed)],
    ["running", String(s.running)],
    ["blocked", String(s.blocked)],
    ["done", String(s.done)],
    ["failed", String(s.failed)],
    ["cancelled", String(s.cancelled)],
    ["total", String(s.total)],
  ]);
}

/**
 * One event on one line: `<time>  #<event id>  task <id> <type> [<status>]  <actor>[: <message>]`.
 * Line breaks in messages are flattened so each event stays one line.
 */
export function eventLine(e: TaskEvent): string {
  const status = e.task ? ` [${e.task.status}]` : "";
  const message = e.message ? `: ${e.message.replace(/\s*\n\s*/g, " ")}` : "";
  return `${e.createdAt}  #${e.id}  task ${e.taskId} ${e.type}${status}  ${e.actor}${message}`;
}

function section(title: string, body: string): string {
  return body === "" ? `${title}: none\n` : `${title}:\n${body}`;
}

function dash(value: number | undefined): string {
  return value === undefined ? "-" : String(value);
}
