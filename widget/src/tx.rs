//! The one transaction a deposit is: `deposit` on the router, in wallet-selector's shape.
//!
//! `{ receiverId, actions: [{ type: "FunctionCall", params: { methodName, args, gas, deposit } }] }`
//! with `gas` and `deposit` as decimal strings (exact above 2^53) and `args` a JSON object:
//! `{"profile": name}` or `{"policy": {"legs": [{"target", "bps"}, ...]}}`.

use crate::input::{DepositArgs, Planned};
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
    /// The arguments of an exit call on the proxy or of `claim` on the router
    /// ([`crate::position`]); absent fields are left out.
    Exit(ExitArgs),
}

/// Arguments of `unstake`, `withdraw`, `move_stake`, `finish_move` and `claim`, in the
/// contracts' parameter order; `None` fields are not sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExitArgs {
    /// `unstake` / `withdraw`: the pool.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pool_id: Option<AccountId>,
    /// `move_stake` / `finish_move`: the pool the stake leaves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_pool: Option<AccountId>,
    /// `move_stake`: the pool it goes to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_pool: Option<AccountId>,
    /// `claim`: the token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_id: Option<AccountId>,
    /// yoctoNEAR as a decimal string (`None`: everything staked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    /// `Some(true)` once the owner confirmed that the pool restarts the unstake timer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirm_timer_reset: Option<bool>,
}

/// The transaction that deposits `planned` into `router`.
pub fn deposit_transaction(router: &AccountId, planned: &Planned) -> Transaction {
    let args = match &planned.args {
        DepositArgs::Profile(name) => Args::Profile { profile: name.clone() },
        DepositArgs::Policy(policy) => Args::Policy { policy: policy.clone() },
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
