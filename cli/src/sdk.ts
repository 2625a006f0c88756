/**
 * The CLI's one door to the SDK. `mi` ships inside the `@mitosislabs/sdk` package (its
 * `bin`), compiled together with the SDK, so it imports the SDK's sources relatively: the
 * same path works for the sources under tsx/vitest and for the compiled package, and no
 * build is needed to type-check or test.
 */
export * from "../../sdk/src/index.js";
