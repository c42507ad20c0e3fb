/** A NEAR wallet in wallet-selector's shape (only these two members are used). */
export interface WalletAdapter {
  /** The signed-in account; `null` when none. */
  accountId: string | null;
  /** Signs and sends one transaction; resolves to the outcome (or nothing for redirecting wallets). */
  signAndSendTransaction(tx: {
    receiverId: string;
    actions: Array<{
      type: "FunctionCall";
      params: { methodName: string; args: object; gas: string; deposit: string };
    }>;
  }): Promise<unknown>;
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
