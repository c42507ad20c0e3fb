//! The seeded random simulation on the in-process chain. `SIM_SEED=<n> SIM_STEPS=<n>` replays
//! or lengthens a run; CI runs the default and the soak's smoke run. The soak itself
//! (`soak_over_several_seeds`, ignored: a benchmark) runs with `scripts/soak.sh`.

use harness::chain_backend::ChainBackend;

#[tokio::test]
async fn random_multi_user_simulation_keeps_every_invariant() {
    let seed = std::env::var("SIM_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(7);
    let steps = std::env::var("SIM_STEPS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_500);
    let mut backend = ChainBackend::new();
    let fixture = harness::fixture::deploy(&mut backend).await;
    let report = scenarios::simulation::run(&mut backend, &fixture, seed, steps).await;
    let stats = |v: &[u64]| {
        let mut v = v.to_vec();
        v.sort_unstable();
        (v.first().copied(), v.get(v.len() / 2).copied(), v.last().copied())
    };
    println!("seed {seed}, {steps} steps: {} deposits, {} refused, {} failed legs, {} claims, {} unstakes ({} of everything), {} withdrawals, {} invariant checks",
        report.deposits, report.refusals, report.failed_legs, report.claims, report.unstakes, report.unstakes_all, report.withdrawals, report.invariant_checks);
    println!("unlock delay in epochs (best, typical, worst): {:?}", stats(&report.unlock_delays));
    println!("moves {} (finished by keepers {}), upgrades {}", report.moves, report.moves_finished, report.upgrades);
    println!("pool drifts {}, decreases {} ({} yocto lost), withdrawals after a drift or loss {}, unstakes of the recorded principal refused after a loss {}, largest shortfall of a pool below a proxy's records {} yocto",
        report.drifts, report.decreases, report.lost, report.withdrawals_after_loss, report.principal_unstakes_refused, report.max_shortfall);
    println!(
        "gas of unstake (min, median, max): {:?}; withdraw: {:?}; finish_move: {:?}",
        stats(&report.unstake_gas),
        stats(&report.withdraw_gas),
        stats(&report.finish_move_gas)
    );
    println!(
        "deposits sent two at a time in one block {}, NEAR minted into the pools by epoch boundaries {}",
        report.deposits_together,
        router_core::format_near(report.minted)
    );
    let l = &report.liquid;
    println!(
        "liquid tokens: {} unstakes ({} refused, {} waits reset, {} of them relocking a withdrawable bucket, {} after LiNEAR's epoch_stake), {} withdrawals ({} refused before the unlock)",
        l.unstakes, l.unstakes_refused, l.waits_reset, l.relocked, l.settled_unstakes, l.withdrawals, l.early_withdrawals_refused
    );
    println!(
        "liquid_unstake: {} paid ({} NEAR, fees {} NEAR), {} refused for the minimum, {} for liquidity; liquidity added {} NEAR",
        l.liquid_unstakes,
        router_core::format_near(l.liquid_paid),
        router_core::format_near(l.liquid_fees),
        l.liquid_min_missed,
        l.liquid_short,
        router_core::format_near(l.liquidity_added)
    );
    println!(
        "swaps: {} to wNEAR, {} back to a token, {} refused for min_amount_out (E68), {} refused by a failing token; {} unwraps ({} NEAR)",
        l.swaps,
        l.swaps_back,
        l.swaps_min_missed,
        l.swaps_token_refused,
        l.unwraps,
        router_core::format_near(l.unwrapped)
    );
    assert_eq!(report.steps, steps);
    assert!(
        report.deposits > 0 && report.unstakes > 0 && report.withdrawals > 0,
        "the run exercised exits: {report:?}"
    );
    assert!(
        report.drifts > 0 && report.decreases > 0 && report.withdrawals_after_loss > 0,
        "the run exercised drift and losses: {report:?}"
    );
    if steps >= 1_500 {
        let every = [
            l.unstakes,
            l.unstakes_refused,
            l.waits_reset,
            l.relocked,
            l.settled_unstakes,
            l.withdrawals,
            l.early_withdrawals_refused,
            l.liquid_unstakes,
            l.liquid_min_missed,
            l.liquid_short,
            l.swaps,
            l.swaps_back,
            l.swaps_min_missed,
            l.swaps_token_refused,
            l.unwraps,
        ];
        assert!(every.iter().all(|&n| n > 0), "every liquid exit and refusal ran: {l:?}");
    }
    if steps >= 500 {
        assert!(
            report.deposits_together > 0 && report.minted > 0,
            "overlapping deposits and epoch rewards: {report:?}"
        );
    }
}

/// The soak's seeds and steps: `SOAK_SEEDS=1,2,3,4` and `SOAK_STEPS=10000` by default.
fn soak_config() -> (Vec<u64>, u64) {
    let seeds = std::env::var("SOAK_SEEDS").unwrap_or_else(|_| "1,2,3,4".into());
    let seeds = seeds.split(',').map(|s| s.trim().parse().expect("SOAK_SEEDS: numbers")).collect();
    let steps = std::env::var("SOAK_STEPS").ok().map(|s| s.parse().expect("SOAK_STEPS: a number"));
    (seeds, steps.unwrap_or(10_000))
}

#[tokio::test]
#[ignore = "a benchmark: scripts/soak.sh runs it"]
async fn soak_over_several_seeds() {
    let (seeds, steps) = soak_config();
    let rows = scenarios::simulation::soak::soak(&seeds, steps).await;
    println!("{}", scenarios::simulation::soak::table(&rows));
    for row in &rows {
        assert_eq!(row.report.steps, steps, "seed {}", row.seed);
        assert!(row.report.invariant_checks >= 8 * steps, "seed {}: every invariant every step", row.seed);
    }
}

/// The soak, tiny (two seeds of 40 steps), so its code runs in CI.
#[tokio::test]
async fn soak_smoke_runs_two_seeds() {
    let rows = scenarios::simulation::soak::soak(&[11, 12], 40).await;
    let table = scenarios::simulation::soak::table(&rows);
    println!("{table}");
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.report.steps == 40 && r.report.invariant_checks == 8 * 40), "{rows:?}");
    assert_eq!(table.lines().filter(|l| l.starts_with("| 1")).count(), 2, "a row per seed:\n{table}");
    assert!(table.contains("| **all 2 seeds** | 80 | 640 |"), "{table}");
}
