//! `stake-router`: Stake Router from the command line. The clap definitions and the dispatch;
//! each subcommand lives in `stake_router_cli::commands`.

use clap::{Parser, Subcommand};
use stake_router_cli::commands::{
    dao_proposal, demo, devnet_bench, devnet_demo, exit, figures, gas_report, history_bench, ledger_bench, plan,
    position,
};

/// Stake Router from the command line: plan a split, read a position, write a DAO proposal
/// against a live router, and run the demos and the benchmarks.
#[derive(Debug, Parser)]
#[command(name = "stake-router", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the split plan router-core computes for a deposit (offline, the contract's own code)
    Plan(plan::PlanArgs),
    /// Print an account's position over JSON-RPC: stake per pool, liquid tokens, claimables
    Position(position::PositionArgs),
    /// Print a Sputnik DAO v2 proposal routing treasury NEAR through a live router (read over JSON-RPC)
    DaoProposal(dao_proposal::DaoProposalArgs),
    /// Print every exit of an account's position side by side (quotes and the transactions, or a DAO's proposals)
    Exit(exit::ExitArgs),
    /// Print what a staker chooses by: each target's yearly rate (and its source), fee, health and unlock, and a profile's blend
    Figures(figures::FiguresArgs),
    /// The console walk-through: the real contracts on an in-process chain (needs res/*.wasm)
    Demo,
    /// The local devnet with the contracts, the widget's page and a development wallet (until Ctrl-C)
    DevnetDemo(devnet_demo::DevnetDemoArgs),
    /// Measure the devnet's JSON-RPC with the router deployed (signed calls and views per second)
    DevnetBench(devnet_bench::DevnetBenchArgs),
    /// Measure the router's gas on the in-process chain and write docs/gas.md (needs res/*.wasm)
    GasReport(gas_report::GasReportArgs),
    /// Measure the memory the chain's kept past blocks cost (demo contracts, needs res/*.wasm)
    HistoryBench(history_bench::HistoryBenchArgs),
    /// Measure `ledger sync` over a long history: 1,000 epochs of 10 positions on a devnet (needs res/*.wasm)
    LedgerBench(ledger_bench::LedgerBenchArgs),
    /// The reward ledger: per-epoch rewards across pools and liquid tokens in a local database
    #[command(subcommand)]
    Ledger(stake_router_cli::ledger::LedgerCommand),
    /// Alerts on an account's positions at every epoch (commission, uptime, retirement, depeg,
    /// withdrawals ready, claimables), with the Sputnik proposal that acts on each for a DAO
    Watch(stake_router_cli::watch::WatchArgs),
}

fn main() {
    let result = match Cli::parse().command {
        Command::Plan(args) => plan::run(args),
        Command::Position(args) => position::run(args),
        Command::DaoProposal(args) => dao_proposal::run(args),
        Command::Exit(args) => exit::run(args),
        Command::Figures(args) => figures::run(args),
        Command::Demo => demo::run(),
        Command::DevnetDemo(args) => devnet_demo::run(args),
        Command::DevnetBench(args) => devnet_bench::run(args),
        Command::GasReport(args) => gas_report::run(args),
        Command::HistoryBench(args) => history_bench::run(args),
        Command::LedgerBench(args) => ledger_bench::run(args),
        Command::Ledger(command) => stake_router_cli::ledger::run(command),
        Command::Watch(args) => stake_router_cli::watch::run(args),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_definitions_are_consistent() {
        Cli::command().debug_assert();
    }
}
