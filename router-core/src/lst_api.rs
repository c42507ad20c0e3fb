//! The calls the router makes on a liquid staking protocol's token contract (NEP-141 and
//! NEP-145), with typed JSON arguments so the contract carries no `serde_json::Value`.

use crate::amount::Yocto;
use crate::AccountId;
use serde::Serialize;

/// The payable staking method of both supported protocol shapes; returns the minted amount.
pub const DEPOSIT_AND_STAKE: &str = "deposit_and_stake";
/// NEP-145 `storage_balance_of(account_id)`: `null` when the account is not registered (the
/// router counts any other answer as registered, without reading the balance's fields).
pub const STORAGE_BALANCE_OF: &str = "storage_balance_of";
/// NEP-145 `storage_deposit(account_id, registration_only)`.
pub const STORAGE_DEPOSIT: &str = "storage_deposit";
/// NEP-141 `ft_transfer(receiver_id, amount, memo)` (exactly 1 yoctoNEAR attached).
pub const FT_TRANSFER: &str = "ft_transfer";

/// NEP-141 `ft_balance_of(account_id)` (view): base units held, a decimal string.
pub const FT_BALANCE_OF: &str = "ft_balance_of";

/// Arguments of `ft_balance_of`: the same `{account_id}` as `storage_balance_of`.
pub type FtBalanceOfArgs<'a> = StorageBalanceOfArgs<'a>;

/// Arguments of `storage_balance_of`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StorageBalanceOfArgs<'a> {
    /// The account asked about.
    pub account_id: &'a AccountId,
}

/// Arguments of `storage_deposit`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StorageDepositArgs<'a> {
    /// The account to register.
    pub account_id: &'a AccountId,
    /// Register only (the minimum), without an extra storage balance.
    pub registration_only: bool,
}

/// Arguments of `ft_transfer`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FtTransferArgs<'a> {
    /// Who receives the tokens.
    pub receiver_id: &'a AccountId,
    /// Token base units, a decimal string.
    pub amount: Yocto,
    /// A note for the receiver.
    pub memo: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_json_is_the_standards_wire_format() {
        let a: AccountId = "alice.near".parse().unwrap();
        let t = FtTransferArgs { receiver_id: &a, amount: Yocto(7), memo: "stake-router" };
        assert_eq!(
            serde_json::to_value(&t).unwrap(),
            json!({"receiver_id": "alice.near", "amount": "7", "memo": "stake-router"})
        );
        let d = StorageDepositArgs { account_id: &a, registration_only: true };
        assert_eq!(serde_json::to_value(&d).unwrap(), json!({"account_id": "alice.near", "registration_only": true}));
        assert_eq!(
            serde_json::to_value(StorageBalanceOfArgs { account_id: &a }).unwrap(),
            json!({"account_id": "alice.near"})
        );
    }
}
