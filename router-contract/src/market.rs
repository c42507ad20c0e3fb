//! Market watches: depeg judged by the market (`router_core::market`).
//!
//! An operator names where a liquid target trades (`set_market_watch`); anyone asks the router
//! to observe it (`observe_market`): the token's rate view and the exchange's `get_return` for
//! one whole token run in one batch, and `on_market_read` records the observation and emits
//! `market_observed` (and `market_depeg_warning` / `market_depeg_cleared` when the judgement
//! changes). A read that failed or cannot be parsed changes nothing, emits
//! `market_observation_failed` and makes the call fail with the reason (`call_failed`).
//!
//! Storage: the watches live under raw keys outside the versioned state struct (as the reserves
//! total does): `market:` + the token's account id per watch and one index of the watched
//! tokens (at most [`MAX_MARKET_WATCHES`]). They are operator configuration, kept on the
//! router's own balance like the depeg bands (about 200 bytes each).

use crate::errors::*;
use crate::events::RouterEvent;
use crate::{json_args, Router, RouterExt};
use near_sdk::borsh::{self, BorshDeserialize, BorshSerialize};
use near_sdk::json_types::U128;
use near_sdk::{
    env, near, require, serde_json, AccountId, Gas, GasWeight, NearToken, Promise, PromiseError, PromiseOrValue,
};
use router_core::guards::PRICE_UNIT;
use router_core::market::{MarketWatch, MARKET_VIEW_GAS, MAX_MARKET_WATCHES, OBSERVE_MARKET_GAS, ON_MARKET_READ_GAS};
use router_core::{TargetKind, BPS_TOTAL};

/// The raw key of the watched tokens' index.
const INDEX_KEY: &[u8] = b"market_index";
/// The prefix of each watch's raw key.
const WATCH_PREFIX: &str = "market:";
/// The longest view answer read (a JSON amount is at most 41 bytes).
const MAX_READ_LEN: usize = 64;

fn watch_key(token: &AccountId) -> Vec<u8> {
    format!("{WATCH_PREFIX}{token}").into_bytes()
}

fn read<T: BorshDeserialize>(key: &[u8]) -> Option<T> {
    env::storage_read(key).and_then(|bytes| borsh::from_slice(&bytes).ok())
}

fn write<T: BorshSerialize>(key: &[u8], value: &T) {
    env::storage_write(key, &borsh::to_vec(value).unwrap_or_default());
}

/// The watched tokens.
fn index() -> Vec<AccountId> {
    read(INDEX_KEY).unwrap_or_default()
}

/// `token`'s watch.
pub(crate) fn watch(token: &AccountId) -> Option<MarketWatch> {
    read(&watch_key(token))
}

/// Every watch, in the index's order (at most [`MAX_MARKET_WATCHES`] reads).
pub(crate) fn all_watches() -> Vec<(AccountId, MarketWatch)> {
    index().into_iter().filter_map(|t| watch(&t).map(|w| (t, w))).collect()
}

/// `{"pool_id":N,"token_in":..,"amount_in":"10^24","token_out":..}`.
#[derive(near_sdk::serde::Serialize)]
#[serde(crate = "near_sdk::serde")]
struct GetReturnArgs<'a> {
    pool_id: u64,
    token_in: &'a AccountId,
    amount_in: U128,
    token_out: &'a AccountId,
}

#[near]
impl Router {
    /// Sets where the liquid target `token` trades (a token/wNEAR simple pool `pool_id` of the
    /// Ref-shaped `exchange`, paying `wnear`) and the band below its rate, in bps (1..=10000).
    /// Resets the last observation. Operator, 1 yoctoNEAR.
    #[payable]
    pub fn set_market_watch(
        &mut self,
        token: AccountId,
        exchange: AccountId,
        pool_id: u64,
        wnear: AccountId,
        band_bps: u16,
    ) {
        self.assert_operator();
        let target = self.targets.get(&token).unwrap_or_else(|| env::panic_str(ERR_UNKNOWN_TARGET));
        require!(matches!(target.kind, TargetKind::Liquid { .. }), ERR_NOT_LIQUID);
        require!((1..=BPS_TOTAL).contains(&band_bps), ERR_BAD_MARKET_BAND);
        let mut tokens = index();
        if !tokens.contains(&token) {
            require!(tokens.len() < MAX_MARKET_WATCHES, ERR_TOO_MANY_MARKET_WATCHES);
            tokens.push(token.clone());
            write(INDEX_KEY, &tokens);
        }
        let watch = MarketWatch { exchange, pool_id, wnear, band_bps, last: None };
        RouterEvent::MarketWatchSet { token: &token, watch: Some(&watch), by: &env::predecessor_account_id() }.emit();
        write(&watch_key(&token), &watch);
    }

