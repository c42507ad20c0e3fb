//! DAO mode: for an account the host marks as a Sputnik DAO, the widget writes the proposal
//! (`router_core::dao_proposal`, the CLI's) instead of asking a wallet to sign, shows it in
//! words and hands it to the host.

use crate::harness::*;
use js_sys::{Function, Object, Reflect, JSON};
use router_core::dao_proposal::{deposit_description, deposit_proposal, ActionCall, AddProposalArgs};
use router_core::{parse_near, plan_deposit};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

/// bob's account, marked as a DAO (its proxy holds stake in the fixtures).
const DAO: &str = "bob.test.near";
const PROXY: &str = "b8d7f586f28f098f49e4bdda.stake-router.test.near";
const BOND: &str = "100000000000000000000000";

/// The host's `onProposal`, recording each proposal as JSON.
struct Host {
    got: Rc<RefCell<Vec<serde_json::Value>>>,
    _closure: Closure<dyn FnMut(JsValue)>,
}

impl Host {
    fn new() -> Host {
        let got = Rc::new(RefCell::new(Vec::new()));
        let g = got.clone();
        let closure = Closure::<dyn FnMut(JsValue)>::new(move |p: JsValue| {
            let text = JSON::stringify(&p).unwrap().as_string().unwrap();
            g.borrow_mut().push(serde_json::from_str(&text).unwrap());
        });
        Host { got, _closure: closure }
    }

    fn dao_config(&self) -> JsValue {
        let dao = Object::new();
        Reflect::set(&dao, &"accountId".into(), &DAO.into()).unwrap();
        let f: &Function = self._closure.as_ref().unchecked_ref();
        Reflect::set(&dao, &"onProposal".into(), f).unwrap();
        dao.into()
    }
}

