/**
 * Task numbers as arguments and flags: per-office numbers from 1 (`mi tasks get --colony <id> 1`,
 * `--parent-id 1`, `--depends-on 1,2`).
 */
import { arg } from "../spec.js";

/** Options of an integer flag holding one task number. */
export const TASK_NUMBER = { min: 1, what: "a task number such as 1" } as const;

/** Options of a list flag holding task numbers. */
export const TASK_NUMBERS = { min: 1, what: "task ids separated by commas, e.g. '2' or '1,2,3'" } as const;

/** The positional task number. */
export const TASK_ID = arg.integer({ summary: "Task number, e.g. 1", ...TASK_NUMBER });