    /// Removes `token`'s market watch. Operator, 1 yoctoNEAR.
    #[payable]
    pub fn remove_market_watch(&mut self, token: AccountId) {
        self.assert_operator();
        require!(env::storage_remove(&watch_key(&token)), ERR_NO_MARKET_WATCH);
        let tokens: Vec<AccountId> = index().into_iter().filter(|t| *t != token).collect();
        write(INDEX_KEY, &tokens);
        RouterEvent::MarketWatchSet { token: &token, watch: None, by: &env::predecessor_account_id() }.emit();
    }

    /// Every market watch with its last observation.
    pub fn get_market_watches(&self) -> Vec<(AccountId, MarketWatch)> {
        all_watches()
    }

    /// Observes `token`'s market now (anyone; no deposit; at least 30 TGas): reads the token's
    /// rate and the exchange's price of one whole token, then records whether the market is
    /// more than the band below the rate. The promise resolves to whether it is in band; it
    /// fails (nothing recorded) when a read failed.
    pub fn observe_market(&mut self, token: AccountId) -> Promise {
        require!(env::prepaid_gas().as_gas() >= OBSERVE_MARKET_GAS, ERR_OBSERVE_GAS);
        let target = self.targets.get(&token).unwrap_or_else(|| env::panic_str(ERR_UNKNOWN_TARGET));
        let TargetKind::Liquid { protocol, .. } = target.kind else { env::panic_str(ERR_NOT_LIQUID) };
        let w = watch(&token).unwrap_or_else(|| env::panic_str(ERR_NO_MARKET_WATCH));
        let view = |to: &AccountId, method: &str, args: Vec<u8>| {
            Promise::new(to.clone()).function_call_weight(
                method,
                args,
                NearToken::from_yoctonear(0),
                Gas::from_gas(MARKET_VIEW_GAS),
                GasWeight(0),
            )
        };
        let one =
            GetReturnArgs { pool_id: w.pool_id, token_in: &token, amount_in: U128(PRICE_UNIT), token_out: &w.wnear };
        view(&token, protocol.price_method(), b"{}".to_vec())
            .and(view(&w.exchange, router_core::exit_calls::DEX_GET_RETURN, json_args(&one)))
            .then(
                Self::ext(env::current_account_id())
                    .with_static_gas(Gas::from_gas(ON_MARKET_READ_GAS))
                    .with_unused_gas_weight(1)
                    .on_market_read(token),
            )
    }

    /// Records the observation (private; never panics). Returns `true` when in band, `false`
    /// when out of band; a failed or unreadable read records nothing and fails the call.
    #[private]
    pub fn on_market_read(&mut self, #[serializer(borsh)] token: AccountId) -> PromiseOrValue<bool> {
        let amount = |i: u64| match env::promise_result_checked(i, MAX_READ_LEN) {
            Ok(bytes) => serde_json::from_slice::<U128>(&bytes).ok().map(|a| a.0),
            Err(PromiseError::Failed) | Err(_) => None,
        };
        let (rate, market) = (amount(0), amount(1));
        let Some(mut w) = watch(&token) else {
            return self.observation_failed(&token, "the watch was removed meanwhile");
        };
        let (Some(rate), Some(market)) = (rate.filter(|r| *r > 0), market) else {
            let which = if rate.is_none() {
                "the token's rate could not be read"
            } else {
                "the exchange's price could not be read"
            };
            return self.observation_failed(&token, which);
        };
        let was_out = w.out_of_band();
        let o = w.observe(rate, market, env::block_timestamp());
        write(&watch_key(&token), &w);
        RouterEvent::MarketObserved {
            token: &token,
            rate: U128(rate),
            market: U128(market),
            discount_bps: o.discount_bps,
        }
        .emit();
        if o.out_of_band && !was_out {
            RouterEvent::MarketDepegWarning { token: &token, discount_bps: o.discount_bps, band_bps: w.band_bps }
                .emit();
        } else if !o.out_of_band && was_out {
            RouterEvent::MarketDepegCleared { token: &token, discount_bps: o.discount_bps }.emit();
        }
        PromiseOrValue::Value(!o.out_of_band)
    }

    /// Fails with `reason` (private: the router's own callbacks return it so that a call whose
    /// effect did not happen fails for its caller).
    #[private]
    pub fn call_failed(&self, #[serializer(borsh)] reason: String) {
        env::panic_str(&reason)
    }
}

impl Router {
    /// Emits `market_observation_failed` and returns the failing `call_failed`.
    fn observation_failed(&self, token: &AccountId, what: &str) -> PromiseOrValue<bool> {
        RouterEvent::MarketObservationFailed { token, reason: what }.emit();
        let reason = format!("Could not observe the market of {token}: {what}; nothing was recorded");
        let report = Self::ext(env::current_account_id())
            .with_static_gas(Gas::from_gas(router_core::gas::CALL_FAILED))
            .with_unused_gas_weight(0)
            .call_failed(reason);
        PromiseOrValue::Promise(report)
    }
}
