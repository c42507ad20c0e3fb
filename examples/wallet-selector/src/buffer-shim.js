// Node's `Buffer` for the browser bundle (npm `buffer`): parts of @near-js/* and
// @near-wallet-selector/core use the global; esbuild injects this where they do.
export { Buffer } from "buffer";
