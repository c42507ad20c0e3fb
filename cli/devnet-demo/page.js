// The local devnet demo's page: reads /demo-config.json (RPC URL, router, demo accounts),
// points the widget at the devnet, and plays the host's wallet with a DEVELOPMENT WALLET whose
// signAndSendTransaction POSTs the wallet-selector transaction to the demo server
// (POST /dev-wallet/send), which signs it with the chosen demo account's key and sends it.
const config = await (await fetch("/demo-config.json")).json();
const widget = document.getElementById("widget");
const picker = document.getElementById("account");
const log = document.getElementById("log");
const lines = [];

widget.setAttribute("router-id", config.routerId);
widget.setAttribute("rpc-url", config.rpcUrl);
widget.exchange = config.exchange; // the deployment's exchange, wNEAR and pool per liquid token
document.getElementById("rpc").textContent = config.rpcUrl;
document.getElementById("router").textContent = config.routerId;

for (const a of config.accounts) {
  const option = document.createElement("option");
  option.value = a.accountId;
  option.textContent = `${a.accountId} (${a.role})`;
  picker.append(option);
}

function note(text) {
  lines.unshift(`[${new Date().toLocaleTimeString()}] ${text}`);
  log.textContent = lines.slice(0, 20).join("\n\n");
}

async function rpc(method, params) {
  const response = await fetch(config.rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: "page", method, params }),
  });
  const answer = await response.json();
  if (answer.error) throw new Error(JSON.stringify(answer.error));
  return answer.result;
}

/** A DEVELOPMENT wallet in wallet-selector's shape, for the account picked above. */
function devWallet(accountId) {
  return {
    accountId,
    async signAndSendTransaction(transaction) {
      note(`${accountId} signs ${JSON.stringify(transaction)}`);
      const response = await fetch("/dev-wallet/send", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ accountId, transaction }),
      });
      const answer = await response.json();
      if (!response.ok) {
        note(`refused: ${answer.error}`);
        throw new Error(answer.error);
      }
      const failed = answer.receipts_outcome.filter((r) => r.outcome.status.Failure).length;
      note(`sent ${answer.transaction.hash}: ${Object.keys(answer.status)[0]}, ${answer.receipts_outcome.length} receipts, ${failed} failed`);
      return answer;
    },
  };
}

async function showHead() {
  const status = await rpc("status", []);
  const sync = status.sync_info;
  document.getElementById("head").textContent =
    `head #${sync.latest_block_height} (epoch started at #${sync.epoch_start_height})`;
}

const connect = () => (widget.wallet = devWallet(picker.value));
document.getElementById("connect").addEventListener("click", connect);
document.getElementById("disconnect").addEventListener("click", () => (widget.wallet = null));
picker.addEventListener("change", () => widget.wallet && connect());
document.getElementById("advance").addEventListener("click", async () => {
  const epochs = Math.max(1, Math.min(100, Number(document.getElementById("epochs").value) || 1));
  await rpc("sandbox_fast_forward", { delta_height: epochs * config.epochLength });
  note(`advanced ${epochs} epoch(s) (sandbox_fast_forward ${epochs * config.epochLength} blocks)`);
  await showHead();
  // The chain paid each epoch's rewards into the pools' locked balances; a pool counts them
  // for its delegators at its next `ping`, which anyone may send (no owner key): the picked
  // account sends it, as a keeper bot would on mainnet.
  const wallet = devWallet(picker.value);
  for (const pool of config.pools) {
    await wallet.signAndSendTransaction({
      signerId: wallet.accountId,
      receiverId: pool,
      actions: [{ type: "FunctionCall", params: { methodName: "ping", args: {}, gas: "30000000000000", deposit: "0" } }],
    });
  }
  note(`pinged ${config.pools.length} pools: their rewards now show in the position`);
  if (widget.wallet) widget.wallet = wallet; // reloads the position
});

connect();
await showHead();
await import("/pkg/stake-router-widget.js");
