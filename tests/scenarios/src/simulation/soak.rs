//! The soak: the simulation over several seeds, many steps each, every seed on a fresh
//! in-process chain with a fresh fixture, every invariant after every step. A benchmark, not a
//! CI test: `scripts/soak.sh` runs it (the `#[ignore]`d test `soak_over_several_seeds`); CI
//! runs it once tiny (`soak_smoke`) so it cannot rot. Prints one row per seed: steps,
//! invariant checks, what the run did, and its wall time.

use super::{run, Report};
use harness::chain_backend::ChainBackend;
use std::time::Instant;

/// One seed's run.
#[derive(Debug)]
pub struct SoakRow {
    /// The seed (`SIM_SEED` replays it).
    pub seed: u64,
    /// What the run saw.
    pub report: Report,
    /// Wall time of the run, deployment included, in milliseconds.
    pub millis: u128,
}

/// Runs `steps` steps from each of `seeds`, one after the other, each on its own chain.
/// A broken invariant panics with its message; the seed being run is printed first, to
/// replay it with `SIM_SEED`.
pub async fn soak(seeds: &[u64], steps: u64) -> Vec<SoakRow> {
    let mut rows = Vec::new();
    for &seed in seeds {
        eprintln!("soak: seed {seed}, {steps} steps");
        let start = Instant::now();
        let mut backend = ChainBackend::new();
        let fixture = harness::fixture::deploy(&mut backend).await;
        let report = run(&mut backend, &fixture, seed, steps).await;
        rows.push(SoakRow { seed, report, millis: start.elapsed().as_millis() });
    }
    rows
}

/// Milliseconds as seconds with one decimal (integer arithmetic).
fn seconds(millis: u128) -> String {
    format!("{}.{}", millis / 1_000, (millis % 1_000) / 100)
}

/// The soak's table (markdown): a row per seed and the total.
pub fn table(rows: &[SoakRow]) -> String {
    let mut out = String::from(
        "| seed | steps | invariant checks | deposits | proxy exits (unstakes / withdrawals) | liquid exits (unstakes / withdrawals / liquid_unstake) | refusals checked | swaps / unwraps | wall time (s) | ms per step |\n\
         |---|---|---|---|---|---|---|---|---|---|\n",
    );
    let (mut steps, mut checks, mut millis) = (0, 0, 0);
    for row in rows {
        let (r, l) = (&row.report, &row.report.liquid);
        let refusals = r.refusals
            + r.principal_unstakes_refused
            + l.unstakes_refused
            + l.early_withdrawals_refused
            + l.liquid_min_missed
            + l.liquid_short
            + l.swaps_min_missed
            + l.swaps_token_refused;
        out += &format!(
            "| {} | {} | {} | {} | {} / {} | {} / {} / {} | {} | {} / {} | {} | {} |\n",
            row.seed,
            r.steps,
            r.invariant_checks,
            r.deposits + r.deposits_together,
            r.unstakes,
            r.withdrawals,
            l.unstakes,
            l.withdrawals,
            l.liquid_unstakes,
            refusals,
            l.swaps + l.swaps_back,
            l.unwraps,
            seconds(row.millis),
            row.millis / u128::from(r.steps.max(1)),
        );
        steps += r.steps;
        checks += r.invariant_checks;
        millis += row.millis;
    }
    out += &format!(
        "| **all {} seeds** | {steps} | {checks} | | | | | | {} | {} |\n",
        rows.len(),
        seconds(millis),
        millis / u128::from(steps.max(1))
    );
    out
}
