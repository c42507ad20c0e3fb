//! The one transaction a deposit is: `deposit` on the router, in wallet-selector's shape.
//!
//! `{ receiverId, actions: [{ type: "FunctionCall", params: { methodName, args, gas, deposit } }] }`
//! with `gas` and `deposit` as decimal strings (exact above 2^53) and `args` a JSON object:
//! `{"profile": name}` or `{"policy": {"legs": [{"target", "bps"}, ...]}}`.

use crate::input::{DepositArgs, Planned};
use router_core::proxy_api::{FromPoolArgs, MoveStakeArgs, UnstakeArgs, WithdrawArgs};
use router_core::{AccountId, Policy};
use serde::Serialize;

/// The router method a deposit calls.
pub const DEPOSIT_METHOD: &str = "deposit";

/// A transaction for `wallet.signAndSendTransaction`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Transaction {
    /// The router.
    pub receiver_id: AccountId,
    /// Exactly one function call.
    pub actions: Vec<Action>,
}

/// One action of a [`Transaction`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Action {
    /// Always `"FunctionCall"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The call.
    pub params: FunctionCall,
}

/// A function call's parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionCall {
    /// `deposit` (or an exit method, [`crate::position`]).
    pub method_name: &'static str,
    /// The JSON arguments.
    pub args: Args,
    /// Prepaid gas as a decimal string: the plan's `gas_required`.
    pub gas: String,
    /// Attached yoctoNEAR as a decimal string: the whole deposit.
    pub deposit: String,
}

/// `deposit`'s arguments (the beneficiary defaults to the signer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Args {
    /// `{"profile": name}`.
    Profile {
        /// The profile's name.
        profile: String,
    },
    /// `{"policy": {...}}`.
    Policy {
        /// The explicit split.
        policy: Policy,
    },
    /// `{}`: the depositor's stored policy.
    Stored {},
    /// `unstake`'s arguments ([`crate::position`]; `router_core::proxy_api`).
    Unstake(UnstakeArgs),
    /// `withdraw`'s arguments.
    Withdraw(WithdrawArgs),
    /// `move_stake`'s arguments.
    MoveStake(MoveStakeArgs),
    /// `finish_move`'s (and `cancel_move`'s) arguments.
    FromPool(FromPoolArgs),
    /// A Sputnik DAO's `add_proposal` arguments ([`crate::dao`]).
    Proposal(router_core::dao_proposal::AddProposalArgs),
    /// The router's `claim(token_id)`.
    Claim {
        /// The token to claim.
        token_id: AccountId,
    },
}

/// The transaction that deposits `planned` into `router`.
pub fn deposit_transaction(router: &AccountId, planned: &Planned) -> Transaction {
    let args = match &planned.args {
        DepositArgs::Profile(name) => Args::Profile { profile: name.clone() },
        DepositArgs::Policy(policy) => Args::Policy { policy: policy.clone() },
        DepositArgs::Stored => Args::Stored {},
    };
    Transaction {
        receiver_id: router.clone(),
        actions: vec![Action {
            kind: "FunctionCall",
            params: FunctionCall {
                method_name: DEPOSIT_METHOD,
                args,
                gas: planned.plan.gas_required.to_string(),
                deposit: planned.amount.to_string(),
            },
        }],
    }
}
