// The example page's script: points the widget at the RPC (?rpc=...), and plays the host's
// wallet with a test wallet that records transactions instead of signing them.
const params = new URLSearchParams(location.search);
const widget = document.getElementById("widget");
widget.setAttribute("rpc-url", params.get("rpc") ?? "http://127.0.0.1:3031");

/** A TEST wallet in wallet-selector's shape: records each transaction, signs nothing. */
const testWallet = {
  accountId: params.get("account") ?? "alice.test.near",
  sent: [],
  reject: false,
  async signAndSendTransaction(tx) {
    this.sent.push(JSON.stringify(tx));
    document.getElementById("sent").textContent = this.sent.map((t) => JSON.stringify(JSON.parse(t), null, 2)).join("\n\n");
    if (this.reject) throw new Error("User rejected the request");
    return { transaction: { hash: `TestTxHash${this.sent.length}` }, status: { SuccessValue: "" } };
  },
};
window.testWallet = testWallet;
// The liquid tokens' exchange (?exchange=<JSON>: the fixtures' `exchange`).
if (params.get("exchange")) widget.exchange = JSON.parse(params.get("exchange"));

document.getElementById("connect").addEventListener("click", () => (widget.wallet = testWallet));
document.getElementById("disconnect").addEventListener("click", () => (widget.wallet = null));
document.getElementById("reject").addEventListener("change", (e) => (testWallet.reject = e.target.checked));
if (params.get("connect") !== "0") widget.wallet = testWallet;

// Defining the element last shows that attributes and properties set before the definition
// are taken over (a page may load the widget's script at any point).
await import("/pkg/stake-router-widget.js");
