//! DAO mode: for an account the host page marks as a Sputnik DAO (`dao: { accountId,
//! onProposal }`), the widget plans for the DAO (its proxy, its treasury, its stored policy) and,
//! where it would ask a wallet to sign, writes the Sputnik DAO v2 proposal instead: the same
//! `add_proposal` arguments the CLI's `dao-proposal` (and `exit --dao`) prints, built by
//! `router_core::dao_proposal`. It shows the split in words, the bond, the gas the approving
//! vote needs, the JSON and the near-cli-rs command, and hands the host
//! `onProposal({ daoId, addProposal, bond, actGas, description, nearCli, transaction })`, where
//! `transaction` is `add_proposal` in the wallet shape for a member's wallet to sign. The widget
//! itself never signs in this mode.

use crate::dom::{append, attrs, clear, el, text_el, toggle_attr};
use crate::strings::{Strings, S};
use crate::tx::{Action, Args, FunctionCall, Transaction};
use js_sys::{Function, Reflect};
use router_core::dao_proposal::{near_cli_command, ActionCall, AddProposalArgs, ADD_PROPOSAL_GAS};
use router_core::exit_calls::ExitCall;
use router_core::gas::{TGAS, WALLET_GAS};
use router_core::{format_near_display, AccountId};
use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::Element;

/// The DAO the host marked, and where its proposals go.
#[derive(Clone, Debug)]
pub struct Dao {
    /// The Sputnik DAO's account (the depositor and beneficiary).
    pub account_id: AccountId,
    /// The host's `onProposal(proposal)`.
    pub on_proposal: Option<Function>,
}

impl Dao {
    /// Reads `dao` from the config: an account id, or `{ accountId, onProposal }`.
    pub fn from_js(v: &JsValue) -> Result<Dao, String> {
        let (id, on_proposal) = match v.as_string() {
            Some(id) => (id, None),
            None => {
                let id = Reflect::get(v, &"accountId".into()).ok().and_then(|i| i.as_string());
                let f = Reflect::get(v, &"onProposal".into()).ok().filter(|f| f.is_function());
                (id.ok_or("dao.accountId must be a string")?, f.map(Function::from))
            }
        };
        let account_id = id.parse().map_err(|e| format!("dao.accountId {id:?} is not an account id: {e}"))?;
        Ok(Dao { account_id, on_proposal })
    }
}

/// A proposal the widget wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The DAO it is for.
    pub dao: AccountId,
    /// `add_proposal`'s arguments.
    pub args: AddProposalArgs,
    /// The bond to attach, and whether it was read from the DAO's policy (else Sputnik's
    /// default).
    pub bond: (u128, bool),
    /// The near-cli-rs command a member runs.
    pub near_cli: String,
}

/// What the host's `onProposal` receives.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ForHost<'a> {
    dao_id: &'a AccountId,
    add_proposal: &'a AddProposalArgs,
    bond: String,
    act_gas: String,
    description: &'a str,
    near_cli: &'a str,
    transaction: Transaction,
}

/// What proposals are written for in DAO mode: the DAO and its bond (the DAO's
/// `proposal_bond`, else Sputnik's default, flagged as such).
#[derive(Clone, Debug)]
pub struct Writer {
    dao: AccountId,
    bond: (u128, bool),
}

impl Writer {
    /// The writer for `dao` with its `bond` as read; `None` outside DAO mode.
    pub fn new(dao: Option<&Dao>, bond: Option<u128>) -> Option<Writer> {
        let bond = bond.map_or((router_core::dao_proposal::DEFAULT_PROPOSAL_BOND, false), |b| (b, true));
        dao.map(|d| Writer { dao: d.account_id.clone(), bond })
    }

    /// `args` (a proposal to submit) as written for this DAO and bond.
    pub fn written(&self, args: AddProposalArgs) -> Written {
        let near_cli = near_cli_command(&self.dao, &args, self.bond.0, "MEMBER_ACCOUNT", "NETWORK");
        Written { dao: self.dao.clone(), args, bond: self.bond, near_cli }
    }

    /// The proposal performing `tx` (calls on one contract), described by `description`.
    fn transaction(&self, tx: &Transaction, description: String) -> Written {
        let actions = tx
            .actions
            .iter()
            .map(|a| {
                let p = &a.params;
                let args = serde_json::to_string(&p.args).unwrap_or_default();
                ActionCall::new(p.method_name, &args, p.deposit.parse().unwrap_or(0), p.gas.parse().unwrap_or(0))
            })
            .collect();
        self.written(AddProposalArgs::function_call(description, tx.receiver_id.clone(), actions))
    }

    /// The proxy's exit `tx` (pressed as `action`) as one proposal.
    pub fn exit_transaction(&self, action: &str, tx: &Transaction) -> Vec<Written> {
        let methods: Vec<&str> = tx.actions.iter().map(|a| a.params.method_name).collect();
        let description = format!(
            "{action} for {} through the Stake Router widget: {}.{}",
            self.dao,
            tx.receiver_id,
            methods.join(", ")
        );
        vec![self.transaction(tx, description)]
    }

