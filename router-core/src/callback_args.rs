//! The arguments of the router's own callbacks, which only the router sends to itself.
//!
//! They travel in borsh (`#[serializer(borsh)]` on every argument of a callback), not JSON: a
//! callback's arguments are never written by a person or a wallet, and decoding borsh takes a
//! fraction of the code serde_json's derived decoders take in the contract (docs/size.md). A
//! callback's input is the borsh of its arguments in the order of its signature, the same bytes
//! as a tuple of them: `on_deposit_settled(direct, legs)` reads `borsh((direct, legs))`.
//!
//! An upgrade that changes these types or a callback's arguments must not run while a deposit
//! is in flight (README, "Upgrades"): a callback sent by the old code would not
//! decode under the new one.

use crate::amount::Yocto;
use borsh::{BorshDeserialize, BorshSerialize};
use near_account_id::AccountId;

/// What the settling callback needs to settle or undo a deposit's direct part.
#[derive(Clone, Debug, PartialEq, Eq, BorshSerialize, BorshDeserialize)]
pub struct DirectSettlement {
    /// Who pays and is refunded.
    pub depositor: AccountId,
    /// Who owns the proxy.
    pub beneficiary: AccountId,
    /// The proxy account.
    pub proxy: AccountId,
    /// (pool, amount) per validator leg.
    pub legs: Vec<(AccountId, Yocto)>,
    /// Sum of the legs.
    pub amount: Yocto,
    /// Whether this deposit created the proxy.
    pub created: bool,
    /// NEAR sent into the new proxy for its storage (0 if not created).
    pub proxy_storage: Yocto,
    /// NEAR kept for the router's proxy record (0 if not created).
    pub proxy_record: Yocto,
}

/// What the liquid callbacks need to settle one leg.
#[derive(Clone, Debug, PartialEq, Eq, BorshSerialize, BorshDeserialize)]
pub struct LiquidLeg {
    /// Who pays and is refunded.
    pub depositor: AccountId,
    /// Who receives the tokens.
    pub beneficiary: AccountId,
    /// The protocol (and its token contract).
    pub token: AccountId,
    /// NEAR staked on this leg.
    pub near_amount: Yocto,
    /// NEAR held back for storage and the transfer's yoctoNEAR.
    pub reserve: Yocto,
    /// The protocol's NEP-145 registration deposit.
    pub registration_deposit: Yocto,
}

/// One token delivery `on_liquid_delivered` settles.
#[derive(Clone, Debug, PartialEq, Eq, BorshSerialize, BorshDeserialize)]
pub struct Delivery {
    /// The leg whose tokens were sent.
    pub leg: LiquidLeg,
    /// What the protocol minted (and the batch transferred).
    pub minted: Yocto,
    /// The registration deposit the batch attached (0 if the beneficiary was registered).
    pub registration_paid: Yocto,
}

/// Who releases an unverified mint (`on_unverified_read`), and by which figure.
#[derive(Clone, Debug, PartialEq, Eq, BorshSerialize, BorshDeserialize)]
pub enum Release {
    /// The owner, by the amount read from the token's own records (`resolve_unverified`).
    Owner {
        /// The amount named.
        minted: Yocto,
    },
    /// The beneficiary's path, by the protocol's price now (`claim_unverified`).
    Beneficiary,
}

/// A validator addition's announcement, which the whitelist read's callback puts back when
/// the read fails (the change itself is the callback's own target and caps).
#[derive(Clone, Debug, PartialEq, Eq, BorshSerialize, BorshDeserialize)]
pub struct Announced {
    /// Its id.
    pub id: u64,
    /// Who announced it.
    pub announced_by: AccountId,
    /// When.
    pub announced_at_ns: u64,
    /// From when it may be executed.
    pub executable_at_ns: u64,
}

/// `deploy_proxy_code`'s deposit, which its callback pays back: what is left over the burnt
/// storage when the code was deployed, all of it when it was not.
#[derive(Clone, Debug, PartialEq, Eq, BorshSerialize, BorshDeserialize)]
pub struct CodeDeposit {
    /// The owner who attached it.
    pub owner: AccountId,
    /// What was attached.
    pub attached: Yocto,
    /// The global contract storage the deployment burns (code length x 10^20).
    pub cost: Yocto,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(s: &str) -> AccountId {
        s.parse().unwrap()
    }

    #[test]
    fn a_callbacks_input_is_its_arguments_borsh_in_signature_order() {
        // `on_deposit_settled(direct, legs)`: near-sdk decodes a struct of the arguments, whose
        // borsh is the tuple's; the first byte is `direct`'s Option tag.
        let leg = LiquidLeg {
            depositor: account("a.near"),
            beneficiary: account("b.near"),
            token: account("t.near"),
            near_amount: Yocto(5),
            reserve: Yocto(2),
            registration_deposit: Yocto(1),
        };
        let bytes = borsh::to_vec(&(None::<DirectSettlement>, vec![leg.clone()])).unwrap();
        assert_eq!(bytes[0], 0, "None");
        assert_eq!(&bytes[1..5], &1u32.to_le_bytes(), "one leg");
        let (direct, legs): (Option<DirectSettlement>, Vec<LiquidLeg>) = borsh::from_slice(&bytes).unwrap();
        assert_eq!((direct, legs), (None, vec![leg]));
        // An amount is 16 little-endian bytes, not a decimal string.
        assert_eq!(borsh::to_vec(&Release::Owner { minted: Yocto(258) }).unwrap(), {
            let mut v = vec![0u8];
            v.extend(258u128.to_le_bytes());
            v
        });
        assert_eq!(borsh::to_vec(&Release::Beneficiary).unwrap(), vec![1u8]);
    }
}
