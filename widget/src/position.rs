//! The position view of the connected account and its exit buttons.
//!
//! A contract view cannot call another contract, so the position is composed here, by
//! `router_core::position::compose_position` (the function the CLI uses), from RPC views:
//! the router's `get_proxy` (already in `State::proxy`), the proxy's `get_pools`, each pool's
//! `get_account(proxy)`, the router's `get_claimables(account)`, the account's LST
//! `ft_balance_of` and price views, and the epoch (RPC `validators` `[null]` ->
//! `epoch_height`; when a node does not answer it, the unlock-epoch lines are hidden).
//!
//! Per pool it shows the rewards and, when the pool reports less than the proxy recorded, the
//! exact loss (a loss within `router_core::position::ROUNDING_TOLERANCE` is worded as share
//! rounding); the totals add the loss and the net against the principal when there is one.
//!
//! The buttons build exact calls for the host wallet ([`crate::wallet::Wallet::send`]):
//! `unstake`, `withdraw`, `move_stake` (owner only, 1 yoctoNEAR) and `finish_move` (anyone,
//! nothing attached) on the proxy; `claim` (1 yoctoNEAR) on the router. Gas is the proxy's
//! documented minimum for each method, as a decimal string.
//!
//! | file | concern |
//! |---|---|
//! | `calls.rs` | the exit transactions and their gas |
//! | `load.rs` | reading the views over RPC and composing the position |
//! | `render.rs` | the section's DOM: status, tokens, totals |
//! | `pool_item.rs` | one pool's DOM: figures, loss, exit controls |
//! | `actions.rs` | a click on an exit button -> the wallet |

mod actions;
mod calls;
mod load;
mod pool_item;
mod render;

pub(crate) use actions::on_click;
pub use calls::{
    claim_transaction, finish_move_transaction, move_transaction, unstake_transaction, withdraw_transaction, CLAIM_GAS,
    FINISH_MOVE_GAS, MOVE_STAKE_GAS, UNSTAKE_GAS, WITHDRAW_GAS,
};
pub(crate) use load::maybe_load;
pub use render::{render, slot, PositionView};

use crate::widget::Inner;
use router_core::position::Position;
use router_core::AccountId;
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};

/// Epochs a pool keeps unstaked NEAR locked after the last unstake.
pub use router_core::position::NUM_EPOCHS_TO_UNLOCK;

/// Whether an unstake (or move) in this pool would restart the timer of NEAR unstaked earlier
/// and not withdrawn yet: the proxy then wants `confirm_timer_reset: true`.
pub fn needs_timer_confirm(d: &router_core::position::DirectPosition) -> bool {
    d.unstaked.0 > 0 || d.unstaked_pending.0 > 0
}

/// What the position loader read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PositionData {
    /// The composed position.
    pub position: Position,
    /// Whether the epoch is known (otherwise unlock epochs are not shown).
    pub epoch_known: bool,
    /// Per token with something claimable: whether the account is registered with it
    /// (`storage_balance_of`; absent: could not tell).
    pub registered: BTreeMap<AccountId, bool>,
}

/// The widget behind `weak`, if it is still mounted.
fn live(weak: &Weak<Inner>) -> Option<Rc<Inner>> {
    weak.upgrade().filter(|i| i.alive())
}
