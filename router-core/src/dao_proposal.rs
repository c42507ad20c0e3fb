//! Sputnik DAO v2 proposals: how a DAO routes treasury NEAR through the router, or acts on its
//! position, by one `FunctionCall` proposal its members vote on.
//!
//! The shape is Sputnik's own (near-daos/sputnik-dao-contract `sputnikdao2/src/proposals.rs`):
//! `add_proposal({"proposal": {"description", "kind": {"FunctionCall": {"receiver_id",
//! "actions": [{"method_name", "args" (base64 of the JSON arguments), "deposit", "gas"}]}}}})`
//! with the DAO's `proposal_bond` attached. When the proposal is approved, `act_proposal` makes
//! each action with exactly its own gas and the DAO's NEAR as deposit; the member who votes pays
//! the gas. The CLI (`dao-proposal`, `exit --dao`, `watch`) and the widget's DAO mode build their
//! proposals here, so they are the same proposal.

use crate::amount::{format_near, format_near_approx, Yocto};
use crate::exit_calls::ExitCall;
use crate::gas::TGAS;
use crate::plan::SplitPlan;
use crate::target::TargetKind;
use crate::AccountId;
use base64::Engine;
use serde::Serialize;

/// Sputnik DAO v2's default `proposal_bond` (1 NEAR), for a DAO whose `get_policy` cannot be
/// read.
pub const DEFAULT_PROPOSAL_BOND: u128 = crate::ONE_NEAR;

/// The gas to attach to `add_proposal` itself (it only stores the proposal).
pub const ADD_PROPOSAL_GAS: u64 = 100 * TGAS;

/// What Sputnik's `act_proposal` needs around the actions it executes. The source fixes most of
/// it: each action gets exactly its own gas (weight 0) and `on_proposal_callback` 10 TGas static
/// (`GAS_FOR_FT_TRANSFER` in `types.rs`); the rest is `act_proposal`'s own execution (2.85 TGas
/// for the 2.3.1 build) and the new receipts' fees. On the in-process chain the 2.3.1 build
/// needed 13.8 TGas above a 170.1 TGas deposit, the mock DAO 13.3 (`tests/MOCKS.md`, section 3);
/// 20 leaves room for mainnet's trie-node gas, which the local VM does not charge.
pub const ACT_PROPOSAL_MARGIN_GAS: u64 = 20 * TGAS;

/// The standard base64 of `bytes` (a proposal's `args`, a view's `args_base64`).
pub fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// One action of a `FunctionCall` proposal (Sputnik's `ActionCall`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActionCall {
    /// The method the DAO calls.
    pub method_name: String,
    /// The JSON arguments, base64.
    pub args: String,
    /// yoctoNEAR the DAO attaches.
    pub deposit: Yocto,
    /// Gas for the call, as a decimal string (Sputnik's `U64`).
    pub gas: String,
}

impl ActionCall {
    /// `method_name(args_json)` with `deposit` attached and `gas`.
    pub fn new(method_name: &str, args_json: &str, deposit: u128, gas: u64) -> ActionCall {
        ActionCall {
            method_name: method_name.to_string(),
            args: base64(args_json.as_bytes()),
            deposit: Yocto(deposit),
            gas: gas.to_string(),
        }
    }
}

impl From<&ExitCall> for ActionCall {
    fn from(call: &ExitCall) -> ActionCall {
        ActionCall::new(call.method, &call.args, call.deposit.0, call.gas)
    }
}

/// Sputnik's `ProposalKind::FunctionCall`: `{"FunctionCall": {"receiver_id", "actions"}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ProposalKind {
    /// Calls on one contract, in order.
    FunctionCall {
        /// The contract the DAO calls.
        receiver_id: AccountId,
        /// The calls.
        actions: Vec<ActionCall>,
    },
}

impl ProposalKind {
    /// The gas its actions take in all.
    pub fn action_gas(&self) -> u64 {
        let ProposalKind::FunctionCall { actions, .. } = self;
        actions.iter().map(|a| a.gas.parse::<u64>().unwrap_or(0)).sum()
    }
}

/// Sputnik's `ProposalInput`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProposalInput {
    /// What the members read.
    pub description: String,
    /// What the proposal does.
    pub kind: ProposalKind,
}

/// `add_proposal`'s arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AddProposalArgs {
    /// The proposal.
    pub proposal: ProposalInput,
}

