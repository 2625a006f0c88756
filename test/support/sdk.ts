import type { MitosisError } from "../../sdk/src/index.js";

/** The typed SDK error a call fails with; fails the test if the call succeeds. */
export async function failure(p: Promise<unknown>): Promise<MitosisError> {
  try {
    await p;
  } catch (err) {
    return err as MitosisError;
  }
  throw new Error("expected the call to fail");
}
