//! NEAR the router holds for liquid legs that have not settled yet.
//!
//! Each liquid leg keeps a small reserve on the router from `deposit` until the leg settles
//! (its registration deposit, the transfer's yoctoNEAR, a claim or unverified-mint record): see
//! `router_core::CostSchedule::leg_reserve`. That NEAR belongs to the leg's depositor, so a
//! payout made meanwhile for someone else must not spend it: [`Router::spendable`] subtracts
//! the total here. The total lives under one raw storage key outside the versioned state struct
//! (as the registration marks do), written at `new` and `migrate` and never removed, so keeping
//! it costs the router a fixed 70 bytes of its own storage and no deposit pays for it.
//!
//! [`Router::spendable`]: crate::Router

use near_sdk::env;

/// The raw storage key of the total.
const KEY: &[u8] = b"reserves_in_flight";

/// yoctoNEAR held for liquid legs still settling.
pub(crate) fn in_flight() -> u128 {
    env::storage_read(KEY).and_then(|bytes| <[u8; 16]>::try_from(bytes).ok()).map(u128::from_le_bytes).unwrap_or(0)
}

/// Writes the total (creating the key, at `new` and `migrate`).
pub(crate) fn set(total: u128) {
    env::storage_write(KEY, &total.to_le_bytes());
}

/// A deposit's liquid legs hold `amount` more.
pub(crate) fn hold(amount: u128) {
    set(in_flight().saturating_add(amount));
}

/// A leg settled: its reserve is spent or refunded.
pub(crate) fn release(amount: u128) {
    set(in_flight().saturating_sub(amount));
}
