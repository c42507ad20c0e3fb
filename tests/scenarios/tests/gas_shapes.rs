//! Every split shape a deposit can take succeeds with exactly the prepaid gas the router's own
//! plan asks for (`preview_deposit`'s `gas_required`), first deposit and later, on the
//! in-process chain: the compiled contracts on nearcore's VM with the mock pools (which restake
//! as the core staking pool does) and the mock LSTs. One gas unit less is refused whole before
//! any promise, with every yoctoNEAR back. (The gas report, `docs/gas.md`, prints the figures.)

use router_core::ONE_NEAR;
use scenarios::harness::backend::Backend;
use scenarios::harness::chain_backend::ChainBackend;
use scenarios::harness::fixture::{deploy_with, SPLIT_SHAPES};
use scenarios::scenarios::deposit;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_shape_succeeds_at_exactly_its_gas_figure_and_one_unit_less_is_refused() {
    let mut b = ChainBackend::new();
    let f = deploy_with(&mut b, 8, 8).await;
    for (v, l) in SPLIT_SHAPES {
        let user = b.create_account(&format!("shape-{v}-{l}"), 100_000 * ONE_NEAR).await;
        let args = f.even_policy(v, l);
        let amount = 10 * ONE_NEAR * (v + l) as u128;
        for first in [true, false] {
            let what = format!("{v} validator + {l} liquid legs, {}", if first { "first" } else { "later" });
            let short = deposit(&mut b, &f, &user, amount, args.clone(), -1).await;
            let msg = short.outcome.failure.clone().unwrap_or_default();
            assert!(msg.contains("Not enough prepaid gas"), "{what}, 1 gas less: {msg}");
            assert_eq!(short.accounting.refunded, amount as i128, "{what}: every yoctoNEAR back");
            assert_eq!(short.outcome.receipt_gas.len(), 1, "{what}: no promise was created");

            let exact = deposit(&mut b, &f, &user, amount, args.clone(), 0).await;
            assert!(exact.outcome.ok && exact.outcome.failed_receipts.is_empty(), "{what}: {:?}", exact.outcome);
            assert_eq!(exact.outcome.events_named("direct_leg_staked").len(), v, "{what}: every pool staked");
            assert_eq!(exact.outcome.events_named("tokens_delivered").len(), l, "{what}: every token delivered");
        }
    }
}
