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
//! | `parts.rs` | DOM pieces both share |
//! | `actions.rs` | a click on an exit button -> the wallet |
//! | `exit_load.rs` | a liquid token's exit quotes over RPC, composed by `router_core::exit_quote` |
//! | `liquid_exit.rs` | a liquid token's exits side by side, the slippage, the pending liquid unstakes |
//! | `liquid_actions.rs` | a liquid exit's transactions, one after the other, to the wallet |
//! | `propose.rs` | DAO mode: an exit written as proposals instead ([`crate::dao`]) |
//!
//! Dependencies point one way: `actions.rs` and `load.rs` (which hold the mounted widget,
//! `crate::inner`) sit above the rendering files, which read only the state; nothing here
//! imports back through this file.

pub(crate) mod actions;
pub mod calls;
pub(crate) mod exit_load;
mod liquid_actions;
mod liquid_exit;
pub(crate) mod load;
mod parts;
mod pool_item;
mod propose;
mod quotes;
pub mod render;

pub use crate::data::PositionData;
pub use calls::{
    claim_transaction, finish_move_transaction, move_transaction, needs_timer_confirm, unstake_transaction,
    withdraw_transaction, CLAIM_GAS, FINISH_MOVE_GAS, MOVE_STAKE_GAS, UNSTAKE_GAS, WITHDRAW_GAS,
};
pub use render::{render, slot, PositionView};

/// Epochs a pool keeps unstaked NEAR locked after the last unstake.
pub use router_core::position::NUM_EPOCHS_TO_UNLOCK;
