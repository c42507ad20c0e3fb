//! Owner-only switches and their argument checks.

use super::*;
use crate::ERR_NOT_OWNER;

#[test]
fn owner_switches_are_refused_for_strangers() {
    let mut contract = new_lst();
    set_context(&alice(), 0);
    let calls: Vec<Call> = vec![
        Box::new(|c| c.set_fail(true)),
        Box::new(|c| c.set_paused(true)),
        Box::new(|c| c.set_price(U128(1))),
        Box::new(|c| c.set_mint_shortfall_bps(1)),
        Box::new(|c| c.set_malformed_return(true)),
        Box::new(|c| c.set_overreport_bps(1)),
        Box::new(|c| c.set_fail_transfers(true)),
    ];
    for call in calls {
        assert_panics_with(ERR_NOT_OWNER, || call(&mut contract));
    }
    // Nothing changed: a deposit behaves normally.
    assert_eq!(contract.ft_price(), U128(PRICE));
    assert_eq!(deposit(&mut contract, &alice(), 12 * ONE_NEAR), 10 * ONE_TOKEN);
    assert_eq!(contract.get_owner_id(), owner());
}

#[test]
fn switch_arguments_are_checked() {
    let mut contract = new_lst();
    set_context(&owner(), 0);
    assert_panics_with("Mock LST: the price must be positive", || contract.set_price(U128(0)));
    assert_panics_with("at most 10000 bps", || contract.set_mint_shortfall_bps(10_001));
    assert_eq!(contract.ft_price(), U128(PRICE));
}

#[test]
#[should_panic(expected = "Mock LST: the price must be positive")]
fn init_refuses_a_zero_price() {
    set_context(&owner(), 0);
    MockLst::new(owner(), U128(0), U128(0), None);
}
