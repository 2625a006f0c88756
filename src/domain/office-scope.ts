import type { Principal } from "./principal.js";

declare const resolved: unique symbol;

/**
 * An office the caller was found allowed to act in. Only the office access check
 * (`OfficeAccess.resolve`) makes one, so every domain method that takes a scope is reached
 * through that check.
 */
export interface OfficeScope {
  readonly officeId: string;
  readonly principal: Principal;
  readonly [resolved]: true;
}
