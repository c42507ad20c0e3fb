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
//   - `validators` ([null]): `{ epoch_height, current_validators, current_proposals,
//     prev_epoch_kickout }` from `epoch_height` (absent: an error), `validators` (`[{ account_id,
//     stake, num_produced_blocks, ... }]`, absent: none), `proposals` and `kickouts`;
//   - `EXPERIMENTAL_protocol_config` also carries `protocol`'s reward figures, a `block` header
//     its `total_supply`; `status` the oldest kept block (`clock.earliest_height`); a `block`
//     below it, above the head or in `clock.missing_heights` is UNKNOWN_BLOCK;
//   - a `call_function` at a `block_id` below `clock.earliest_height` is GARBAGE_COLLECTED_BLOCK;
//     at another `block_id`, `history[height][account][method]` when given, else today's value;
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
    const earliest = fx.clock ? fx.clock.earliest_height ?? 0 : 0;
    const unknownBlock = (height) => ({ jsonrpc: "2.0", id, error: { name: "HANDLER_ERROR", cause: { name: "UNKNOWN_BLOCK", info: {} }, code: -32000, message: "Server error", data: `DB Not Found Error: BLOCK HEIGHT: ${height} \n Cause: Unknown` } });
    if (request.method === "EXPERIMENTAL_protocol_config" && fx.clock) {
      const { total_supply, ...rewards } = fx.protocol || {};
      return { jsonrpc: "2.0", id, result: { epoch_length: fx.clock.epoch_length, ...rewards } };
    }
    if (request.method === "block" && fx.clock) {
      const height = p.block_id ?? fx.clock.head_height;
      if (height < earliest || height > fx.clock.head_height || (fx.clock.missing_heights || []).includes(height)) return unknownBlock(height);
      const ns = height * fx.clock.block_time_ms * 1e6;
      const supply = fx.protocol ? { total_supply: fx.protocol.total_supply } : {};
      return { jsonrpc: "2.0", id, result: { header: { height, timestamp: ns, timestamp_nanosec: String(ns), ...supply } } };
    }
    if (request.method === "status" && fx.clock) {
      return { jsonrpc: "2.0", id, result: { chain_id: "stub", sync_info: { latest_block_height: fx.clock.head_height, earliest_block_height: fx.clock.earliest_height ?? null, epoch_start_height: fx.clock.epoch_start_height } } };
    }
    if (request.method === "validators") {
      if (fx.epoch_height == null) {
        return { jsonrpc: "2.0", id, error: { name: "HANDLER_ERROR", cause: { name: "UNKNOWN_EPOCH" }, code: -32000, message: "Server error", data: "Unknown Epoch" } };
      }
      const current = (fx.validators || []).map((v) => ({ public_key: "ed25519:11111111111111111111111111111111", is_slashed: false, shards: [0], num_produced_blocks: 0, num_expected_blocks: 0, ...v }));
      return { jsonrpc: "2.0", id, result: { epoch_height: fx.epoch_height, epoch_start_height: fx.clock ? fx.clock.epoch_start_height : 1, current_validators: current, next_validators: [], current_proposals: fx.proposals || [], current_fishermen: [], next_fishermen: [], prev_epoch_kickout: fx.kickouts || [] } };
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
    if (p.block_id != null && p.block_id < earliest) {
      return { jsonrpc: "2.0", id, error: { name: "HANDLER_ERROR", cause: { name: "GARBAGE_COLLECTED_BLOCK", info: { block_height: p.block_id } }, code: -32000, message: "Server error", data: `The data for block #${p.block_id} is garbage collected on this node, use an archival node to fetch historical data` } };
    }
    const past = p.block_id != null && fx.history ? (fx.history[String(p.block_id)] || {})[p.account_id] : undefined;
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
    const now = (fx.contracts || {})[p.account_id];
    const contract = past && Object.prototype.hasOwnProperty.call(past, p.method_name) ? past : now;
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
    if (!fx.accounts[p.account_id] && !price && !now) {
      return unknownAccount(id, p.account_id);
    }
    return viewFailed(id, `wasm execution failed with error: MethodResolveError(MethodNotFound)`);
  };
})
