//! NEP-141 / NEP-145 / NEP-148 behaviour delegated to near-contract-standards.

use super::*;
use crate::{ERR_PAUSED, ERR_TRANSFERS_FAILING};

/// Alice holds 10 tokens (deposited 12 NEAR at 1.2).
fn lst_with_alice_balance() -> MockLst {
    let mut contract = new_lst();
    deposit(&mut contract, &alice(), 12 * ONE_NEAR);
    contract
}

/// Registers `account` through `storage_deposit` with the minimum storage balance.
fn register(contract: &mut MockLst, account: &AccountId) {
    let min = contract.storage_balance_bounds().min.as_yoctonear();
    set_context(account, min);
    contract.storage_deposit(None, None);
}

#[test]
fn transfer_to_an_unregistered_receiver_fails_with_the_standard_message() {
    let mut contract = lst_with_alice_balance();
    set_context(&alice(), 1);
    assert_panics_with("The account bob.near is not registered", || {
        contract.ft_transfer(bob(), U128(ONE_TOKEN), None);
    });
    // (On chain the panic rolls the sender's debit back; the in-memory test state is not
    // rolled back, so balances are not checked after the panic.)
}

#[test]
fn storage_deposit_then_transfer_works() {
    let mut contract = lst_with_alice_balance();
    assert!(contract.storage_balance_of(bob()).is_none());
    register(&mut contract, &bob());
    assert!(contract.storage_balance_of(bob()).is_some());

    set_context(&alice(), 1);
    contract.ft_transfer(bob(), U128(4 * ONE_TOKEN), Some("memo".to_string()));
    assert_eq!(contract.ft_balance_of(alice()), U128(6 * ONE_TOKEN));
    assert_eq!(contract.ft_balance_of(bob()), U128(4 * ONE_TOKEN));
    assert_eq!(contract.ft_total_supply(), U128(10 * ONE_TOKEN));
}

#[test]
fn transfer_requires_one_yocto() {
    let mut contract = lst_with_alice_balance();
    register(&mut contract, &bob());
    set_context(&alice(), 0);
    assert_panics_with("Requires attached deposit of exactly 1 yoctoNEAR", || {
        contract.ft_transfer(bob(), U128(1), None);
    });
}

#[test]
fn transfer_call_moves_tokens_to_the_receiver() {
    let mut contract = lst_with_alice_balance();
    register(&mut contract, &bob());
    set_context(&alice(), 1);
    let _ = contract.ft_transfer_call(bob(), U128(ONE_TOKEN), None, "hi".to_string());
    assert_eq!(contract.ft_balance_of(bob()), U128(ONE_TOKEN));
    assert_eq!(contract.ft_balance_of(alice()), U128(9 * ONE_TOKEN));
}

#[test]
fn fail_transfers_switch_blocks_both_transfer_methods() {
    let mut contract = lst_with_alice_balance();
    register(&mut contract, &bob());
    set_context(&owner(), 0);
    contract.set_fail_transfers(true);
    set_context(&alice(), 1);
    assert_panics_with(ERR_TRANSFERS_FAILING, || {
        contract.ft_transfer(bob(), U128(1), None);
    });
    assert_panics_with(ERR_TRANSFERS_FAILING, || {
        let _ = contract.ft_transfer_call(bob(), U128(1), None, String::new());
    });
    // Deposits still work.
    deposit(&mut contract, &alice(), 12 * ONE_NEAR);
    set_context(&owner(), 0);
    contract.set_fail_transfers(false);
    set_context(&alice(), 1);
    contract.ft_transfer(bob(), U128(1), None);
    assert_eq!(contract.ft_balance_of(bob()), U128(1));
}

#[test]
fn pause_blocks_transfers_like_linear() {
    let mut contract = lst_with_alice_balance();
    register(&mut contract, &bob());
    set_context(&owner(), 0);
    contract.set_paused(true);
    set_context(&alice(), 1);
    assert_panics_with(ERR_PAUSED, || {
        contract.ft_transfer(bob(), U128(1), None);
    });
    assert_panics_with(ERR_PAUSED, || {
        let _ = contract.ft_transfer_call(bob(), U128(1), None, String::new());
    });
}

#[test]
fn storage_management_follows_the_standard() {
    let mut contract = lst_with_alice_balance();
    let bounds = contract.storage_balance_bounds();
    assert_eq!(bounds.max, Some(bounds.min));
    assert!(bounds.min.as_yoctonear() > 0);

    // Too little for registration.
    set_context(&bob(), bounds.min.as_yoctonear() - 1);
    assert_panics_with("The attached deposit is less than the minimum storage balance", || {
        contract.storage_deposit(None, None);
    });

    set_context(&alice(), 1);
    assert_panics_with("The amount is greater than the available storage balance", || {
        contract.storage_withdraw(Some(NearToken::from_yoctonear(1)));
    });
    assert_panics_with("Can't unregister the account with the positive balance without force", || {
        contract.storage_unregister(None);
    });
    assert!(contract.storage_unregister(Some(true)));
    assert_eq!(contract.ft_total_supply(), U128(0));
    assert!(contract.storage_balance_of(alice()).is_none());
    // Unregistering an unknown account returns false.
    assert!(!contract.storage_unregister(None));
}

#[test]
fn metadata_is_nep148() {
    let contract = new_lst();
    let metadata = contract.ft_metadata();
    metadata.assert_valid();
    assert_eq!(metadata.spec, "ft-1.0.0");
    assert_eq!(metadata.symbol, "mLST");
    assert_eq!(metadata.decimals, 24);
}
