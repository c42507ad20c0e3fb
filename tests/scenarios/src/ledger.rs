//! Conservation: after a deposit, every yoctoNEAR is staked, delivered, kept for the user,
//! claimable, owed or refunded — measured from independent places, not from the router's own
//! events.
//!
//! For a deposit of `D` by depositor `U` for beneficiary `B` whose proxy is `P`:
//!
//! ```text
//! D == refunded                       (U's balance change + D + the gas U paid)
//!    + staked directly                (each pool's get_account_total_balance(P) change)
//!    + staked liquid                  (each LST's get_total_staked_balance change)
//!    + registrations                  (each LST's storage_balance_of(B) change)
//!    + kept in the proxy              (P's balance change: its storage, owned by B)
//!    + router storage                 (router storage_usage change x 10^19: proxy record, claims)
//!    + owed                           (router's and P's owed refunds to U, change)
//!    + transfer yoctos                (1 yoctoNEAR per ft_transfer that reached an LST)
//!    + deposit fee                    (the router's treasury's balance change, when it has one)
//! ```
//! A pool's share rounding moves what it reports for the proxy by at most 1 yoctoNEAR per pool
//! either way (after rewards the share price is not 1), and a node before protocol 87 credits
//! contracts part of the gas they burn; the check allows exactly that slack.

use harness::backend::{Backend, Outcome};
use harness::fixture::{u128_of, Fixture};
use router_core::AccountId;
use serde_json::json;

/// 10^19 yoctoNEAR per byte of storage.
const BYTE_COST: u128 = 10_000_000_000_000_000_000;

/// Every balance the conservation check reads, at one moment.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    depositor: u128,
    pool_totals: Vec<u128>,
    lst_staked: Vec<u128>,
    registrations: Vec<u128>,
    proxy: u128,
    router_storage: u64,
    router_balance: u128,
    owed: u128,
    treasury: u128,
}

impl Snapshot {
    /// Reads everything for `depositor` depositing for `beneficiary`.
    pub async fn take<B: Backend>(b: &B, f: &Fixture, depositor: &AccountId, beneficiary: &AccountId) -> Snapshot {
        let (proxy, _) = f.proxy_of(b, beneficiary).await;
        let mut s = Snapshot {
            depositor: b.balance(depositor).await.expect("depositor exists"),
            proxy: b.balance(&proxy).await.unwrap_or(0),
            router_storage: b.storage_usage(&f.router).await.expect("router exists"),
            router_balance: b.balance(&f.router).await.expect("router exists"),
            ..Snapshot::default()
        };
        for pool in &f.pools {
            let v = b.view(pool, "get_account_total_balance", json!({ "account_id": proxy })).await.unwrap();
            s.pool_totals.push(u128_of(&v));
        }
        for lst in &f.lsts {
            s.lst_staked.push(u128_of(&b.view(lst, "get_total_staked_balance", json!({})).await.unwrap()));
            let reg = b.view(lst, "storage_balance_of", json!({ "account_id": beneficiary })).await.unwrap();
            s.registrations.push(if reg.is_null() { 0 } else { u128_of(&reg["total"]) });
        }
        let owed_router = u128_of(&f.view(b, "get_owed_refund", json!({ "account_id": depositor })).await);
        let owed_proxy = match b.view(&proxy, "get_owed_refund", json!({ "account_id": depositor })).await {
            Ok(v) => u128_of(&v),
            Err(_) => 0,
        };
        s.owed = owed_router + owed_proxy;
        let config = f.view(b, "get_config", json!({})).await;
        if let Some(treasury) = config["treasury_id"].as_str().map(|t| t.parse::<AccountId>().unwrap()) {
            if &treasury != depositor {
                s.treasury = b.balance(&treasury).await.unwrap_or(0);
            }
        }
        s
    }
}

/// Where a deposit went, term by term (see the module docs).
#[derive(Debug, Default)]
pub struct Accounting {
    pub refunded: i128,
    pub staked_direct: i128,
    pub staked_liquid: i128,
    pub registrations: i128,
    pub kept_in_proxy: i128,
    pub router_storage: i128,
    pub owed: i128,
    pub transfer_yoctos: i128,
    pub deposit_fee: i128,
}

impl Accounting {
    /// The sum of every term.
    pub fn total(&self) -> i128 {
        self.refunded
            + self.staked_direct
            + self.staked_liquid
            + self.registrations
            + self.kept_in_proxy
            + self.router_storage
            + self.owed
            + self.transfer_yoctos
            + self.deposit_fee
    }
}

/// Checks that `deposit` is fully accounted for between `before` and `after`; returns the terms.
pub fn assert_conserved<B: Backend>(
    b: &B,
    deposit: u128,
    out: &Outcome,
    before: &Snapshot,
    after: &Snapshot,
) -> Accounting {
    assert_conserved_paying(b, deposit, out, out.tokens_burnt, before, after)
}

/// [`assert_conserved`] for a depositor that paid `paid` in the transaction besides the
/// deposit, in place of its gas: a DAO deposits from its treasury in a transaction its member
/// signs (the member pays the gas) and pays the member's bond back in it.
pub fn assert_conserved_paying<B: Backend>(
    b: &B,
    deposit: u128,
    out: &Outcome,
    paid: u128,
    before: &Snapshot,
    after: &Snapshot,
) -> Accounting {
    let d = |a: u128, b: u128| a as i128 - b as i128;
    let sum = |a: &[u128], b: &[u128]| a.iter().zip(b).map(|(x, y)| d(*x, *y)).sum::<i128>();
    let acc = Accounting {
        refunded: d(after.depositor, before.depositor) + deposit as i128 + paid as i128,
        staked_direct: sum(&after.pool_totals, &before.pool_totals),
        staked_liquid: sum(&after.lst_staked, &before.lst_staked),
        registrations: sum(&after.registrations, &before.registrations),
        kept_in_proxy: d(after.proxy, before.proxy),
        router_storage: (after.router_storage as i128 - before.router_storage as i128) * BYTE_COST as i128,
        owed: d(after.owed, before.owed),
        transfer_yoctos: out.events_named("tokens_delivered").len() as i128,
        deposit_fee: d(after.treasury, before.treasury),
    };
    // The router's free balance (beyond its storage) never falls: a deposit pays its own way.
    let free = |s: &Snapshot| s.router_balance as i128 - s.router_storage as i128 * BYTE_COST as i128;
    assert!(
        free(after) >= free(before),
        "[{}] the router's free balance fell by {}",
        b.name(),
        free(before) - free(after)
    );
    let missing = deposit as i128 - acc.total();
    let rounding = before.pool_totals.len() as i128;
    let slack = b.reward_slack(out.tokens_burnt) as i128;
    assert!(
        (-slack - rounding..=rounding).contains(&missing),
        "[{}] {missing} yoctoNEAR of a {deposit} deposit unaccounted for (rounding allowance {rounding}, gas-reward slack {slack}): {acc:#?}",
        b.name()
    );
    acc
}
