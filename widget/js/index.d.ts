/** One action handed to the wallet: near-api-js's `Action` (what @near-wallet-selector/core 10.x
 * types `actions` as) and wallet-selector 8.x's `{type, params}` at once; `JSON.stringify` gives
 * the latter. Only FunctionCall actions are ever built. */
export interface WidgetAction {
  functionCall: { methodName: string; args: Uint8Array; gas: bigint; deposit: bigint };
  enum: "functionCall";
  type: "FunctionCall";
  params: { methodName: string; args: object; gas: string; deposit: string };
}

/** A NEAR wallet as @near-wallet-selector/core (8.x-10.x) or near-connect hand it out, or your
 * own adapter: the account is `accountId`, else the active (or first) of `accounts`, else the
 * first of `getAccounts()`; only these members are used. */
export interface WalletAdapter {
  accountId?: string | null;
  accounts?: Array<{ accountId: string; active?: boolean }>;
  getAccounts?(): Promise<Array<{ accountId: string }>>;
  /** Signs and sends one transaction; resolves to the outcome, a hash, or nothing (redirecting wallets). */
  signAndSendTransaction(tx: { signerId?: string; receiverId: string; actions: WidgetAction[] }): Promise<unknown>;
}

/** The widget's configuration; `update` takes any subset. */
export interface WidgetConfig {
  routerId: string;
  rpcUrl?: string;
  /** Replaces fetch: receives the JSON-RPC request object, resolves to the response JSON. */
  rpcTransport?: (request: object) => Promise<object>;
  wallet?: WalletAdapter | null;
  defaultProfile?: string;
  /** Quick amounts in NEAR, e.g. ["10", "100"]. */
  presets?: string[];
  /** Text overrides by key (see defaultStrings()). */
  strings?: Record<string, string>;
  /** CSS custom properties: { accent: "#0a7" } sets --srw-accent. */
  theme?: Record<string, string>;
  /** Link for a sent transaction; "{hash}" is replaced. */
  explorerTxUrl?: string;
  /** A Ref-shaped exchange where liquid tokens sell at once: pool id per token, against wNEAR. */
  exchange?: { accountId: string; wnearId: string; pools: Record<string, number> } | null;
  /** The instant exits' slippage at first, in basis points (default 50). */
  exitSlippageBps?: number;
  /** How far below the protocol's rate the market may pay before a token is flagged depegged (default 100). */
  depegBandBps?: number;
  /** The window the yearly rates are measured over, in epochs (default 4; 1 to 100). */
  figureEpochs?: number;
  /** DAO mode: the account is this Sputnik DAO v2; the widget writes proposals instead of asking
   * the wallet to sign, and hands each to `onProposal`. `null` leaves DAO mode. */
  dao?: string | { accountId: string; onProposal?: (proposal: DaoProposal) => void } | null;
}

/** A Sputnik DAO v2 proposal the widget wrote (the same `add_proposal` arguments the CLI prints). */
export interface DaoProposal {
  daoId: string;
  /** `add_proposal`'s arguments: `{ proposal: { description, kind: { FunctionCall: ... } } }`. */
  addProposal: object;
  /** The bond to attach, yoctoNEAR (the DAO's `proposal_bond`, else Sputnik's default 1 NEAR). */
  bond: string;
  /** The gas the approving vote (`act_proposal`) needs, in gas units. */
  actGas: string;
  /** The split (or the exit) in words, as DAO apps list it. */
  description: string;
  /** The near-cli-rs command (MEMBER_ACCOUNT and NETWORK to replace). */
  nearCli: string;
  /** `add_proposal` on the DAO with the bond, for a member's wallet to sign. */
  transaction: { receiverId: string; actions: Array<{ type: "FunctionCall"; params: { methodName: string; args: object; gas: string; deposit: string } }> };
}

export interface WidgetHandle {
  update(config: Partial<WidgetConfig>): void;
  unmount(): void;
  readonly mounted: boolean;
}

export function load(wasmUrl?: string | URL): Promise<unknown>;
export function mount(element: Element, config: WidgetConfig): Promise<WidgetHandle>;
export function preview(input: object): Promise<{ plan: object; policy: object; transaction: object }>;
export function parseNear(text: string): Promise<string>;
export function formatNear(yocto: string): Promise<string>;
export function defaultStrings(): Promise<Record<string, string>>;