    /// The exit calls `calls` (pressed as `action`) as proposals, one per call in order (each
    /// call may go to another contract).
    pub fn calls(&self, action: &str, calls: &[ExitCall]) -> Vec<Written> {
        calls
            .iter()
            .enumerate()
            .map(|(i, call)| {
                let step =
                    if calls.len() > 1 { format!(" (step {} of {})", i + 1, calls.len()) } else { String::new() };
                let description = format!(
                    "{action}{step} for {} through the Stake Router widget: {}.{} with {} NEAR attached",
                    self.dao,
                    call.receiver_id,
                    call.method,
                    router_core::format_near(call.deposit.0)
                );
                let actions = vec![ActionCall::from(call)];
                self.written(AddProposalArgs::function_call(description, call.receiver_id.clone(), actions))
            })
            .collect()
    }
}

/// Hands `written` to the host's `onProposal`, when it gave one.
pub fn hand_over(on_proposal: Option<&Function>, written: &Written) {
    let Some(f) = on_proposal else { return };
    let add_proposal = Args::Proposal(written.args.clone());
    let transaction = Transaction {
        receiver_id: written.dao.clone(),
        actions: vec![Action {
            kind: "FunctionCall",
            params: FunctionCall {
                method_name: "add_proposal",
                args: add_proposal,
                gas: ADD_PROPOSAL_GAS.to_string(),
                deposit: written.bond.0.to_string(),
            },
        }],
    };
    let for_host = ForHost {
        dao_id: &written.dao,
        add_proposal: &written.args,
        bond: written.bond.0.to_string(),
        act_gas: written.args.act_gas().to_string(),
        description: &written.args.proposal.description,
        near_cli: &written.near_cli,
        transaction,
    };
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    if let Ok(v) = for_host.serialize(&serializer) {
        // A host callback that throws does not undo the proposal on screen.
        let _ = f.call1(&JsValue::NULL, &v);
    }
}

/// The status line for a written proposal.
pub fn status_line(written: &Written, s: &Strings) -> String {
    let tgas = written.args.act_gas().div_ceil(TGAS).to_string();
    let bond = format_near_display(written.bond.0);
    let key = if written.bond.1 { S::ProposalReady } else { S::ProposalReadyDefaultBond };
    let mut line = s.fill(key, &[("dao", written.dao.as_str()), ("bond", &bond), ("tgas", &tgas)]);
    if written.args.act_gas() > WALLET_GAS {
        let limit = (WALLET_GAS / TGAS).to_string();
        line = format!("{line} {}", s.fill(S::ProposalAboveWallet, &[("limit", &limit)]));
    }
    line
}

/// The empty, hidden panel a proposal is shown in (`data-srw` = `name`).
pub fn panel(name: &str) -> Element {
    attrs(el("section", "srw-proposal"), &[("data-srw", name), ("hidden", ""), ("aria-live", "polite")])
}

/// The account line in DAO mode: the DAO and its treasury's available NEAR, when read.
pub fn account_line(dao: &AccountId, available: Option<u128>, s: &Strings) -> String {
    match available {
        Some(b) => s.fill(S::DaoAccountBalance, &[("account", dao.as_str()), ("balance", &format_near_display(b))]),
        None => s.fill(S::DaoAccount, &[("account", dao.as_str())]),
    }
}

/// Renders `written` into `panel`: per proposal its description, JSON and command, each
/// selectable to copy; hidden without one. Rebuilt only when the proposals change.
pub fn render_panel(panel: &Element, written: &[Written], s: &Strings) {
    let key = written.iter().map(|w| w.near_cli.as_str()).collect::<Vec<_>>().join("\n");
    if panel.get_attribute("data-key").as_deref() == Some(key.as_str()) {
        return;
    }
    let _ = panel.set_attribute("data-key", &key);
    clear(panel);
    toggle_attr(panel, "hidden", written.is_empty());
    for (i, w) in written.iter().enumerate() {
        let heading = match written.len() {
            1 => s.get(S::ProposalHeading).to_string(),
            n => s.fill(S::ProposalHeadingOf, &[("n", &(i + 1).to_string()), ("count", &n.to_string())]),
        };
        append(panel, &text_el("h4", "srw-proposal-heading", &heading));
        let description = text_el("p", "srw-proposal-description", &w.args.proposal.description);
        append(panel, &attrs(description, &[("data-srw", "proposal-description")]));
        let json = serde_json::to_string_pretty(&w.args).unwrap_or_default();
        for (label, text, name) in [
            (S::ProposalJsonLabel, json.as_str(), "proposal-json"),
            (S::ProposalCliLabel, w.near_cli.as_str(), "proposal-cli"),
        ] {
            let block = el("div", "srw-proposal-block");
            append(&block, &text_el("p", "srw-muted", s.get(label)));
            let code = text_el("pre", "srw-proposal-code", text);
            append(&block, &attrs(code, &[("data-srw", name), ("tabindex", "0")]));
            append(panel, &block);
        }
    }
}

/// The position's status line for exit proposals written for `action`.
pub fn exit_status_line(written: &[Written], action: &str, s: &Strings) -> String {
    let Some(first) = written.first() else { return String::new() };
    let bond = format_near_display(first.bond.0);
    let count = written.len().to_string();
    s.fill(S::PosProposed, &[("action", action), ("count", &count), ("dao", first.dao.as_str()), ("bond", &bond)])
}
