/**
 * The CLI's door to the agent worker (`mi agent run`), apart from sdk.ts: the worker brings the
 * LLM providers' client packages, which no other command should pay for at start-up.
 */
export { officeLlmCredentials, runAgent } from "../../sdk/src/worker/agent.js";
