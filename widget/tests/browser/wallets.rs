//! The wallets the libraries hand out, taken as they are: a `@near-wallet-selector/core` 10.x
//! wallet (accounts from `getAccounts()`, near-api-js `Action`s), the most a person can stake
//! with its gas left aside (the Max button), and a wallet's own refusal read in NEAR.

use crate::harness::*;
use js_sys::{Function, Reflect};
use router_core::{parse_near, plan_deposit};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// A wallet as wallet-selector 10.x's `selector.wallet()` resolves it (no `accountId`; the
/// account from `getAccounts()`); it records what `signAndSendTransaction` receives in
/// `globalThis.__signed`.
const SELECTOR_WALLET: &str = r#"(() => {
  globalThis.__signed = [];
  return {
    id: "test-wallet", type: "injected",
    metadata: { name: "Test", description: null, iconUrl: "", deprecated: false, available: true, downloadUrl: "" },
    async getAccounts() { return [{ accountId: "alice.test.near", publicKey: "ed25519:11111111111111111111111111111111" }]; },
    async signIn() { return []; }, async signOut() {},
    async signAndSendTransaction(params) {
      globalThis.__signed.push(params);
      return { status: { SuccessValue: "" }, transaction: { hash: "SelectorTx1" }, transaction_outcome: { id: "SelectorTx1", outcome: { logs: [], executor_id: "alice.test.near" } }, receipts_outcome: [] };
    },
  };
})()"#;

fn eval(js: &str) -> JsValue {
    js_sys::eval(js).unwrap()
}

