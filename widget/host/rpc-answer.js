// STAND-IN for a NEAR node until the local devnet exists.
//
// One expression: a function that takes the fixtures (fixtures.json) and returns
// `answer(request) -> response`, a JSON-RPC answer shaped like a real node's:
//   - `query` / `call_function` on the router: the fixture view's JSON as `result.result`
//     (an array of bytes), `get_proxy` from `proxies` (unknown accounts: `hashLabel`);
//   - `query` / `call_function` of an LST price view (`ft_price`, `get_st_near_price`);
//   - `query` / `view_account` from `accounts`;
//   - `query` / `call_function` of the router's `get_claimables` from `claimables`, and its
//     `get_account_policy` from `account_policies` (absent: null, no stored policy);
//   - `query` / `call_function` of another contract's view from `contracts[account][method]`
//     (a value, or `{ by_account_id, default }` keyed by the `account_id` argument, or
//     `{ by_arg, values, default }` keyed by the argument named `by_arg`, or by several joined
//     with "|"): the proxy's
//     `get_pools`, pools' `get_account`, LSTs' `ft_balance_of` / `storage_balance_of` and
//     account views, the exit venues' quotes, wNEAR's registration;
//   - `EXPERIMENTAL_protocol_config` and `block` (head, or `block_id`) from `clock`
//     (`epoch_start_height`, `head_height`, `epoch_length`, `block_time_ms`), for the epoch clock;
//   - `validators` ([null]): `{ epoch_height, current_validators }` from `epoch_height` (absent:
//     an error) and `validators` (`[{ account_id, stake }]`, absent: none);
//   - the router's `get_profile_guards(name)` from `profile_guards[name]` (other names: all off;
//     no `profile_guards` at all: a router without the view, MethodNotFound);
//   - anything else: HTTP-200 answers carrying `result.error` (the view failed) or `error`
//     (unknown account), as nodes do.
// Shared by the Node stub server (servers.mjs) and the widget's browser tests
// (widget/tests/browser), which evaluate this file's text.
(function makeAnswer(fx, hashLabel) {
  const encoder = new TextEncoder();
  const bytes = (value) => Array.from(encoder.encode(JSON.stringify(value)));
  const decodeArgs = (b64) => {
    if (!b64) return {};
    const text = typeof atob === "function" ? atob(b64) : Buffer.from(b64, "base64").toString("latin1");
    return text ? JSON.parse(text) : {};
  };
  const block = { block_height: 1, block_hash: "11111111111111111111111111111111" };
  const ok = (id, result) => ({ jsonrpc: "2.0", id, result: { ...result, ...block } });
  const viewOk = (id, value) => ok(id, { result: bytes(value), logs: [] });
  const viewFailed = (id, message) => ok(id, { error: message, logs: [] });
  const unknownAccount = (id, account) => ({
    jsonrpc: "2.0",
    id,
    error: {
      name: "HANDLER_ERROR",
      cause: { name: "UNKNOWN_ACCOUNT", info: { requested_account_id: account } },
      code: -32000,
      message: "Server error",
      data: `account ${account} does not exist while viewing`,
    },
  });

  return function answer(request) {
    const id = request.id;
    const p = request.params || {};
    if (request.method === "EXPERIMENTAL_protocol_config" && fx.clock) {
      return { jsonrpc: "2.0", id, result: { epoch_length: fx.clock.epoch_length } };
    }
    if (request.method === "block" && fx.clock) {
      const height = p.block_id ?? fx.clock.head_height;
      return { jsonrpc: "2.0", id, result: { header: { height, timestamp: height * fx.clock.block_time_ms * 1e6 } } };
    }
    if (request.method === "validators") {
      if (fx.epoch_height == null) {
        return { jsonrpc: "2.0", id, error: { name: "HANDLER_ERROR", cause: { name: "UNKNOWN_EPOCH" }, code: -32000, message: "Server error", data: "Unknown Epoch" } };
      }
      const current = (fx.validators || []).map((v) => ({ public_key: "ed25519:11111111111111111111111111111111", is_slashed: false, shards: [0], num_produced_blocks: 0, num_expected_blocks: 0, ...v }));
      return { jsonrpc: "2.0", id, result: { epoch_height: fx.epoch_height, epoch_start_height: fx.clock ? fx.clock.epoch_start_height : 1, current_validators: current, next_validators: [], current_proposals: [], current_fishermen: [], next_fishermen: [], prev_epoch_kickout: [] } };
    }
    if (request.method !== "query") {
      return { jsonrpc: "2.0", id, error: { name: "REQUEST_VALIDATION_ERROR", cause: { name: "METHOD_NOT_FOUND" }, message: "Method not found" } };
    }
    if (p.request_type === "view_account") {
      const acc = fx.accounts[p.account_id];
      return acc ? ok(id, acc) : unknownAccount(id, p.account_id);
    }
    if (p.request_type !== "call_function") {
      return viewFailed(id, `unsupported request_type ${p.request_type}`);
    }
    const args = decodeArgs(p.args_base64);
    if (p.account_id === fx.router_id) {
      if (p.method_name === "get_proxy") {
        const known = fx.proxies[args.beneficiary_id];
        const proxy = known || { proxy_id: `${hashLabel ? hashLabel(args.beneficiary_id) : "unknown"}.${fx.router_id}`, exists: false };
        return viewOk(id, proxy);
      }
      if (p.method_name === "get_profile_guards" && fx.profile_guards) {
        return viewOk(id, fx.profile_guards[args.name] || { max_validator_network_share_bps: null, skip_out_of_band_liquid: false });
      }
      if (p.method_name === "get_account_policy") {
        return viewOk(id, (fx.account_policies || {})[args.account_id] ?? null);
      }
      if (p.method_name === "get_claimables") {
        return viewOk(id, (fx.claimables || {})[args.account_id] || {});
      }
      if (Object.prototype.hasOwnProperty.call(fx.views, p.method_name)) {
        return viewOk(id, fx.views[p.method_name]);
      }
      return viewFailed(id, `wasm execution failed with error: MethodResolveError(MethodNotFound)`);
    }
    const contract = (fx.contracts || {})[p.account_id];
    if (contract && Object.prototype.hasOwnProperty.call(contract, p.method_name)) {
      const v = contract[p.method_name];
      const keyed = v && typeof v === "object" && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, "by_account_id");
      const byArg = v && typeof v === "object" && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, "by_arg");
      if (byArg) {
        const key = [].concat(v.by_arg).map((a) => String(args[a])).join("|");
        return viewOk(id, Object.prototype.hasOwnProperty.call(v.values, key) ? v.values[key] : v.default);
      }
      if (!keyed) return viewOk(id, v);
      const hit = Object.prototype.hasOwnProperty.call(v.by_account_id, args.account_id);
      if (!hit && !Object.prototype.hasOwnProperty.call(v, "default")) {
        return viewFailed(id, `wasm execution failed with error: FunctionCallError(ExecutionError("no account ${args.account_id}"))`);
      }
      return viewOk(id, hit ? v.by_account_id[args.account_id] : v.default);
    }
    const price = fx.prices[p.account_id];
    if (price && price.method === p.method_name) {
      return viewOk(id, price.value);
    }
    if (!fx.accounts[p.account_id] && !price) {
      return unknownAccount(id, p.account_id);
    }
    return viewFailed(id, `wasm execution failed with error: MethodResolveError(MethodNotFound)`);
  };
})
