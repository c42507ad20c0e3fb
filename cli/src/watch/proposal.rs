//! The Sputnik DAO v2 proposal that acts on an alert, for an account that is a DAO (its
//! `get_policy` answers): a `FunctionCall` to the DAO's own staking proxy, `move_stake` off the
//! pool (to `--move-to`, else the router's first active validator target other than it) or
//! `withdraw` from it, with the 1 yoctoNEAR the proxy's owner methods take. Printed as the
//! `add_proposal` arguments a DAO app submits and as a near-cli-rs command.

use super::alerts::{Action, Alert};
use router_core::dao_proposal::{near_cli_command, ActionCall, AddProposalArgs};
use router_core::gas::TGAS;
use router_core::proxy_api::{MoveStakeArgs, WithdrawArgs, MOVE_STAKE, WITHDRAW};
use router_core::{AccountId, Yocto};
use serde_json::{json, Value};

/// Gas for the proxy call inside the proposal: above `exit_gas::MOVE_STAKE_GAS` (63 TGas) and
/// `WITHDRAW_GAS` (86 TGas), the rest going to the pool's calls (weight 1); with Sputnik's own
/// needs (about 14 TGas) the vote fits 300 TGas.
pub const ACTION_GAS: u64 = 150 * TGAS;

/// A DAO's proposal for one alert.
#[derive(Clone, Debug)]
pub struct Proposal {
    /// `add_proposal`'s arguments.
    pub add_proposal: Value,
    /// The bond to attach (the DAO's `proposal_bond`).
    pub bond: Yocto,
    /// The near-cli-rs command (the member signs).
    pub near_cli: String,
}

/// The proposal acting on `alert` for `dao` (whose proxy is `proxy`), or `None` if nothing
/// acts on it or there is no pool to move to.
pub fn for_alert(
    alert: &Alert,
    dao: &AccountId,
    proxy: &AccountId,
    bond: Yocto,
    active_pools: &[AccountId],
    move_to: Option<&AccountId>,
) -> Option<Proposal> {
    let (method, args, description) = match alert.action.as_ref()? {
        Action::MoveStake(from) => {
            let to = move_to.filter(|t| *t != from).or_else(|| active_pools.iter().find(|p| *p != from))?;
            let args = MoveStakeArgs {
                from_pool: from.clone(),
                to_pool: to.clone(),
                amount: None,
                confirm_timer_reset: Some(true),
            };
            let why = &alert.message;
            (
                MOVE_STAKE,
                json!(args),
                format!("Move the DAO's stake from {from} to {to} through its staking proxy {proxy}: {why}"),
            )
        }
        Action::Withdraw(pool) => {
            let args = WithdrawArgs { pool_id: pool.clone() };
            (
                WITHDRAW,
                json!(args),
                format!("Withdraw the DAO's unstaked NEAR from {pool} through its staking proxy {proxy}"),
            )
        }
    };
    let action = ActionCall::new(method, &args.to_string(), 1, ACTION_GAS);
    let proposal = AddProposalArgs::function_call(description, proxy.clone(), vec![action]);
    let near_cli = near_cli_command(dao, &proposal, bond.0, "MEMBER_ACCOUNT", "NETWORK");
    let add_proposal = json!(proposal);
    Some(Proposal { add_proposal, bond, near_cli })
}
