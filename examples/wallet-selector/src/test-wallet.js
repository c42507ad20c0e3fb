// A TEST wallet module for @near-wallet-selector/core 10.x: it implements the library's
// module interface (a WalletModuleFactory whose `init` returns the wallet's behaviour) and
// signs with a local ed25519 key through near-api-js's own packages (@near-js/accounts,
// @near-js/signers, @near-js/providers). It exists so that a page wired the way a real site is
// wired (selector -> wallet -> widget) can be driven end to end against a local devnet.
// It holds a private key in the page: NEVER use it with a real account.
import { Account } from "@near-js/accounts";
import { JsonRpcProvider } from "@near-js/providers";
import { KeyPairSigner } from "@near-js/signers";

export const TEST_WALLET_ID = "stake-router-test-wallet";

/**
 * The module factory, as wallet-selector's modules export it (`setupMyNearWallet()` ...).
 * `accountId` and `privateKey` ("ed25519:...") are the devnet account it signs for.
 */
export function setupTestWallet({ accountId, privateKey }) {
  return async () => ({
    id: TEST_WALLET_ID,
    type: "injected",
    metadata: {
      name: "Stake Router test wallet (devnet)",
      description: "Signs with a local key. For tests on a local devnet only.",
      iconUrl: "data:,",
      deprecated: false,
      available: true,
      downloadUrl: "https://github.com/stake-router/stake-router",
    },
    // wallet-selector calls `init` once with its options, store, provider, logger and
    // storage, and decorates what it returns (signIn/signOut update its store).
    init: async ({ options, storage, logger }) => {
      const signer = KeyPairSigner.fromSecretKey(privateKey);
      const publicKey = (await signer.getPublicKey()).toString();
      const provider = new JsonRpcProvider({ url: options.network.nodeUrl });
      const account = new Account(accountId, provider, signer);
      const me = [{ accountId, publicKey }];
      const signedIn = async () => (await storage.getItem("signedIn")) === true;

      async function send({ signerId, receiverId, actions }) {
        if (!(await signedIn())) throw new Error("Wallet not signed in");
        if (signerId && signerId !== accountId) throw new Error(`Signed in as ${accountId}, cannot sign for ${signerId}`);
        logger.log("signAndSendTransaction", { receiverId, actions });
        // `actions` are near-api-js Actions (wallet-selector 10.x): signed as they are (borsh),
        // sent with send_tx, the final outcome returned.
        return account.signAndSendTransaction({ receiverId, actions, waitUntil: "FINAL" });
      }

      return {
        async signIn() {
          await storage.setItem("signedIn", true);
          return me;
        },
        async signOut() {
          await storage.removeItem("signedIn");
        },
        async getAccounts() {
          return (await signedIn()) ? me : [];
        },
        async verifyOwner() {
          throw new Error(`${TEST_WALLET_ID} does not verify owners`);
        },
        signAndSendTransaction: send,
        async signAndSendTransactions({ transactions }) {
          const outcomes = [];
          for (const tx of transactions) outcomes.push(await send(tx));
          return outcomes;
        },
        async getPublicKey() {
          return signer.getPublicKey();
        },
        async signNep413Message() {
          throw new Error(`${TEST_WALLET_ID} does not sign messages`);
        },
        async signTransaction(tx) {
          return signer.signTransaction(tx);
        },
        async signDelegateAction(da) {
          return signer.signDelegateAction(da);
        },
      };
    },
  });
}
