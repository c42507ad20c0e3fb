//! `deposit_and_stake`: price math, limits, switches and the returned value.

use near_sdk::test_utils::get_logs;

use super::*;
use crate::{ERR_MOCK_FAILING, ERR_PAUSED, MALFORMED_RETURN};

#[test]
fn mint_rounds_down_at_a_non_unit_price() {
    let mut contract = new_lst();
    // 1 NEAR / 1.2 NEAR per token = 0.8333.. token, rounded down.
    let minted = deposit(&mut contract, &alice(), ONE_NEAR);
    assert_eq!(minted, 833_333_333_333_333_333_333_333);
    assert_eq!(contract.ft_balance_of(alice()), U128(minted));
    assert_eq!(contract.ft_total_supply(), U128(minted));
    // Auto-registered without storage_deposit.
    assert!(contract.storage_balance_of(alice()).is_some());
    // A second deposit adds up.
    let again = deposit(&mut contract, &alice(), 3 * ONE_NEAR);
    assert_eq!(again, 2_500_000_000_000_000_000_000_000);
    assert_eq!(contract.ft_balance_of(alice()), U128(minted + again));
}

#[test]
fn large_deposits_do_not_overflow() {
    let mut contract = new_lst();
    // 1e33 yoctoNEAR (1e9 NEAR): 1e33 * 1e24 exceeds u128::MAX.
    let minted = deposit(&mut contract, &alice(), 10u128.pow(33));
    assert_eq!(minted, 833_333_333_333_333_333_333_333_333_333_333);
    // A price below 1 mints more tokens than yoctoNEAR deposited.
    set_context(&owner(), 0);
    contract.set_price(U128(9 * ONE_TOKEN / 10));
    let minted = deposit(&mut contract, &bob(), 10u128.pow(33));
    assert_eq!(minted, 1_111_111_111_111_111_111_111_111_111_111_111);
}

#[test]
fn mint_emits_an_nep141_event() {
    let mut contract = new_lst();
    set_context(&alice(), 6 * ONE_NEAR);
    contract.deposit_and_stake();
    let event = get_logs().into_iter().find(|log| log.starts_with("EVENT_JSON:")).expect("an ft_mint event");
    let event: serde_json::Value = serde_json::from_str(&event["EVENT_JSON:".len()..]).unwrap();
    assert_eq!(event["standard"], "nep141");
    assert_eq!(event["event"], "ft_mint");
    assert_eq!(event["data"][0]["owner_id"], "alice.near");
    assert_eq!(event["data"][0]["amount"], "5000000000000000000000000");
    assert_eq!(contract.ft_balance_of(alice()), U128(5 * ONE_TOKEN));
}

#[test]
fn deposits_below_the_minimum_are_refused() {
    let mut contract = new_lst();
    assert_eq!(contract.get_min_deposit(), U128(ONE_NEAR));
    assert_panics_with("Deposit is below the minimum deposit of 1000000000000000000000000 yoctoNEAR", || {
        deposit_raw(&mut contract, &alice(), ONE_NEAR - 1);
    });
    assert_panics_with("Staking amount should be positive", || {
        deposit_raw(&mut contract, &alice(), 0);
    });
    assert_eq!(contract.ft_total_supply(), U128(0));
    // Exactly the minimum is fine.
    deposit(&mut contract, &alice(), ONE_NEAR);
}

#[test]
fn paused_and_failing_deposits_use_the_expected_messages() {
    let mut contract = new_lst();
    set_context(&owner(), 0);
    contract.set_paused(true);
    assert_panics_with(ERR_PAUSED, || {
        deposit_raw(&mut contract, &alice(), ONE_NEAR);
    });
    set_context(&owner(), 0);
    contract.set_paused(false);
    contract.set_fail(true);
    assert_panics_with(ERR_MOCK_FAILING, || {
        deposit_raw(&mut contract, &alice(), ONE_NEAR);
    });
    set_context(&owner(), 0);
    contract.set_fail(false);
    deposit(&mut contract, &alice(), ONE_NEAR);
}

#[test]
fn shortfall_returns_what_was_actually_minted() {
    let mut contract = new_lst();
    set_context(&owner(), 0);
    contract.set_mint_shortfall_bps(250);
    let quoted = contract.quote(12 * ONE_NEAR);
    assert_eq!(quoted, 10 * ONE_TOKEN);
    let minted = deposit(&mut contract, &alice(), 12 * ONE_NEAR);
    // 10 tokens * 97.5%.
    assert_eq!(minted, 9_750_000_000_000_000_000_000_000);
    assert!(minted < quoted);
    assert_eq!(contract.ft_balance_of(alice()), U128(minted));
    assert_eq!(contract.ft_total_supply(), U128(minted));

    // 100% shortfall: the NEAR is kept, nothing is minted, and 0 is returned.
    set_context(&owner(), 0);
    contract.set_mint_shortfall_bps(10_000);
    assert_eq!(deposit(&mut contract, &bob(), 12 * ONE_NEAR), 0);
    assert_eq!(contract.ft_balance_of(bob()), U128(0));
    assert_eq!(contract.ft_total_supply(), U128(minted));
}

#[test]
fn malformed_return_still_mints() {
    let mut contract = new_lst();
    set_context(&owner(), 0);
    contract.set_malformed_return(true);
    let bytes = deposit_raw(&mut contract, &alice(), 12 * ONE_NEAR);
    assert_eq!(bytes, MALFORMED_RETURN);
    assert!(serde_json::from_slice::<U128>(&bytes).is_err());
    assert_eq!(contract.ft_balance_of(alice()), U128(10 * ONE_TOKEN));
    // The public method runs the same path through env::value_return.
    set_context(&alice(), 12 * ONE_NEAR);
    contract.deposit_and_stake();
    assert_eq!(contract.ft_balance_of(alice()), U128(20 * ONE_TOKEN));

    set_context(&owner(), 0);
    contract.set_malformed_return(false);
    assert_eq!(deposit_raw(&mut contract, &alice(), 12 * ONE_NEAR), b"\"10000000000000000000000000\"");
}

#[test]
fn overreport_returns_more_than_it_minted() {
    let mut contract = new_lst();
    set_context(&owner(), 0);
    contract.set_overreport_bps(5_000);
    // 12 NEAR at 1.2 mints 10 tokens; the answer says 15.
    assert_eq!(deposit_raw(&mut contract, &alice(), 12 * ONE_NEAR), b"\"15000000000000000000000000\"");
    assert_eq!(contract.ft_balance_of(alice()), U128(10 * ONE_TOKEN));
    set_context(&owner(), 0);
    contract.set_overreport_bps(0);
    assert_eq!(deposit(&mut contract, &alice(), 12 * ONE_NEAR), 10 * ONE_TOKEN);
}

#[test]
fn price_views_report_the_price() {
    let mut contract = new_lst();
    assert_eq!(contract.ft_price(), U128(PRICE));
    assert_eq!(contract.get_st_near_price(), U128(PRICE));
    set_context(&owner(), 0);
    contract.set_price(U128(ONE_TOKEN));
    assert_eq!(contract.ft_price(), U128(ONE_TOKEN));
    assert_eq!(contract.get_st_near_price(), U128(ONE_TOKEN));
    assert_eq!(deposit(&mut contract, &alice(), 7 * ONE_NEAR), 7 * ONE_TOKEN);
}
