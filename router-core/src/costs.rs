//! One-off costs taken from a deposit before it is split, and why each exists: storage (the
//! proxy, the router's record of it, each liquid leg's reserve) and the deposit fee.

use crate::amount::Yocto;
use crate::target::TargetKind;
use crate::MAX_PROXY_POOLS;
use borsh::{BorshDeserialize, BorshSerialize};
use serde::{Deserialize, Serialize};

/// yoctoNEAR per byte of storage (protocol 88).
pub const STORAGE_PRICE_PER_BYTE: u128 = 10_000_000_000_000_000_000;
/// What protocol 85+ charges for creating an account (0.007 NEAR). It is taken from the
/// signer's gas payment, not from the deposit, so the plan only reports it.
pub const ACCOUNT_CREATION_CHARGE: u128 = 7_000_000_000_000_000_000_000;
/// Bytes a staking proxy account needs: the account record (100), its code-hash reference,
/// its own state and one principal record for each of [`MAX_PROXY_POOLS`] pools, with room
/// for pending refunds. Measured in `docs/gas.md`; the surplus stays in the proxy, owned by
/// the beneficiary.
pub const PROXY_STORAGE_BYTES: u64 = 600 + 150 * MAX_PROXY_POOLS as u64;
/// Bytes of the router's record that a beneficiary's proxy exists: a 1-byte collection prefix
/// and the 32-byte sha256 of the beneficiary as key, an empty value, and the protocol's 40
/// bytes per record. Exact, so the router keeps no more than the storage it uses.
pub const PROXY_RECORD_BYTES: u64 = 1 + 32 + 40;
/// The highest deposit fee the router may charge: 100 bps = 1%.
pub const MAX_DEPOSIT_FEE_BPS: u16 = 100;

/// The fee on a deposit of `amount`, rounded down (in the user's favour); `fee_bps` above the
/// cap counts as the cap.
pub fn deposit_fee(amount: u128, fee_bps: u16) -> u128 {
    let bps = u128::from(fee_bps.min(MAX_DEPOSIT_FEE_BPS));
    crate::wide::mul_div_floor(amount, bps, u128::from(crate::BPS_TOTAL)).expect("bps <= 10000 never overflows")
}

/// Bytes of one claimable-token record (beneficiary, token, amount, trie overhead).
pub const CLAIM_RECORD_BYTES: u64 = 250;

/// The costs a plan takes out of a deposit before splitting it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
pub struct CostSchedule {
    /// NEAR sent into a new proxy account to pay for its storage (stays there, the owner's).
    pub proxy_storage: Yocto,
    /// NEAR the router keeps to store its record of a new proxy.
    pub proxy_record: Yocto,
    /// NEAR the router keeps aside per liquid leg for storage: the beneficiary's NEP-145
    /// registration on the LST when needed, or the claimable record if delivery fails, plus
    /// the 1 yoctoNEAR `ft_transfer` requires. The unused part is refunded to the depositor
    /// when the leg settles.
    pub claim_record: Yocto,
}

impl CostSchedule {
    /// The schedule the router ships with, at protocol 88's storage price.
    pub const DEFAULT: CostSchedule = CostSchedule {
        proxy_storage: Yocto(PROXY_STORAGE_BYTES as u128 * STORAGE_PRICE_PER_BYTE),
        proxy_record: Yocto(PROXY_RECORD_BYTES as u128 * STORAGE_PRICE_PER_BYTE),
        claim_record: Yocto(CLAIM_RECORD_BYTES as u128 * STORAGE_PRICE_PER_BYTE),
    };

    /// The reserve one leg of this kind holds back (0 for validators).
    pub fn leg_reserve(&self, kind: &TargetKind) -> u128 {
        match kind {
            TargetKind::Validator => 0,
            TargetKind::Liquid { registration_deposit, .. } => registration_deposit.0.max(self.claim_record.0) + 1,
        }
    }

    /// What creating a proxy takes from the deposit.
    pub fn proxy_creation(&self) -> u128 {
        self.proxy_storage.0 + self.proxy_record.0
    }
}

impl Default for CostSchedule {
    fn default() -> Self {
        Self::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ONE_NEAR;

    #[test]
    fn fee_rounds_down_and_is_capped() {
        assert_eq!(deposit_fee(10_001, 100), 100);
        assert_eq!(deposit_fee(99, 100), 0);
        assert_eq!(deposit_fee(ONE_NEAR, 0), 0);
        assert_eq!(deposit_fee(10_000, 5_000), 100, "above the cap counts as the cap");
        assert_eq!(deposit_fee(u128::MAX, 100), u128::MAX / 100);
    }
}
