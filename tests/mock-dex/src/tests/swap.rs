//! `ft_on_transfer`: deposits, instant swaps and their output transfers, refusals.

use super::*;

#[test]
fn a_swap_message_swaps_and_sends_the_output_back_with_ft_transfer() {
    let mut contract = seeded();
    call(&alice(), 0);
    let quote = contract.get_return(0, lst(), U128(10 * ONE_NEAR), wnear()).0;
    let refund = receive(&mut contract, &lst(), &alice(), 10 * ONE_NEAR, &swap_msg(&lst(), &wnear(), None, quote));
    assert_eq!(refund, 0);
    assert_eq!(ft_transfers(), vec![(wnear(), ALICE.to_string(), quote.to_string())]);
    let pool = contract.get_pool(0);
    assert_eq!(pool.pool_kind, "SIMPLE_POOL");
    assert_eq!(pool.amounts, vec![U128(1_010 * ONE_NEAR), U128(1_100 * ONE_NEAR - quote)]);
    assert_eq!(pool.total_fee, 30);
}

#[test]
fn a_missed_minimum_panics_so_the_token_refunds_everything() {
    let mut contract = seeded();
    call(&alice(), 0);
    let quote = contract.get_return(0, lst(), U128(10 * ONE_NEAR), wnear()).0;
    let msg = swap_msg(&lst(), &wnear(), None, quote + 1);
    assert_panics_with(ERR68_SLIPPAGE, || {
        receive(&mut contract, &lst(), &alice(), 10 * ONE_NEAR, &msg);
    });
}

#[test]
fn unused_input_goes_back_and_the_recipient_can_be_another_account() {
    let mut contract = seeded();
    call(&alice(), 0);
    let quote = contract.get_return(0, lst(), U128(4 * ONE_NEAR), wnear()).0;
    let msg = serde_json::json!({
        "actions": [{ "pool_id": 0, "token_in": lst(), "amount_in": (4 * ONE_NEAR).to_string(),
                      "token_out": wnear(), "min_amount_out": "0" }],
        "swap_out_recipient": bob(),
        "skip_unwrap_near": false,
        "referral_id": "ref.near",
    });
    receive(&mut contract, &lst(), &alice(), 10 * ONE_NEAR, &msg.to_string());
    assert_eq!(
        ft_transfers(),
        vec![(lst(), BOB.to_string(), (6 * ONE_NEAR).to_string()), (wnear(), BOB.to_string(), quote.to_string())]
    );
}

#[test]
fn bad_messages_and_pools_are_refused_with_refs_messages() {
    let mut contract = seeded();
    for (msg, expected) in [
        ("not json", ERR28_WRONG_MSG_FORMAT),
        (r#"{"actions": []}"#, ERR72_AT_LEAST_ONE_SWAP),
        (
            r#"{"actions": [{"pool_id": 7, "token_in": "lst.near", "token_out": "wrap.near", "min_amount_out": "0"}]}"#,
            ERR85_NO_POOL,
        ),
        (
            r#"{"actions": [{"pool_id": 0, "token_in": "wrap.near", "token_out": "lst.near", "min_amount_out": "0"}]}"#,
            ERR21_TOKEN_NOT_REG,
        ),
        (
            r#"{"actions": [{"pool_id": 0, "token_in": "lst.near", "amount_in": "11", "token_out": "wrap.near", "min_amount_out": "0"}]}"#,
            ERR22_NOT_ENOUGH_TOKENS,
        ),
        (
            r#"{"actions": [{"pool_id": 0, "token_in": "lst.near", "token_out": "wrap.near", "min_amount_out": "0"}], "client_echo": "x"}"#,
            "client_echo is not modelled",
        ),
    ] {
        assert_panics_with(expected, || {
            receive(&mut contract, &lst(), &alice(), 10, msg);
        });
    }
}

#[test]
fn deposits_need_a_registration_with_room_for_the_token() {
    let mut contract = seeded();
    assert_panics_with(ERR10_ACC_NOT_REGISTERED, || {
        receive(&mut contract, &lst(), &alice(), 10, "");
    });
    call(&alice(), 1);
    assert_panics_with(ERR17_DEPOSIT_LESS_THAN_MIN_STORAGE, || {
        contract.storage_deposit(None, Some(true));
    });
    let min = contract.storage_balance_bounds().min;
    assert_eq!(min.as_yoctonear(), 102 * 10_000_000_000_000_000_000);
    call(&alice(), min.as_yoctonear());
    contract.storage_deposit(None, Some(true));
    assert_panics_with(ERR11_INSUFFICIENT_STORAGE, || {
        receive(&mut contract, &lst(), &alice(), 10, "");
    });
    call(&alice(), ONE_NEAR / 100);
    contract.storage_deposit(None, None);
    assert_eq!(receive(&mut contract, &lst(), &alice(), 10, ""), 0);
    assert_eq!(contract.get_deposits(alice()).get(&lst()), Some(&U128(10)));
}

#[test]
fn add_liquidity_is_refused_without_a_yocto_or_below_the_minimum() {
    let mut contract = seeded();
    call(&id(OWNER), 0);
    assert_panics_with(ERR35_AT_LEAST_ONE_YOCTO, || {
        contract.add_liquidity(0, vec![U128(1), U128(1)], None);
    });
    call(&id(OWNER), 1);
    assert_panics_with(ERR22_NOT_ENOUGH_TOKENS, || {
        contract.add_liquidity(0, vec![U128(ONE_NEAR), U128(2 * ONE_NEAR)], None);
    });
    assert_panics_with(ERR86_MIN_AMOUNT, || {
        contract.add_liquidity(0, vec![U128(ONE_NEAR), U128(ONE_NEAR)], Some(vec![U128(ONE_NEAR), U128(ONE_NEAR)]));
    });
    assert_panics_with(ERR11_INSUFFICIENT_STORAGE, || {
        contract.add_simple_pool(vec![lst(), alice()], 30);
    });
}
