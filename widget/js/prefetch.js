// The router's first views, read while the wasm module downloads and compiles.
//
// The widget's first render waits for the router's `get_targets`, `get_profiles` and
// `get_config` (widget/src/loader.rs, FIRST_VIEWS: same names, same order). Reading them here,
// before the module is ready, lets the two waits overlap instead of following each other. The
// widget takes these answers (`mountWithViews`) and checks them as it checks its own reads; when
// this read failed in any way it reads the views itself, with its retries and messages.
// Nothing is read for a host that supplies `rpcTransport`: it chose how the node is reached.

const FIRST_VIEWS = ["get_targets", "get_profiles", "get_config"];
const TIMEOUT_MS = 15000;

/** Starts the read for `config`; a promise of the three JSON-RPC answers (or of null), or undefined. */
export function prefetchFirstViews(config) {
  const url = config?.rpcUrl;
  const router = config?.routerId;
  if (typeof url !== "string" || !url || typeof router !== "string" || !router) return undefined;
  if (config.rpcTransport || typeof fetch !== "function") return undefined;
  const view = (method) =>
    fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: "stake-router-widget",
        method: "query",
        // args_base64 "e30=" is "{}".
        params: { request_type: "call_function", finality: "final", account_id: router, method_name: method, args_base64: "e30=" },
      }),
      signal: globalThis.AbortSignal?.timeout?.(TIMEOUT_MS),
    }).then((response) => (response.status === 200 ? response.json() : null));
  return Promise.all(FIRST_VIEWS.map(view)).catch(() => null);
}
