//! The seam for the position view and the exit buttons (a later issue).
//!
//! The widget renders an empty, hidden `<section data-srw="position">` after the stake form
//! ([`crate::view::View::position`]). The position view will fill it from what the widget
//! already loads for the connected account (`State::proxy`: the proxy's id and whether it
//! exists) plus, over the same RPC client ([`crate::rpc::Rpc::view`]): the proxy's
//! `get_pools` (principal per pool), each pool's `get_account(proxy)` (staked, unstaked,
//! `can_withdraw`), the account's LST balances (`ft_balance_of`) and the router's
//! `get_claimables`. A contract view cannot call another contract, so this composition
//! happens here. Exits are the owner's 1-yoctoNEAR calls on the proxy, handed to the host
//! wallet through [`crate::wallet::Wallet::send`] like the deposit.

use crate::dom::{attrs, el};
use web_sys::Element;

/// The empty, hidden slot the position view will render into.
pub fn slot() -> Element {
    attrs(el("section", "srw-position"), &[("data-srw", "position"), ("hidden", "")])
}
