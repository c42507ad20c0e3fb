// The example page: @near-wallet-selector/core with a wallet module, and the Stake Router
// widget taking the wallet the selector hands out, as it is.
//
// `./config.json` names the network ({ rpcUrl, routerId, account: { accountId, privateKey } });
// the test wallet module stands in for a real one (MyNearWallet, Meteor, HERE...), which
// would be listed in `modules` the same way.
import { setupWalletSelector } from "@near-wallet-selector/core";
import { setupTestWallet, TEST_WALLET_ID } from "./test-wallet.js";

const config = await (await fetch("./config.json")).json();
const widget = document.querySelector("stake-router-widget");
widget.setAttribute("router-id", config.routerId);
widget.setAttribute("rpc-url", config.rpcUrl);
const status = document.getElementById("wallet-status");

// wallet-selector 10.1 knows two network ids, "mainnet" and "testnet" (setupWalletSelector
// looks its presets up by id even for a custom network object): the local devnet goes under
// "testnet" with its own nodeUrl, and `fallbackRpcUrls` points the selector's provider at it.
const selector = await setupWalletSelector({
  network: { networkId: "testnet", nodeUrl: config.rpcUrl, helperUrl: "", explorerUrl: "", indexerUrl: "" },
  fallbackRpcUrls: [config.rpcUrl],
  modules: [setupTestWallet(config.account)],
});

async function connect() {
  const wallet = await selector.wallet(TEST_WALLET_ID);
  await wallet.signIn({ contractId: config.routerId });
  widget.wallet = wallet; // the only glue: the selector's wallet, as it is
  status.textContent = `Connected through wallet-selector: ${(await wallet.getAccounts())[0].accountId}`;
}

async function disconnect() {
  const wallet = await selector.wallet(TEST_WALLET_ID);
  await wallet.signOut();
  widget.wallet = null;
  status.textContent = "Not connected";
}

document.getElementById("connect").addEventListener("click", connect);
document.getElementById("disconnect").addEventListener("click", disconnect);
if (selector.isSignedIn()) await connect();
window.__selector = selector;
await import("/pkg/stake-router-widget.js");