impl AddProposalArgs {
    /// A proposal calling `receiver_id` with `actions`, described by `description`.
    pub fn function_call(description: String, receiver_id: AccountId, actions: Vec<ActionCall>) -> AddProposalArgs {
        AddProposalArgs {
            proposal: ProposalInput { description, kind: ProposalKind::FunctionCall { receiver_id, actions } },
        }
    }

    /// The gas a member attaches to `act_proposal` (vote approve) to execute it: the actions'
    /// gas and [`ACT_PROPOSAL_MARGIN_GAS`].
    pub fn act_gas(&self) -> u64 {
        self.proposal.kind.action_gas() + ACT_PROPOSAL_MARGIN_GAS
    }
}

/// The proposal that deposits `plan` (planned for the DAO) into `router` with `deposit_args`
/// (the JSON arguments of `deposit`: `{"profile": ..}`, `{"policy": ..}` or `{}`).
pub fn deposit_proposal(router: &AccountId, plan: &SplitPlan, deposit_args: &str) -> AddProposalArgs {
    let action = ActionCall::new("deposit", deposit_args, plan.deposit.0, plan.gas_required);
    AddProposalArgs::function_call(deposit_description(router, plan), router.clone(), vec![action])
}

/// A deposit proposal's description: the split in one line, as DAO apps list it.
pub fn deposit_description(router: &AccountId, plan: &SplitPlan) -> String {
    let legs: Vec<String> = plan
        .legs
        .iter()
        .map(|l| {
            let how = if matches!(l.kind, TargetKind::Validator) { "staked directly" } else { "liquid" };
            format!("{} NEAR to {} ({how})", format_near_approx(l.amount.0), l.target)
        })
        .collect();
    format!(
        "Stake {} NEAR of the treasury through Stake Router ({router}) in one transaction: {}; one-off costs {} NEAR \
         (exact amounts: those the router plans when the proposal executes)",
        format_near(plan.deposit.0),
        legs.join(", "),
        format_near_approx(plan.costs.total.0)
    )
}

/// The near-cli-rs command with which `member` submits `proposal` to `dao`, attaching `bond`, on
/// near-cli-rs's `network` (its network-config name).
pub fn near_cli_command(
    dao: &AccountId,
    proposal: &AddProposalArgs,
    bond: u128,
    member: &str,
    network: &str,
) -> String {
    let json = serde_json::to_string(proposal).unwrap_or_default().replace('\'', "'\\''");
    format!(
        "near contract call-function as-transaction {dao} add_proposal json-args '{json}' prepaid-gas '{} Tgas' \
         attached-deposit '{} NEAR' sign-as {member} network-config {network} sign-with-keychain send",
        ADD_PROPOSAL_GAS / TGAS,
        format_near(bond)
    )
}

/// The `proposal_bond` of a DAO's `get_policy` answer, when it names one.
pub fn proposal_bond(policy: &serde_json::Value) -> Option<u128> {
    serde_json::from_value::<Yocto>(policy.get("proposal_bond")?.clone()).ok().map(|b| b.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_call_proposal_has_sputniks_shape() {
        let action = ActionCall::new("withdraw", r#"{"pool_id":"a.pool.near"}"#, 1, 150 * TGAS);
        let args = AddProposalArgs::function_call("Withdraw".into(), "proxy.near".parse().unwrap(), vec![action]);
        let json = serde_json::to_value(&args).unwrap();
        let want = serde_json::json!({ "proposal": { "description": "Withdraw", "kind": { "FunctionCall": {
            "receiver_id": "proxy.near",
            "actions": [{ "method_name": "withdraw", "args": "eyJwb29sX2lkIjoiYS5wb29sLm5lYXIifQ==",
                          "deposit": "1", "gas": "150000000000000" }] } } } });
        assert_eq!(json, want);
        assert_eq!(args.act_gas(), 170 * TGAS);
    }

    #[test]
    fn the_bond_is_read_from_the_policy() {
        let policy = serde_json::json!({ "proposal_bond": "100000000000000000000000", "roles": [] });
        assert_eq!(proposal_bond(&policy), Some(crate::ONE_NEAR / 10));
        assert_eq!(proposal_bond(&serde_json::json!({ "roles": [] })), None);
        assert_eq!(proposal_bond(&serde_json::json!({ "proposal_bond": 5 })), None);
    }

    #[test]
    fn base64_is_the_standard_alphabet_with_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }
}
