//! `stake-router dao-proposal`: a Sputnik DAO v2 proposal that routes treasury NEAR through a
//! LIVE router in one transaction: a `FunctionCall` to the router's `deposit` (args base64, the
//! amount as deposit, the plan's gas). The split is planned against the router's own targets,
//! profiles, configuration and the DAO's proxy (first deposit or not) read over JSON-RPC, and
//! printed three ways: in words for the members, as a near-cli-rs command, and as the
//! `add_proposal` JSON a DAO app submits.

use crate::args::{near_amount, policy, RpcArgs};
use crate::describe::describe_plan;
use crate::jsonrpc::Rpc;
use crate::live::{plan_live, LivePlan, Routing};
use router_core::dao_proposal::{deposit_proposal, near_cli_command, proposal_bond, DEFAULT_PROPOSAL_BOND};
use router_core::gas::{TGAS, WALLET_GAS};
use router_core::{format_near, AccountId, Policy, Yocto};
use serde_json::{json, Value};

/// `stake-router dao-proposal` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct DaoProposalArgs {
    /// The Sputnik DAO account (the depositor and beneficiary)
    #[arg(long, value_name = "ID")]
    pub dao: AccountId,
    #[command(flatten)]
    pub rpc: RpcArgs,
    /// The Stake Router contract
    #[arg(long, value_name = "ID")]
    pub router: AccountId,
    /// The treasury NEAR to route, exact (e.g. 1000 or 2500.5)
    #[arg(long, value_name = "NEAR", value_parser = near_amount)]
    pub amount: Yocto,
    /// Route by this profile of the router (default: the DAO's policy stored on the router)
    #[arg(long, value_name = "NAME", conflicts_with = "policy")]
    pub profile: Option<String>,
    /// Route by this policy: "target=bps,target=bps" adding up to 10000
    #[arg(long, value_name = "LEGS", value_parser = policy)]
    pub policy: Option<Policy>,
    /// The proposal bond in NEAR (default: the DAO's `proposal_bond`, read with `get_policy`)
    #[arg(long, value_name = "NEAR", value_parser = near_amount)]
    pub bond: Option<Yocto>,
    /// The DAO member who submits the proposal (in the near-cli-rs command)
    #[arg(long, value_name = "ID")]
    pub member: Option<AccountId>,
    /// near-cli-rs's network-config name (default: --network's name, else `localnet`)
    #[arg(long, value_name = "NAME")]
    pub network_config: Option<String>,
    /// Print one JSON object: the plan, the `add_proposal` arguments and the command
    #[arg(long)]
    pub json: bool,
}

/// Everything the command prints.
pub struct Proposal {
    /// The live plan.
    pub live: LivePlan,
    /// The `add_proposal` arguments.
    pub add_proposal: Value,
    /// The gas executing it takes (`act_proposal`).
    pub act_gas: u64,
    /// The bond and where it came from.
    pub bond: (Yocto, String),
    /// The near-cli-rs command.
    pub near_cli: String,
}

/// The routing the flags choose.
fn routing(args: &DaoProposalArgs) -> Routing {
    match (&args.profile, &args.policy) {
        (Some(name), _) => Routing::Profile(name.clone()),
        (None, Some(policy)) => Routing::Policy(policy.clone()),
        (None, None) => Routing::Stored,
    }
}

/// The bond: the flag, else the DAO's `get_policy().proposal_bond`, else Sputnik's default.
fn bond(rpc: &Rpc, args: &DaoProposalArgs) -> (Yocto, String) {
    if let Some(bond) = args.bond {
        return (bond, "--bond".to_string());
    }
    match rpc.view(&args.dao, "get_policy", json!({})).ok().as_ref().and_then(proposal_bond) {
        Some(bond) => (Yocto(bond), format!("{}'s proposal_bond", args.dao)),
        None => (
            Yocto(DEFAULT_PROPOSAL_BOND),
            format!("Sputnik's default: {} has no readable get_policy; give --bond", args.dao),
        ),
    }
}

/// Builds the proposal from the live router.
pub fn build(args: &DaoProposalArgs) -> Result<Proposal, String> {
    let rpc = Rpc::new(&args.rpc.url());
    let routing = routing(args);
    let live = plan_live(&rpc, &args.router, &args.dao, args.amount.0, &routing)?;
    let deposit_args = routing.deposit_args().to_string();
    let proposal = deposit_proposal(&args.router, &live.plan, &deposit_args);
    let act_gas = proposal.act_gas();
    let add_proposal = serde_json::to_value(&proposal).map_err(|e| e.to_string())?;
    let bond = bond(&rpc, args);
    let network = match (&args.network_config, args.rpc.network) {
        (Some(name), _) => name.clone(),
        (None, Some(n)) => n.name().to_string(),
        (None, None) => "localnet".to_string(),
    };
    let member = args.member.as_ref().map_or("MEMBER_ACCOUNT".to_string(), |m| m.to_string());
    let near_cli = near_cli_command(&args.dao, &proposal, bond.0 .0, &member, &network);
    Ok(Proposal { live, add_proposal, act_gas, bond, near_cli })
}

/// The proposal as text: the split in words, the command, the JSON, how to execute it.
pub fn describe(args: &DaoProposalArgs, p: &Proposal) -> String {
    let plan = &p.live.plan;
    let gas_tgas = plan.gas_required.div_ceil(TGAS);
    let mut out = format!(
        "What {} votes on: {} NEAR of the treasury into {} by {}, in one transaction.\n",
        args.dao,
        format_near(args.amount.0),
        args.router,
        p.live.source
    );
    out += &describe_plan(plan);
    out += &format!(
        "The proposal is one FunctionCall: {}.deposit({}) with {} NEAR attached and {gas_tgas} TGas.\n",
        args.router,
        routing(args).deposit_args(),
        format_near(args.amount.0)
    );
    let act = p.act_gas.div_ceil(TGAS);
    out += &format!(
        "Executing it (act_proposal VoteApprove) needs about {act} TGas: the action's gas plus Sputnik's own.\n"
    );
    if act * TGAS > WALLET_GAS {
        out += &format!(
            "WARNING: that is above the {} TGas many DAO apps and tools send; approve it with a tool that \
             attaches more (the protocol allows 1 PGas), or route fewer legs per proposal.\n",
            WALLET_GAS / TGAS
        );
    }
    out += &format!(
        "\n== Submit it with near-cli-rs (bond {} NEAR: {}):\n{}\n",
        format_near(p.bond.0 .0),
        p.bond.1,
        p.near_cli
    );
    out += &format!(
        "\n== The add_proposal arguments a DAO app submits (attach the bond):\n{}\n",
        serde_json::to_string_pretty(&p.add_proposal).expect("json")
    );
    out
}

/// Runs `stake-router dao-proposal`: prints the proposal.
pub fn run(args: DaoProposalArgs) -> Result<(), String> {
    let proposal = build(&args)?;
    if args.json {
        let all = json!({
            "plan": proposal.live.plan,
            "add_proposal": proposal.add_proposal,
            "bond": proposal.bond.0,
            "near_cli": proposal.near_cli,
        });
        println!("{}", serde_json::to_string_pretty(&all).expect("json"));
    } else {
        print!("{}", describe(&args, &proposal));
    }
    Ok(())
}
