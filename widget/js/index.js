// @stake-router/widget: the ES-module way in.
//
//   import { mount } from "@stake-router/widget";
//   const widget = await mount(document.querySelector("#stake"), {
//     routerId: "stake-router.near", rpcUrl: "https://rpc.mainnet.near.org", wallet });
//   widget.update({ wallet: otherWallet });   // or { strings }, { presets }, { theme } ...
//   widget.unmount();
//
// The wasm module (widget_bg.wasm, beside this file) loads once, on first use; call
// `load(url)` first to serve it from elsewhere.
import init, * as wasm from "./widget.js";
import { prefetchFirstViews } from "./prefetch.js";

let ready = null;

/** Loads the wasm module once (optionally from `wasmUrl`); every export awaits it. */
export function load(wasmUrl) {
  if (!ready) {
    ready = init(wasmUrl ? { module_or_path: wasmUrl } : undefined).then(
      (exports) => {
        // A User Timing mark when the module is compiled and instantiated (the benchmark and
        // any host page can read it with performance.getEntriesByName).
        globalThis.performance?.mark?.("stake-router-widget:wasm-ready");
        return exports;
      },
      (e) => {
        ready = null;
        throw e;
      },
    );
  }
  return ready;
}

/** Mounts the widget inside `element`; resolves to a handle with `update(config)` and `unmount()`. */
export async function mount(element, config) {
  // The router's first views are read while the module loads (prefetch.js).
  const early = prefetchFirstViews(config);
  await load();
  return wasm.mountWithViews(element, config, early);
}

/** Plans a deposit as the widget does, from the router's views: resolves to `{ plan, policy, transaction }`. */
export async function preview(input) {
  await load();
  return wasm.preview(input);
}

/** NEAR as typed ("1.5") to exact yoctoNEAR (a decimal string). */
export async function parseNear(text) {
  await load();
  return wasm.parseNear(text);
}

/** yoctoNEAR (a decimal string) to NEAR with every significant decimal. */
export async function formatNear(yocto) {
  await load();
  return wasm.formatNear(yocto);
}

/** Every text key and its English default, for translations. */
export async function defaultStrings() {
  await load();
  return wasm.defaultStrings();
}
