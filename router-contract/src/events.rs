//! NEP-297 events (standard `stake-router`, version `1.0.0`): one for every state change.

use near_sdk::json_types::U128;
use near_sdk::{near, AccountId};
use router_core::market::MarketWatch;
use router_core::{DepegBand, FoldedLeg, GuardOptions, PlanCosts, PlannedLeg, Policy, Profile, Target, TargetStatus};

/// Every event the router emits.
#[near(event_json(standard = "stake-router"))]
pub enum RouterEvent<'a> {
    /// A deposit was accepted and fanned out.
    #[event_version("1.0.0")]
    DepositAccepted {
        depositor: &'a AccountId,
        beneficiary: &'a AccountId,
        amount: U128,
        source: &'a str,
        legs: &'a [PlannedLeg],
        folded: &'a [FoldedLeg],
        costs: &'a PlanCosts,
    },
    /// The beneficiary's staking proxy was created (in the deposit's transaction).
    #[event_version("1.0.0")]
    ProxyCreated { beneficiary: &'a AccountId, proxy: &'a AccountId, code_hash: String },
    /// The proxy accepted the direct part; its own events report each pool leg.
    #[event_version("1.0.0")]
    DirectForwarded { beneficiary: &'a AccountId, proxy: &'a AccountId, amount: U128 },
    /// The proxy (or its creation) refused the direct part; it is refunded.
    #[event_version("1.0.0")]
    DirectFailed { beneficiary: &'a AccountId, proxy: &'a AccountId, amount: U128, proxy_creation_undone: bool },
    /// A liquid protocol minted tokens for a leg.
    #[event_version("1.0.0")]
    LiquidLegStaked { beneficiary: &'a AccountId, token: &'a AccountId, near_amount: U128, minted: U128 },
    /// A liquid protocol refused a leg; its NEAR is refunded.
    #[event_version("1.0.0")]
    LiquidLegFailed { beneficiary: &'a AccountId, token: &'a AccountId, near_amount: U128 },
    /// A liquid protocol took the NEAR but its answer could not be read: the tokens are in the
    /// router, recorded for the owner to verify and release.
    #[event_version("1.0.0")]
    LiquidMintUnverified { id: u64, beneficiary: &'a AccountId, token: &'a AccountId, near_amount: U128 },
    /// An unverified mint was credited to its beneficiary as a claimable, `by` the owner's
    /// figure or the beneficiary's priced path, within what the router holds beyond what it owes.
    #[event_version("1.0.0")]
    UnverifiedResolved { id: u64, beneficiary: &'a AccountId, token: &'a AccountId, amount: U128, by: &'a str },
    /// A release of an unverified mint was refused (the record is kept); the call fails.
    #[event_version("1.0.0")]
    UnverifiedRefused { id: u64, reason: &'a str },
    /// Minted tokens reached the beneficiary.
    #[event_version("1.0.0")]
    TokensDelivered { beneficiary: &'a AccountId, token: &'a AccountId, amount: U128, registered_receiver: bool },
    /// Minted tokens could not be delivered and are claimable in the router.
    #[event_version("1.0.0")]
    ClaimableRecorded { beneficiary: &'a AccountId, token: &'a AccountId, amount: U128 },
    /// A claim was sent.
    #[event_version("1.0.0")]
    Claimed { beneficiary: &'a AccountId, token: &'a AccountId, amount: U128 },
    /// A claim's transfer failed; the claimable is restored.
    #[event_version("1.0.0")]
    ClaimFailed { beneficiary: &'a AccountId, token: &'a AccountId, amount: U128 },
    /// NEAR was sent back to a depositor.
    #[event_version("1.0.0")]
    Refunded { account: &'a AccountId, amount: U128, reason: &'a str },
    /// A refund could not be funded yet and is owed (anyone may release it later).
    #[event_version("1.0.0")]
    RefundOwed { account: &'a AccountId, amount: U128, reason: &'a str },
    /// An owner change was proposed.
    #[event_version("1.0.0")]
    OwnerProposed { current: &'a AccountId, proposed: &'a AccountId },
    /// The proposed owner accepted.
    #[event_version("1.0.0")]
    OwnerChanged { old: &'a AccountId, new: &'a AccountId },
    /// A role was granted or revoked (`operator` or `guardian`).
    #[event_version("1.0.0")]
    RoleChanged { role: &'a str, account: &'a AccountId, granted: bool, by: &'a AccountId },
    /// Deposits were paused or resumed.
    #[event_version("1.0.0")]
    PauseChanged { paused: bool, by: &'a AccountId },
    /// A target was added or its caps changed.
    #[event_version("1.0.0")]
    TargetSet { target: &'a Target, by: &'a AccountId },
    /// A target was paused, resumed or retired.
    #[event_version("1.0.0")]
    TargetStatusChanged { target: &'a AccountId, status: TargetStatus, by: &'a AccountId },
    /// A named profile was stored.
    #[event_version("1.0.0")]
    ProfileSet { profile: &'a Profile, by: &'a AccountId },
    /// A named profile was removed.
    #[event_version("1.0.0")]
    ProfileRemoved { name: &'a str, by: &'a AccountId },
    /// An account (a DAO) stored its own policy.
    #[event_version("1.0.0")]
    AccountPolicySet { account: &'a AccountId, policy: &'a Policy, storage_paid: U128 },
    /// An account removed its policy.
    #[event_version("1.0.0")]
    AccountPolicyRemoved { account: &'a AccountId, storage_refunded: U128 },
    /// A new proxy code hash was set; new proxies use it from `from_ns` (the timelock's delay).
    #[event_version("1.0.0")]
    ProxyCodeHashScheduled { code_hash: String, from_ns: u64 },
    /// The proxy code hash used for new proxies changed.
    #[event_version("1.0.0")]
    ProxyCodeHashSet { code_hash: String, by: &'a AccountId },
    /// The minimum deposit changed.
    #[event_version("1.0.0")]
    MinDepositSet { min_deposit: U128, by: &'a AccountId },
    /// The deposit fee or its treasury changed.
    #[event_version("1.0.0")]
    DepositFeeSet { fee_bps: u16, treasury: Option<&'a AccountId>, by: &'a AccountId },
    /// A deposit's fee was sent to the treasury.
    #[event_version("1.0.0")]
    DepositFeeCharged { depositor: &'a AccountId, treasury: &'a AccountId, amount: U128 },
    /// A profile's guard options were set.
    #[event_version("1.0.0")]
    ProfileGuardsSet { name: &'a str, options: &'a GuardOptions, by: &'a AccountId },
    /// A liquid target's depeg band was set (observations reset) or removed (`band: null`).
    #[event_version("1.0.0")]
    DepegBandSet { target: &'a AccountId, band: Option<&'a DepegBand>, by: &'a AccountId },
    /// A mint implied a price outside the target's band; the tokens were still delivered.
    #[event_version("1.0.0")]
    DepegWarning {
        token: &'a AccountId,
        observed_price: U128,
        expected_price: U128,
        tolerance_bps: u16,
        near_amount: U128,
        minted: U128,
    },
    /// A mint implied a price back inside the band of a target that was out of band.
    #[event_version("1.0.0")]
    DepegCleared { token: &'a AccountId, observed_price: U128 },
    /// A liquid target's market watch was set (observation reset) or removed (`watch: null`).
    #[event_version("1.0.0")]
    MarketWatchSet { token: &'a AccountId, watch: Option<&'a MarketWatch>, by: &'a AccountId },
    /// The market of a liquid target was observed against its rate.
    #[event_version("1.0.0")]
    MarketObserved { token: &'a AccountId, rate: U128, market: U128, discount_bps: u16 },
    /// The market fell more than the band below the rate: profiles that skip out-of-band liquid
    /// targets leave it out.
    #[event_version("1.0.0")]
    MarketDepegWarning { token: &'a AccountId, discount_bps: u16, band_bps: u16 },
    /// The market is back within the band.
    #[event_version("1.0.0")]
    MarketDepegCleared { token: &'a AccountId, discount_bps: u16 },
    /// An observation could not be made (a read failed); nothing was recorded.
    #[event_version("1.0.0")]
    MarketObservationFailed { token: &'a AccountId, reason: &'a str },
    /// A timelocked change was announced; anyone may execute it from `executable_at_ns`.
    #[event_version("1.0.0")]
    ChangeAnnounced { pending: &'a crate::timelock::PendingChange },
    /// An announced change took effect (its own event follows).
    #[event_version("1.0.0")]
    ChangeExecuted { id: u64, by: &'a AccountId },
    /// An announced change was cancelled (owner or guardian).
    #[event_version("1.0.0")]
    ChangeCancelled { id: u64, by: &'a AccountId },
    /// The timelock changed.
    #[event_version("1.0.0")]
    TimelockSet { seconds: u64 },
    /// An announced change whose execution could not complete was put back (same id).
    #[event_version("1.0.0")]
    ChangeRestored { id: u64 },
    /// A target was not added: the reason in words (not whitelisted, the whitelist unreadable,
    /// the allow-list full).
    #[event_version("1.0.0")]
    TargetRefused { target: &'a AccountId, reason: &'a str },
    /// The staking-pool whitelist validator targets are checked against (`None`: no check).
    #[event_version("1.0.0")]
    PoolWhitelistSet { whitelist: Option<&'a AccountId>, by: &'a AccountId },
    /// New router code was deployed by the owner; `migrate` runs in the same batch.
    #[event_version("1.0.0")]
    RouterUpgraded { code_hash: String, by: &'a AccountId },
    /// The stored state was migrated to the current layout.
    #[event_version("1.0.0")]
    StateMigrated { from_version: u8, to_version: u8 },
}
