//! What the router holds of each token for others, and which of its legs are still settling.
//!
//! Per liquid token, one raw storage key (outside the versioned state struct, as the reserves
//! total and the registration marks) holds two counters:
//! - **held**: tokens in the router that belong to someone: a delivery in flight (from the
//!   settling callback until `on_liquid_delivered`), claimables, and claims in flight (until
//!   `on_claim_resolved` succeeds). The router's `ft_balance_of` less this is the surplus an
//!   unverified mint can be credited from (`router_core::unverified`).
//! - **settling**: the token's legs between `deposit` and their settling callback, whose mint is
//!   already in the router's balance but not yet held.
//!
//! The key is written when a liquid target is added (or by `migrate` for the targets a router
//! had before) and never removed, so no deposit or callback ever grows the router's storage
//! by it: one per liquid target (about 90 bytes), paid from the router's own balance like the
//! reserves total. A router upgraded from a version without these counters starts them at
//! zero: claimables recorded before the upgrade are not counted (`docs/security.md`).

use near_sdk::{env, AccountId};

fn key(token: &AccountId) -> Vec<u8> {
    [b"tok:".as_slice(), token.as_bytes()].concat()
}

/// `(held, settling)` for `token`.
pub(crate) fn counters(token: &AccountId) -> (u128, u32) {
    let Some(bytes) = env::storage_read(&key(token)) else { return (0, 0) };
    let held = bytes.get(..16).and_then(|b| <[u8; 16]>::try_from(b).ok()).map_or(0, u128::from_le_bytes);
    let settling = bytes.get(16..20).and_then(|b| <[u8; 4]>::try_from(b).ok()).map_or(0, u32::from_le_bytes);
    (held, settling)
}

fn write(token: &AccountId, held: u128, settling: u32) {
    env::storage_write(&key(token), &[held.to_le_bytes().as_slice(), &settling.to_le_bytes()].concat());
}

/// The router now holds `amount` more of `token` for someone.
pub(crate) fn hold(token: &AccountId, amount: u128) {
    let (held, settling) = counters(token);
    write(token, held.saturating_add(amount), settling);
}

/// `amount` of `token` left the router (delivered or claimed).
pub(crate) fn release(token: &AccountId, amount: u128) {
    let (held, settling) = counters(token);
    write(token, held.saturating_sub(amount), settling);
}

/// Creates `token`'s counters (at zero) unless they exist.
pub(crate) fn create(token: &AccountId) {
    if !env::storage_has_key(&key(token)) {
        write(token, 0, 0);
    }
}

/// A leg into `token` was sent (`deposit`) or settled (its callback).
pub(crate) fn settling(token: &AccountId, started: bool) {
    let (held, settling) = counters(token);
    let settling = if started { settling.saturating_add(1) } else { settling.saturating_sub(1) };
    write(token, held, settling);
}
