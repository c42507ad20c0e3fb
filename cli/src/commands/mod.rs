//! One module per subcommand: its flags (a clap `Args` struct) and its `run`.

pub mod dao_proposal;
pub mod demo;
pub mod devnet_bench;
pub mod devnet_demo;
pub mod exit;
pub mod exit_text;
pub mod figures;
pub mod figures_text;
pub mod gas_report;
pub mod history_bench;
pub mod ledger_bench;
pub mod ledger_bench_net;
pub mod plan;
pub mod position;