/// The fixtures with a Sputnik `get_policy` on the DAO (bond 0.1 NEAR) unless `bond` is false.
fn stub(bond: bool) -> Stub {
    let fx = fixtures();
    if bond {
        let contracts = Reflect::get(&fx, &"contracts".into()).unwrap();
        let policy = JSON::parse(&format!(r#"{{"get_policy":{{"proposal_bond":"{BOND}","roles":[]}}}}"#)).unwrap();
        Reflect::set(&contracts, &DAO.into(), &policy).unwrap();
    }
    Stub::new(fx)
}

/// Mounted in DAO mode with a member's wallet connected, which must never be asked to sign.
async fn mounted_dao(stub: &Stub, host_cb: &Host) -> (web_sys::Element, widget::WidgetHandle, TestWallet) {
    let member = TestWallet::new("member.test.near");
    let host = host();
    let config = config(stub, Some(&member), &[("dao", host_cb.dao_config())]);
    let handle = widget::mount(host.clone(), config).unwrap();
    wait_until(|| text(&host, "[data-srw=account]").contains("treasury available"), "the DAO's treasury").await;
    (host, handle, member)
}

#[wasm_bindgen_test]
async fn a_dao_deposit_is_written_as_the_clis_proposal_and_handed_to_the_host() {
    let stub = stub(true);
    let data = router_data(&stub.fx);
    let cb = Host::new();
    let (host, mut handle, member) = mounted_dao(&stub, &cb).await;
    assert!(text(&host, "[data-srw=account]").starts_with("Writing proposals for the DAO bob.test.near"));
    click(&host, "input[data-srw=profile][value=\"liquid-heavy\"]");
    type_into(&host, "[data-srw=amount]", "250");
    assert_eq!(text(&host, "[data-srw=stake]"), "Write the proposal for 250 NEAR");
    click(&host, "[data-srw=stake]");
    wait_until(|| cb.got.borrow().len() == 1, "the host's onProposal").await;
    assert!(member.sent.borrow().is_empty(), "nothing is signed in DAO mode");

    // The proposal is the CLI's: router-core's deposit proposal for the plan the router makes.
    let policy = data.profile("liquid-heavy").unwrap().allocation.resolve(&data.targets).unwrap();
    let plan = plan_deposit(parse_near("250").unwrap(), &policy, &data.targets, &data.limits(true)).unwrap();
    let router: router_core::AccountId = "stake-router.test.near".parse().unwrap();
    let want = deposit_proposal(&router, &plan, r#"{"profile":"liquid-heavy"}"#);
    let got = cb.got.borrow()[0].clone();
    assert_eq!(got["addProposal"], serde_json::to_value(&want).unwrap());
    assert_eq!(got["daoId"], DAO);
    assert_eq!(got["bond"], BOND);
    assert_eq!(got["actGas"], want.act_gas().to_string());
    // What a member's wallet signs to submit it: add_proposal on the DAO with the bond.
    assert_eq!(got["transaction"]["receiverId"], DAO);
    let params = &got["transaction"]["actions"][0]["params"];
    assert_eq!(params["methodName"], "add_proposal");
    assert_eq!(params["deposit"], BOND);
    assert_eq!(params["args"], serde_json::to_value(&want).unwrap());

    // On the page: the split in words, the bond and the vote's gas, the JSON and the command.
    let description = deposit_description(&router, &plan);
    assert_eq!(text(&host, "[data-srw=proposal-description]"), description);
    let tgas = want.act_gas().div_ceil(1_000_000_000_000);
    assert_eq!(
        text(&host, "[data-srw=status]"),
        format!(
            "Proposal for bob.test.near written below: a member submits it (add_proposal) with the DAO's 0.1 NEAR bond; the vote that approves it needs about {tgas} TGas."
        )
    );
    let json: serde_json::Value = serde_json::from_str(&text(&host, "[data-srw=proposal-json]")).unwrap();
    assert_eq!(json, serde_json::to_value(&want).unwrap());
    assert!(text(&host, "[data-srw=proposal-cli]")
        .starts_with("near contract call-function as-transaction bob.test.near add_proposal"));
    handle.unmount();
}

#[wasm_bindgen_test]
async fn without_a_readable_policy_the_bond_is_sputniks_default_and_says_so() {
    let stub = stub(false);
    let cb = Host::new();
    let (host, mut handle, _member) = mounted_dao(&stub, &cb).await;
    type_into(&host, "[data-srw=amount]", "20");
    click(&host, "[data-srw=stake]");
    wait_until(|| cb.got.borrow().len() == 1, "the host's onProposal").await;
    assert_eq!(cb.got.borrow()[0]["bond"], "1000000000000000000000000");
    assert!(text(&host, "[data-srw=status]")
        .contains("a bond of 1 NEAR (Sputnik's default: the DAO's policy could not be read)"));
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_dao_exit_is_a_proposal_to_its_proxy() {
    let stub = stub(true);
    let cb = Host::new();
    let (host, mut handle, member) = mounted_dao(&stub, &cb).await;
    wait_until(|| q(&host, "[data-srw=totals]").is_some(), "the DAO's position").await;
    click(&host, "[data-srw=withdraw][data-pool=\"figment.pool.test.near\"]");
    wait_until(|| cb.got.borrow().len() == 1, "the host's onProposal").await;
    assert!(member.sent.borrow().is_empty(), "nothing is signed in DAO mode");
    let action = ActionCall::new("withdraw", r#"{"pool_id":"figment.pool.test.near"}"#, 1, 86_000_000_000_000);
    let got = cb.got.borrow()[0].clone();
    let want = AddProposalArgs::function_call(
        got["description"].as_str().unwrap().to_string(),
        PROXY.parse().unwrap(),
        vec![action],
    );
    assert_eq!(got["addProposal"], serde_json::to_value(&want).unwrap());
    assert!(got["description"].as_str().unwrap().contains("for bob.test.near"));
    assert_eq!(
        text(&host, "[data-srw=position-status]"),
        "Withdraw: written below as 1 proposal(s) for bob.test.near, to be submitted and approved in order; a member submits each with a 0.1 NEAR bond."
    );
    assert_eq!(all(&host, "[data-srw=exit-proposal] [data-srw=proposal-json]").len(), 1);
    handle.unmount();
}