#[wasm_bindgen_test]
async fn a_wallet_selector_wallet_is_taken_as_it_is() {
    let stub = Stub::new(fixtures());
    let data = router_data(&stub.fx);
    let host = host();
    let mut handle = widget::mount(host.clone(), config(&stub, None, &[("wallet", eval(SELECTOR_WALLET))])).unwrap();
    wait_until(|| text(&host, "[data-srw=account]").contains("alice.test.near · available"), "the account").await;
    type_into(&host, "[data-srw=amount]", "12.5");
    click(&host, "[data-srw=stake]");
    wait_until(|| text(&host, "[data-srw=status]").contains("SelectorTx1"), "the answer").await;
    let signed = eval("globalThis.__signed");
    assert_eq!(Reflect::get(&signed, &"length".into()).unwrap(), 1);
    let params = eval("globalThis.__signed[0]");
    let policy = data.profile("balanced").unwrap().allocation.resolve(&data.targets).unwrap();
    let plan = plan_deposit(parse_near("12.5").unwrap(), &policy, &data.targets, &data.limits(false)).unwrap();
    // The signer is named (the wallet may hold several accounts), and each action is the
    // near-api-js `Action` 10.x's modules sign: functionCall first, args as bytes, bigints.
    let check = Function::new_with_args(
        "p",
        r#"const a = p.actions[0], f = a.functionCall;
        return JSON.stringify({ signer: p.signerId, receiver: p.receiverId, n: p.actions.length, first: Object.keys(a)[0],
          enum: a.enum, method: f.methodName, args: new TextDecoder().decode(f.args), bytes: f.args instanceof Uint8Array,
          gas: typeof f.gas === "bigint" ? f.gas.toString() : "not a bigint", deposit: typeof f.deposit === "bigint" ? f.deposit.toString() : "not a bigint",
          json: JSON.stringify(a) });"#,
    );
    let seen = check.call1(&JsValue::NULL, &params).unwrap().as_string().unwrap();
    let want = serde_json::json!({
        "signer": "alice.test.near", "receiver": "stake-router.test.near", "n": 1, "first": "functionCall",
        "enum": "functionCall", "method": "deposit", "args": r#"{"profile":"balanced"}"#, "bytes": true,
        "gas": plan.gas_required.to_string(), "deposit": "12500000000000000000000000",
        // As JSON (a wallet posting it), wallet-selector's {type, params}.
        "json": format!(r#"{{"type":"FunctionCall","params":{{"methodName":"deposit","args":{{"profile":"balanced"}},"gas":"{}","deposit":"12500000000000000000000000"}}}}"#, plan.gas_required),
    });
    assert_eq!(serde_json::from_str::<serde_json::Value>(&seen).unwrap(), want);
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_wallet_without_a_signed_in_account_is_not_connected() {
    let stub = Stub::new(fixtures());
    let wallet =
        eval(r#"({ async getAccounts() { return []; }, async signAndSendTransaction() { throw new Error("no"); } })"#);
    let host = host();
    let mut handle = widget::mount(host.clone(), config(&stub, None, &[("wallet", wallet)])).unwrap();
    wait_until(|| q(&host, "[data-srw=profile]").is_some(), "the profiles").await;
    widget::rpc::sleep(50).await;
    assert!(text(&host, "[data-srw=account]").starts_with("Connect a wallet"), "{}", text(&host, "[data-srw=account]"));
    handle.unmount();
}

#[wasm_bindgen_test]
async fn the_shown_available_balance_is_stakeable_with_its_gas_and_max_fills_it() {
    let stub = Stub::new(fixtures());
    let wallet = TestWallet::new("alice.test.near");
    let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
    let line = text(&host, "[data-srw=account]");
    let shown = line.rsplit("available ").next().unwrap().trim_end_matches(" NEAR").to_string();
    // Max fills exactly the figure shown.
    click(&host, "[data-srw=max]");
    assert_eq!(widget::dom::input(&q(&host, "[data-srw=amount]").unwrap()).value(), shown);
    assert_eq!(text(&host, "[data-srw=amount-error]"), "");
    click(&host, "[data-srw=stake]");
    wait_until(|| wallet.sent.borrow().len() == 1, "the wallet").await;
    let sent: serde_json::Value = serde_json::from_str(&wallet.sent.borrow()[0]).unwrap();
    let params = &sent["actions"][0]["params"];
    let deposit: u128 = params["deposit"].as_str().unwrap().parse().unwrap();
    let gas: u128 = params["gas"].as_str().unwrap().parse().unwrap();
    assert_eq!(deposit, parse_near(&shown).unwrap());
    // What nearcore takes at conversion: the deposit, and the prepaid gas with its fees (about
    // 1.3 TGas for one call) bought at the purchase price, 10^9 yocto a gas since protocol 85
    // (the fixtures' node: gas price 10^8). Alice holds 1000 NEAR and stores 500 bytes.
    let spendable = 1_000 * router_core::ONE_NEAR - 500 * 10u128.pow(19);
    assert!(deposit + (gas + 2_000_000_000_000) * 1_000_000_000 <= spendable, "{deposit} + gas {gas} > {spendable}");
    // One more yocto than the most is refused before the wallet, in NEAR.
    let most = q(&host, "[data-srw=max]").unwrap().get_attribute("data-amount").unwrap();
    assert_eq!(most, shown);
    type_into(&host, "[data-srw=amount]", "999.999");
    let error = text(&host, "[data-srw=amount-error]");
    assert!(error.starts_with(&format!("That is more than you can stake now: {shown} NEAR")), "{error}");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_wallets_refusal_reads_in_near_not_json_or_yocto() {
    let stub = Stub::new(fixtures());
    let wallet = TestWallet::new("alice.test.near");
    let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
    type_into(&host, "[data-srw=amount]", "5");
    let want = "The deposit was not sent: alice.test.near has 999.995 NEAR, less than the 1000.16919 NEAR this transaction needs (attached NEAR and gas)";
    // near-api-js's error for the node's NotEnoughBalance: `type` and the fields on the error,
    // its message the fields as JSON when it has no template.
    *wallet.mode.borrow_mut() = Mode::FailWith(
        r#"Object.assign(new Error('{"signer_id":"alice.test.near","balance":"999995000000000000000000000","cost":"1000169190000000000000000000"}'), { type: "NotEnoughBalance", signer_id: "alice.test.near", balance: "999995000000000000000000000", cost: "1000169190000000000000000000" })"#,
    );
    click(&host, "[data-srw=stake]");
    wait_until(
        || wallet.sent.borrow().len() == 1 && !text(&host, "[data-srw=status]").starts_with("Confirm"),
        "the refusal",
    )
    .await;
    assert_eq!(text(&host, "[data-srw=status]"), want);
    // A message with the amounts in yoctoNEAR reads them in NEAR.
    *wallet.mode.borrow_mut() = Mode::Fail(
        "Sender alice.test.near does not have enough balance 999995000000000000000000000 for operation costing 1000169190000000000000000000",
    );
    click(&host, "[data-srw=stake]");
    wait_until(
        || wallet.sent.borrow().len() == 2 && !text(&host, "[data-srw=status]").starts_with("Confirm"),
        "the refusal",
    )
    .await;
    assert_eq!(
        text(&host, "[data-srw=status]"),
        "The deposit was not sent: Sender alice.test.near does not have enough balance 999.995 NEAR for operation costing 1000.16919 NEAR"
    );
    // JSON the widget cannot word is named, not shown.
    *wallet.mode.borrow_mut() = Mode::Fail(r#"Server error: {"InvalidTxError":{"Expired":null}}"#);
    click(&host, "[data-srw=stake]");
    wait_until(
        || wallet.sent.borrow().len() == 3 && !text(&host, "[data-srw=status]").starts_with("Confirm"),
        "the refusal",
    )
    .await;
    let status = text(&host, "[data-srw=status]");
    assert!(!status.contains('{'), "{status}");
    assert!(status.contains("expired"), "{status}");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_connected_accounts_views_are_asked_at_once() {
    let stub = Stub::new(fixtures());
    let (host, mut handle) = mounted(&stub, None).await;
    // Everything the first load reads has been answered (the figures come last).
    wait_until(|| text(&host, "[data-srw=option-rate]").contains('%'), "the figures").await;
    widget::rpc::sleep(200).await;
    assert_eq!(stub.held(), 0);
    // Views are held unanswered: read one after the other, only `get_proxy` would be asked.
    *stub.hold.borrow_mut() = Some("query");
    let wallet = TestWallet::new("alice.test.near");
    let w = js_sys::Object::new();
    Reflect::set(&w, &"wallet".into(), &wallet.obj).unwrap();
    handle.update(w.into()).unwrap();
    wait_until(|| stub.held() >= 3, "get_proxy, view_account and get_account_policy asked together").await;
    assert!(!text(&host, "[data-srw=account]").contains("available"), "nothing is shown before the answers");
    stub.release();
    wait_until(|| text(&host, "[data-srw=account]").contains("alice.test.near · available 999."), "the account").await;
    handle.unmount();
}
