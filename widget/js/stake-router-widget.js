// <stake-router-widget>: the custom-element way in.
//
//   <script type="module" src=".../@stake-router/widget/stake-router-widget.js"></script>
//   <stake-router-widget router-id="stake-router.near" rpc-url="https://rpc.mainnet.near.org"
//       default-profile="balanced" presets="10,100,1000"></stake-router-widget>
//   <script type="module">
//     const el = document.querySelector("stake-router-widget");
//     el.wallet = await selector.wallet();   // the host's wallet as its library hands it out
//   </script>
//
// Attributes: router-id, rpc-url, default-profile, presets (comma-separated NEAR amounts),
// explorer-tx-url, strings (JSON object of text overrides). Properties: wallet, strings,
// theme, rpcTransport, exchange, dao (functions and objects cannot be attributes). Theme with CSS on the
// element: `stake-router-widget { --srw-accent: #0a7; }`. Fires `stake-router-ready` when
// mounted and `stake-router-error` (detail: message) when the configuration is refused.
import { load } from "./index.js";
import { mountWithViews } from "./widget.js";
import { prefetchFirstViews } from "./prefetch.js";

const ATTRIBUTES = ["router-id", "rpc-url", "default-profile", "presets", "explorer-tx-url", "strings"];

export class StakeRouterWidget extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #handle = null;
  #mounting = null;
  #props = {};

  /** The host's wallet: a wallet-selector or near-connect wallet as it is, or `{ accountId, signAndSendTransaction }`; `null` disconnects. */
  get wallet() {
    return this.#props.wallet ?? null;
  }
  set wallet(wallet) {
    this.#set("wallet", wallet ?? null);
  }

  /** Text overrides ({ key: text }). */
  get strings() {
    return this.#props.strings;
  }
  set strings(strings) {
    this.#set("strings", strings ?? {});
  }

  /** CSS custom properties ({ accent: "#0a7" }). */
  get theme() {
    return this.#props.theme;
  }
  set theme(theme) {
    this.#set("theme", theme ?? {});
  }

  /** The exchange of the instant exits ({ accountId, wnearId, pools: { token: poolId } }). */
  get exchange() {
    return this.#props.exchange ?? null;
  }
  set exchange(exchange) {
    this.#set("exchange", exchange ?? null);
  }

  /** DAO mode: the Sputnik DAO the account is (`"dao.near"` or `{ accountId, onProposal }`); `null` leaves it. */
  get dao() {
    return this.#props.dao ?? null;
  }
  set dao(dao) {
    this.#set("dao", dao ?? null);
  }

  /** A JSON-RPC transport replacing fetch. */
  get rpcTransport() {
    return this.#props.rpcTransport;
  }
  set rpcTransport(transport) {
    this.#set("rpcTransport", transport);
  }

  /** The mounted widget's handle (null before mounting). */
  get handle() {
    return this.#handle;
  }

  #set(key, value) {
    this.#props[key] = value;
    if (this.#handle) {
      try {
        this.#handle.update({ [key]: value });
      } catch (e) {
        this.#fail(e);
      }
    }
  }

  #config() {
    return { ...this.#props, ...this.#attributes() };
  }

  #attributes() {
    const config = {};
    const attr = (name) => this.getAttribute(name);
    if (attr("router-id")) config.routerId = attr("router-id");
    if (attr("rpc-url")) config.rpcUrl = attr("rpc-url");
    config.defaultProfile = attr("default-profile") ?? "";
    config.explorerTxUrl = attr("explorer-tx-url") ?? "";
    config.presets = (attr("presets") ?? "").split(",").map((p) => p.trim()).filter(Boolean);
    if (attr("strings") && this.#props.strings === undefined) {
      try {
        config.strings = JSON.parse(attr("strings"));
      } catch {
        this.#fail("the strings attribute is not a JSON object");
      }
    }
    return config;
  }

  #fail(error) {
    const message = String(error?.message ?? error);
    this.dispatchEvent(new CustomEvent("stake-router-error", { detail: message, bubbles: true }));
    console.error(`<stake-router-widget>: ${message}`);
  }

  connectedCallback() {
    // A page may set properties before this element was defined: take them over.
    for (const name of ["wallet", "strings", "theme", "rpcTransport", "exchange", "dao"]) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    this.#mount();
  }

  // Mounts once the wasm is loaded, with the attributes and properties set by then.
  #mount() {
    if (this.#handle || this.#mounting || !this.isConnected) return;
    // The router's first views are read while the module loads (prefetch.js).
    const early = prefetchFirstViews(this.#config());
    this.#mounting = load()
      .then(() => {
        if (!this.isConnected || this.#handle) return;
        this.#handle = mountWithViews(this, this.#config(), early);
        this.dispatchEvent(new CustomEvent("stake-router-ready", { bubbles: true }));
      })
      .catch((e) => this.#fail(e))
      .finally(() => (this.#mounting = null));
  }

  disconnectedCallback() {
    if (this.#handle) this.#handle.unmount();
    this.#handle = null;
  }

  attributeChangedCallback() {
    if (!this.#handle) {
      this.#mount(); // a first attempt may have lacked router-id or rpc-url
      return;
    }
    try {
      this.#handle.update(this.#attributes());
    } catch (e) {
      this.#fail(e);
    }
  }
}

if (!customElements.get("stake-router-widget")) {
  customElements.define("stake-router-widget", StakeRouterWidget);
}
