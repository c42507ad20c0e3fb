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
use base64::Engine;
use router_core::gas::{TGAS, WALLET_GAS};
use router_core::{format_near, AccountId, Policy, SplitPlan, TargetKind, Yocto};
use serde_json::{json, Value};

/// Sputnik DAO v2's default `proposal_bond` (1 NEAR), used when the DAO's policy cannot be read.
const DEFAULT_BOND: Yocto = Yocto(router_core::ONE_NEAR);

/// The gas to attach to `add_proposal` itself (it only stores the proposal).
const ADD_PROPOSAL_TGAS: u64 = 100;

/// What Sputnik's `act_proposal` needs around the action it executes, added to the action's gas
/// when the command says what executing the proposal needs. The source
/// (near-daos/sputnik-dao-contract `sputnikdao2/src/proposals.rs`) fixes most of it: the action
/// gets exactly its own gas (weight 0) and `on_proposal_callback` 10 TGas static
/// (`GAS_FOR_FT_TRANSFER` in `types.rs`); the rest is `act_proposal`'s own execution (2.85 TGas
/// for the 2.3.1 build) and the new receipts' fees. On the in-process chain the 2.3.1 build needed
/// 13.8 TGas above a 170.1 TGas deposit, the mock DAO 13.3 (`tests/MOCKS.md`, section 3); 20
/// leaves room for mainnet's trie-node gas, which the local VM does not charge. A DAO whose build
/// needs more refuses the vote whole (nothing is recorded) and can act again with more gas.
const ACT_PROPOSAL_MARGIN_TGAS: u64 = 20;

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

/// The proposal's description: the split in one line, as DAO apps list it.
fn description(router: &AccountId, plan: &SplitPlan) -> String {
    let legs: Vec<String> = plan
        .legs
        .iter()
        .map(|l| {
            let how = if matches!(l.kind, TargetKind::Validator) { "staked directly" } else { "liquid" };
            format!("{} NEAR to {} ({how})", format_near(l.amount.0), l.target)
        })
        .collect();
    format!(
        "Stake {} NEAR of the treasury through Stake Router ({router}) in one transaction: {}; one-off costs {} NEAR",
        format_near(plan.deposit.0),
        legs.join(", "),
        format_near(plan.costs.total.0)
    )
}

/// The bond: the flag, else the DAO's `get_policy().proposal_bond`, else Sputnik's default.
fn bond(rpc: &Rpc, args: &DaoProposalArgs) -> (Yocto, String) {
    if let Some(bond) = args.bond {
        return (bond, "--bond".to_string());
    }
    let read = rpc.view(&args.dao, "get_policy", json!({})).and_then(|p| {
        serde_json::from_value::<Yocto>(p["proposal_bond"].clone()).map_err(|e| format!("proposal_bond: {e}"))
    });
    match read {
        Ok(bond) => (bond, format!("{}'s proposal_bond", args.dao)),
        Err(_) => (DEFAULT_BOND, format!("Sputnik's default: {} has no readable get_policy; give --bond", args.dao)),
    }
}

/// Builds the proposal from the live router.
pub fn build(args: &DaoProposalArgs) -> Result<Proposal, String> {
    let rpc = Rpc::new(&args.rpc.url());
    let routing = routing(args);
    let live = plan_live(&rpc, &args.router, &args.dao, args.amount.0, &routing)?;
    let deposit_args = routing.deposit_args().to_string();
    let add_proposal = json!({ "proposal": {
        "description": description(&args.router, &live.plan),
        "kind": { "FunctionCall": {
            "receiver_id": args.router,
            "actions": [{
                "method_name": "deposit",
                "args": base64::engine::general_purpose::STANDARD.encode(deposit_args),
                "deposit": args.amount.0.to_string(),
                "gas": live.plan.gas_required.to_string(),
            }]
        }}
    }});
    let bond = bond(&rpc, args);
    let network = match (&args.network_config, args.rpc.network) {
        (Some(name), _) => name.clone(),
        (None, Some(n)) => n.name().to_string(),
        (None, None) => "localnet".to_string(),
    };
    let member = args.member.as_ref().map_or("MEMBER_ACCOUNT".to_string(), |m| m.to_string());
    let near_cli = format!(
        "near contract call-function as-transaction {} add_proposal json-args '{}' prepaid-gas '{ADD_PROPOSAL_TGAS} Tgas' \
         attached-deposit '{} NEAR' sign-as {member} network-config {network} sign-with-keychain send",
        args.dao,
        add_proposal.to_string().replace('\'', "'\\''"),
        format_near(bond.0 .0)
    );
    Ok(Proposal { live, add_proposal, bond, near_cli })
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
    let act = gas_tgas + ACT_PROPOSAL_MARGIN_TGAS;
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
