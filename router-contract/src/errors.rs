//! Every refusal the router makes, as constants the tests assert on.

// Access control
pub const ERR_NOT_OWNER: &str = "Only the owner may do this";
pub const ERR_NOT_OPERATOR: &str = "Only the owner or an operator may do this";
pub const ERR_NOT_GUARDIAN: &str = "Only the owner or a guardian may do this";
pub const ERR_NOT_PENDING_OWNER: &str = "Only the proposed new owner may accept ownership";
pub const ERR_BAD_ROUTER_ID: &str =
    "The router's account id is too long to hold proxy accounts (at most 39 characters)";

// Deposits: the checks around the planner are router-core's (`router_core::deposit_check`),
// shared with the widget.
pub use router_core::deposit_check::{
    ERR_BAD_BENEFICIARY, ERR_NOT_ENOUGH_GAS, ERR_NO_POLICY, ERR_NO_PROXY_CODE, ERR_PAUSED, ERR_PROFILE_AND_POLICY,
    ERR_UNKNOWN_PROFILE,
};
/// `claim` with less prepaid gas than the transfer and its callback need.
pub const ERR_CLAIM_GAS: &str = "Not enough prepaid gas to claim (18.85 TGas with the default gas schedule)";

// Targets and profiles
pub const ERR_TARGET_EXISTS: &str = "This target is already on the allow-list";
pub const ERR_UNKNOWN_TARGET: &str = "This target is not on the allow-list";
pub const ERR_TOO_MANY_TARGETS: &str = "The allow-list is full (32 active or paused targets; retire one first)";
/// More than `MAX_TARGET_RECORDS` targets, retired ones included.
pub const ERR_TOO_MANY_TARGET_RECORDS: &str = "The router keeps at most 64 targets, retired ones included";
pub const ERR_TOO_MANY_PROFILES: &str = "Too many profiles";
pub const ERR_BAD_CAPS: &str = "A share cap must be between 1 and 10000 bps";
/// `set_account_policy` without a deposit.
pub const ERR_POLICY_NEEDS_DEPOSIT: &str =
    "Attach at least 1 yoctoNEAR (and the storage a new policy adds): a function-call key cannot change a stored policy";
/// A liquid target's registration deposit above `router_core::MAX_REGISTRATION_DEPOSIT`.
pub const ERR_REGISTRATION_DEPOSIT: &str =
    "A registration deposit may be at most 0.01 NEAR (what registering with a token needs)";
pub const ERR_TARGET_KIND_CHANGE: &str = "A target's kind cannot change; retire it and add a new one";
pub const ERR_RETIRED: &str = "A retired target cannot be resumed";
/// Adding a validator target that must be checked against the staking-pool whitelist with
/// less than `whitelist::ADD_VALIDATOR_GAS`.
pub const ERR_WHITELIST_GAS: &str =
    "Adding a validator target reads the staking-pool whitelist: attach at least 30 TGas";
pub const ERR_TARGET_IS_ROUTER: &str = "The router or a proxy cannot be a target";
pub const ERR_BAD_NAME: &str = "A profile name is 1 to 32 characters of a-z, 0-9 and '-'";

// Storage, claims, refunds
pub const ERR_STORAGE_DEPOSIT: &str = "Attach enough NEAR to pay for the storage this adds";
pub const ERR_NO_CLAIMABLE: &str = "Nothing to claim for this token";
pub const ERR_NO_REFUND: &str = "No refund is owed to this account";
pub const ERR_REFUND_NOT_FUNDED: &str = "The router cannot fund this refund yet; try again shortly";
pub const ERR_NO_UNVERIFIED: &str = "No unverified mint with this id";
/// `claim_unverified` by someone other than the mint's beneficiary.
pub const ERR_NOT_UNVERIFIED_BENEFICIARY: &str = "Only the mint's beneficiary may claim an unverified mint";
/// Too little prepaid gas to release an unverified mint (the gas needed follows).
pub const ERR_UNVERIFIED_GAS: &str = "Not enough prepaid gas to release an unverified mint; it needs (gas)";
/// The mint's token is no longer a liquid target, so it has no price view to read.
pub const ERR_UNVERIFIED_NO_PRICE: &str =
    "The mint's token is not a liquid target of this router; only the owner can resolve it";
pub const ERR_MIN_DEPOSIT: &str = "The minimum deposit must be at least 1 NEAR-milli";

// Fee, guards, upgrades
pub const ERR_FEE_TOO_HIGH: &str = "The deposit fee may be at most 100 bps (1%)";
pub const ERR_NO_TREASURY: &str = "A deposit fee above 0 needs a treasury account";
pub const ERR_BAD_TREASURY: &str = "The treasury may not be the router, a staking proxy or a staking target";
pub const ERR_BAD_GUARD: &str = "A network-share limit must be between 1 and 10000 bps";
pub const ERR_NOT_LIQUID: &str = "A depeg band applies only to a liquid target";
pub const ERR_BAD_BAND: &str = "A depeg band needs an expected price above 0 and a tolerance of 1 to 10000 bps";
pub const ERR_NO_BAND: &str = "This target has no depeg band";
/// `set_market_watch` with a band outside 1..=10000 bps (`ERR_BAD_MARKET_BAND`).
pub const ERR_BAD_MARKET_BAND: &str = "A market watch needs a band of 1 to 10000 bps";
/// `set_market_watch` for a new token while the most watches are kept.
pub const ERR_TOO_MANY_MARKET_WATCHES: &str = "The router keeps at most 16 market watches; remove one first";
/// `observe_market` or `remove_market_watch` for a token without a market watch.
pub const ERR_NO_MARKET_WATCH: &str = "This target has no market watch";
/// `observe_market` with less than `OBSERVE_MARKET_GAS`.
pub const ERR_OBSERVE_GAS: &str = "Not enough gas attached to observe the market (attach at least 30 TGas)";
pub const ERR_NO_CODE: &str = "Attach the new contract code as the call's raw input";
pub const ERR_NO_STATE: &str = "There is no router state to migrate";
pub const ERR_UNKNOWN_STATE_VERSION: &str = "Unknown router state version";

/// `new` or `set_timelock` with a delay above 30 days.
pub const ERR_TIMELOCK_TOO_LONG: &str = "The timelock can be at most 30 days";
/// `execute_change` or `cancel_change` of an id that is not pending.
pub const ERR_NO_CHANGE: &str = "No pending change has this id";
/// `execute_change` of new code: it executes by deploying the announced code.
pub const ERR_CODE_CHANGE: &str =
    "New code executes by calling upgrade or deploy_proxy_code with exactly the announced code";
/// An announcement while the most changes are pending.
pub const ERR_TOO_MANY_CHANGES: &str = "At most 16 changes can be pending; execute or cancel one first";
/// `upgrade` / `deploy_proxy_code` of code that was not announced (with a timelock).
pub const ERR_CODE_NOT_ANNOUNCED: &str =
    "This code was not announced: announce its hash (announce_upgrade / announce_proxy_code) and wait for the timelock";
