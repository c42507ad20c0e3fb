//! Every word the widget shows, in English, and a site's overrides for other languages.
//!
//! A site passes `strings: { "<key>": "<text>" }` in the config; keys it does not name keep the
//! English text. `{name}` placeholders are filled by the widget (see each default). The
//! planner's own refusals (below the minimum, shares that do not add up, ...) are shown as the
//! contract states them, in English, followed by a hint that these strings translate.

use std::collections::BTreeMap;

macro_rules! strings {
    ($($variant:ident $key:literal => $text:literal,)*) => {
        /// One piece of text, named by its override key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum S { $(
            #[doc = $text]
            $variant,
        )* }

        impl S {
            /// Every string, in a stable order.
            pub const ALL: &'static [S] = &[$(S::$variant,)*];

            /// The key a site uses to override this text.
            pub const fn key(self) -> &'static str {
                match self { $(S::$variant => $key,)* }
            }

            /// The English text.
            pub const fn english(self) -> &'static str {
                match self { $(S::$variant => $text,)* }
            }
        }
    };
}

strings! {
    Title "title" => "Stake NEAR",
    Account "account" => "Staking as {account}",
    AccountBalance "account_balance" => "Staking as {account} · available {balance} NEAR",
    NoWallet "no_wallet" => "Connect a wallet to stake. The preview works without one.",
    AmountLabel "amount_label" => "Amount (NEAR)",
    PresetsLabel "presets_label" => "Quick amounts",
    Preset "preset" => "{amount} NEAR",
    ProfileLegend "profile_legend" => "How to split it",
    CustomOption "custom_option" => "Custom split",
    StoredOption "stored_option" => "Your stored policy",
    StoredHint "stored_hint" => "The split this account stored on the router: {legs}.",
    CustomHint "custom_hint" => "Share per target in basis points (100 bps = 1%); they must add up to 10000.",
    CustomTotal "custom_total" => "Total: {total} of 10000 bps",
    CustomBps "custom_bps" => "{target} (bps)",
    PreviewHeading "preview_heading" => "What this deposit does",
    PreviewEmpty "preview_empty" => "Enter an amount to see the split.",
    PreviewBlocked "preview_blocked" => "No split to show yet: {reason}",
    KindDirect "kind_direct" => "Direct stake with a validator",
    KindLiquid "kind_liquid" => "Liquid staking: {protocol}",
    LegAmount "leg_amount" => "{amount} NEAR",
    LegShare "leg_share" => "{percent}% of the stakeable amount",
    RateLabel "rate_label" => "Rate: 1 {token} = {price} NEAR; you receive about {tokens} {token} (the protocol's minted amount is what you get)",
    RateLoading "rate_loading" => "Rate: loading…",
    RateUnavailable "rate_unavailable" => "Rate: unavailable right now",
    UnlockDirect "unlock_direct" => "Only you can unstake: your own staking proxy is the delegator.",
    UnlockLiquid "unlock_liquid" => "The token goes to your wallet: sell it at market price any time, or use the protocol's delayed unstake.",
    RisksLabel "risks_label" => "Details and risks",
    LegExact "leg_exact" => "Exactly {near} NEAR ({yocto} yoctoNEAR).",
    FigLoading "fig_loading" => "Yearly rate: loading…",
    FigUnavailable "fig_unavailable" => "Yearly rate unavailable: {reason}",
    FigRate "fig_rate" => "Yearly rate {rate}",
    FigFeeShort "fig_fee_short" => "fee {fee}",
    FigFeeUnknownShort "fig_fee_unknown_short" => "fee unavailable",
    FigProtocolFeeShort "fig_protocol_fee_short" => "protocol fee {fee}",
    FigProtocolFeeUnknownShort "fig_protocol_fee_unknown_short" => "protocol fee unavailable",
    FigUptimeShort "fig_uptime_short" => "uptime {uptime}",
    FigValidatingShort "fig_validating_short" => "validating",
    FigProposedShort "fig_proposed_short" => "not validating yet",
    FigKickedShort "fig_kicked_short" => "kicked out",
    FigNotValidatingShort "fig_not_validating_short" => "not validating",
    FigUptimeUnknown "fig_uptime_unknown" => "not known yet",
    FigSourcePrice "fig_source_price" => "Yearly rate: the token's price growth between blocks {from} and {to} ({days} days), as a simple yearly rate (not compounded).",
    FigSourceOwn "fig_source_own" => "Yearly rate: your own stake's growth in this pool between blocks {from} and {to} ({days} days), as a simple yearly rate (not compounded).",
    FigSourceProtocol "fig_source_protocol" => "Yearly rate: the protocol's reward figures (no stake of yours here to measure): {inflation} yearly inflation, {treasury} of it to the treasury, {staked} of the supply staked, this validator's uptime {uptime} (full rewards from {max}, none below {min}), less the pool's fee.",
    FigShortened "fig_shortened" => "The node keeps fewer than the {epochs} epochs asked for, so the window is shorter.",
    FigPoolFee "fig_pool_fee" => "Fee: {fee} of the rewards (the pool's get_reward_fee_fraction).",
    FigPoolFeeMissing "fig_pool_fee_missing" => "Fee unavailable: {reason}",
    FigProtocolFee "fig_protocol_fee" => "Protocol fee: {fee} of the rewards (its {view}); the price growth is already net of it.",
    FigProtocolFeeMissing "fig_protocol_fee_missing" => "Protocol fee unavailable ({view}): {reason}",
    FigProtocolFeeLoading "fig_protocol_fee_loading" => "Protocol fee: loading…",
    FigHealthActive "fig_health_active" => "Health: validating; this epoch it produced {blocks_p} of {blocks_e} expected blocks and {chunks_p} of {chunks_e} expected chunks so far (uptime {uptime}); it holds {share} of the network's stake.",
    FigHealthProposed "fig_health_proposed" => "Health: proposed for a coming epoch, not validating now; it earns nothing until it is.",
    FigHealthKicked "fig_health_kicked" => "Health: kicked out of the validator set ({reason}); it earns nothing now.",
    FigHealthLeaving "fig_health_leaving" => "It was kicked out of the next epoch's set ({reason}).",
    FigHealthNot "fig_health_not" => "Health: not validating; it earns nothing now.",
    FigRouterStatus "fig_router_status" => "The router lists it as {status}.",
    FigUnlockDirect "fig_unlock_direct" => "Unstaking takes {epochs} epochs.",
    FigUnlockDirectTimed "fig_unlock_direct_timed" => "Unstaking takes {epochs} epochs, {time} ({length}-block epochs at about {block} s per block).",
    FigUnlockLiquid "fig_unlock_liquid" => "Its delayed unstake takes {epochs} epochs.",
    FigUnlockLiquidTimed "fig_unlock_liquid_timed" => "Its delayed unstake takes {epochs} epochs, {time} ({length}-block epochs at about {block} s per block).",
    FigBlended "fig_blended" => "Expected yearly rate of this deposit: {rate}",
    FigBlendedHow "fig_blended_how" => "The legs' rates blended by their amounts: a simple yearly rate (not compounded), measured over the recent past, not promised. Each leg's details say where its figures come from.",
    FigBlendedMissing "fig_blended_missing" => "Left out of the blend for lack of a rate: {count} of {total} legs.",
    FigBlendedNone "fig_blended_none" => "No yearly rate for this deposit: none of its legs has one (see each leg).",
    FigBlendedLoading "fig_blended_loading" => "Expected yearly rate: reading the chain's figures…",
    ProfileRate "profile_rate" => "Recent yearly rate of this split: {rate}",
    ProfileRatePartial "profile_rate_partial" => "Recent yearly rate of this split: {rate} ({count} of {total} legs have no rate and are left out)",
    ProfileRateNone "profile_rate_none" => "No yearly rate for this split: none of its legs has one.",
    FigFailed "fig_failed" => "Yearly rates, fees and validator health unavailable: {reason}",
    RiskDirect "risk_direct" => "Smart-contract risk: the validator's staking pool and your immutable proxy. Validator concentration: this whole leg depends on one validator's uptime and commission. No token, so no depeg.",
    RiskLiquid "risk_liquid" => "Smart-contract risk: the protocol's own contracts on top of the pools. Depeg and liquidity risk: the token can trade below its redemption value and selling it depends on DeFi liquidity. The protocol spreads stake over its validators.",
    FoldedHeading "folded_heading" => "Left out of this deposit",
    FoldedBelowMin "folded_below_min" => "{target}: would have received {amount} NEAR, below its minimum leg size of {minimum} NEAR; its share went to the other legs.",
    FoldedCeiling "folded_ceiling" => "{target}: has reached the most the router sends it; its share of {amount} NEAR went to the other legs.",
    FoldedConcentration "folded_concentration" => "{target}: holds {share}% of the network's stake, above this profile's limit of {limit}%; its share of {amount} NEAR went to the other legs.",
    FoldedDepeg "folded_depeg" => "{target}: its last minted price was outside its depeg band, and this profile skips such tokens; its share of {amount} NEAR went to the other legs.",
    SplitChanged "split_changed" => "{split} is {intended}, but {why} left {count} out, so this deposit goes {actual}.",
    SplitOfProfile "split_of_profile" => "The {profile} profile's split",
    SplitCustom "split_custom" => "Your split",
    SharesByKind "shares_by_kind" => "{direct}% direct and {liquid}% liquid",
    ShareOfTarget "share_of_target" => "{percent}% to {target}",
    LegsLeftOut "legs_left_out" => "{count} of its {total} legs",
    WhyMinimum "why_minimum" => "the legs' minimum sizes",
    WhyCeiling "why_ceiling" => "the targets' ceilings",
    WhyConcentration "why_concentration" => "its concentration guard",
    WhyDepeg "why_depeg" => "its depeg guard",
    GuardsLoading "guards_loading" => "Reading this profile's guards…",
    GuardsFailedOptions "guards_failed_options" => "Could not read this profile's guards from the router ({error}), so the preview cannot show what the router would do.",
    GuardsFailedValidators "guards_failed_validators" => "This profile leaves out validators holding too much of the network's stake, but the RPC did not return the validators' stakes ({error}), so the preview cannot show what the router would do.",
    GuardsFailedBands "guards_failed_bands" => "This profile skips liquid tokens outside their depeg band, but the router's depeg bands could not be read ({error}), so the preview cannot show what the router would do.",
    CostsHeading "costs_heading" => "One-off costs",
    CostProxy "cost_proxy" => "First direct deposit: {storage} NEAR pays the storage of your own staking proxy {proxy} (it stays in the proxy, yours) and {record} NEAR the router's record of it. Creating the account also costs {creation} NEAR, charged through gas.",
    CostReserves "cost_reserves" => "Held for delivering the liquid tokens (registering you with each token, or a claimable record): {amount} NEAR; the unused part is refunded.",
    CostNone "cost_none" => "No one-off costs.",
    Totals "totals" => "Direct: {direct} NEAR · Liquid: {liquid} NEAR · Costs: {costs} NEAR",
    Gas "gas" => "Gas: {tgas} TGas prepaid ({gas} gas); unused gas is refunded.",
    GasAboveWallet "gas_above_wallet" => "That is more than the {limit} TGas many wallets and DAO apps attach: if yours refuses, choose a split with fewer legs.",
    StakeButton "stake_button" => "Stake {amount} NEAR",
    StakeButtonIdle "stake_button_idle" => "Stake",
    Loading "loading" => "Loading the router's targets and profiles…",
    Retrying "retrying" => "Cannot reach {rpc} ({error}). Retrying in {seconds} s (attempt {attempt} of {attempts}).",
    LoadFailed "load_failed" => "Could not load the router from {rpc}: {error}",
    RetryButton "retry_button" => "Try again",
    Ready "ready" => "Ready.",
    Pending "pending" => "Confirm the deposit in your wallet…",
    Success "success" => "Deposit sent. Transaction {hash}.",
    DoneAll "done_all" => "Deposit done: all {count} parts are staked. Transaction {hash}.",
    DonePartial "done_partial" => "Deposit partly done: {staked} of {count} parts staked, {refused} NEAR refused and refunded. Transaction {hash}.",
    DoneNone "done_none" => "Nothing was staked: every part was refused and {refused} NEAR refunded. Transaction {hash}.",
    DoneUnread "done_unread" => "Deposit sent, but its outcome could not be read: check your position below. Transaction {hash}.",
    DoneOwed "done_owed" => "{amount} NEAR of the refunds could not be sent yet and is owed to you: anyone can release it with release_refund.",
    LegStaked "leg_staked" => "{target}: {amount} NEAR staked with the validator.",
    LegDelivered "leg_delivered" => "{target}: {amount} NEAR staked; {tokens} tokens sent to your wallet.",
    LegClaimable "leg_claimable" => "{target}: {amount} NEAR staked; the {tokens} tokens could not be sent to you and wait in the router: claim them below.",
    LegMinted "leg_minted" => "{target}: {amount} NEAR staked; its {tokens} tokens are on their way.",
    LegUnverified "leg_unverified" => "{target}: {amount} NEAR taken by the protocol, whose answer could not be read: the router holds the tokens until its owner checks them.",
    LegRefunded "leg_refunded" => "{target}: refused; {amount} NEAR sent back to you.",
    LegRefundOwed "leg_refund_owed" => "{target}: refused; {amount} NEAR owed back to you.",
    LegUnknown "leg_unknown" => "{target}: {amount} NEAR: not settled in the transaction read.",
    SuccessNoHash "success_no_hash" => "Deposit sent to your wallet.",
    Rejected "rejected" => "You cancelled in your wallet; nothing was sent.",
    Failed "failed" => "The deposit was not sent: {error}",
    TxFailed "tx_failed" => "The transaction failed on chain: {error}. Any attached NEAR is refunded.",
    FailGas "fail_gas" => "it ran out of gas",
    FailNoMethod "fail_no_method" => "the contract has no method of that name",
    FailNoContract "fail_no_contract" => "{account} has no contract",
    FailNoAccount "fail_no_account" => "the account {account} does not exist",
    FailNotEnoughBalance "fail_not_enough_balance" => "{account} has {balance} NEAR, less than the {cost} NEAR this transaction needs (attached NEAR and gas)",
    FailLackForState "fail_lack_for_state" => "{account} would need {amount} NEAR more to keep paying for its storage",
    FailOther "fail_other" => "the chain refused it ({what})",
    ErrEmpty "err_empty" => "Enter an amount.",
    ErrNotANumber "err_not_a_number" => "Use digits and at most one decimal point, e.g. 12.5.",
    ErrTooManyDecimals "err_too_many_decimals" => "NEAR has at most 24 decimal places.",
    ErrTooLarge "err_too_large" => "That amount is too large.",
    ErrZero "err_zero" => "Enter an amount above zero.",
    ErrAboveBalance "err_above_balance" => "That is more than you can stake now: {balance} NEAR (your balance less what its storage needs and the gas this deposit pays up front; unused gas is refunded).",
    MaxButton "max_button" => "Max",
    MaxTitle "max_title" => "Stake the most you can: {amount} NEAR (your balance less its storage and this deposit's gas)",
    ErrBps "err_bps" => "Use whole basis points from 0 to 10000 for {target}.",
    ErrPaused "err_paused" => "Deposits are paused on this router right now.",
    ErrNoProxyCode "err_no_proxy_code" => "This router cannot create staking proxies yet, so it cannot take a first direct deposit.",
    ErrBeneficiary "err_beneficiary" => "The router does not take deposits for {account}.",
    ErrNoProfile "err_no_profile" => "The profile {profile} does not exist on this router.",
    ErrNotConnected "err_not_connected" => "Connect a wallet to stake.",
    DaoAccount "dao_account" => "Writing proposals for the DAO {account}",
    DaoAccountBalance "dao_account_balance" => "Writing proposals for the DAO {account} · treasury available {balance} NEAR",
    ProposeButton "propose_button" => "Write the proposal for {amount} NEAR",
    ProposeButtonIdle "propose_button_idle" => "Write the proposal",
    ProposalReady "proposal_ready" => "Proposal for {dao} written below: a member submits it (add_proposal) with the DAO's {bond} NEAR bond; the vote that approves it needs about {tgas} TGas.",
    ProposalReadyDefaultBond "proposal_ready_default_bond" => "Proposal for {dao} written below: a member submits it (add_proposal) with a bond of {bond} NEAR (Sputnik's default: the DAO's policy could not be read); the vote that approves it needs about {tgas} TGas.",
    ProposalAboveWallet "proposal_above_wallet" => "That is more than the {limit} TGas many DAO apps attach to a vote: approve it with a tool that attaches more, or choose a split with fewer legs.",
    ProposalHeading "proposal_heading" => "The proposal",
    ProposalHeadingOf "proposal_heading_of" => "Proposal {n} of {count}",
    ProposalJsonLabel "proposal_json_label" => "add_proposal arguments (JSON), for a DAO app:",
    ProposalCliLabel "proposal_cli_label" => "Or with near-cli-rs (replace MEMBER_ACCOUNT and NETWORK):",
    PosProposed "pos_proposed" => "{action}: written below as {count} proposal(s) for {dao}, to be submitted and approved in order; a member submits each with a {bond} NEAR bond.",
    HintMinimum "hint_minimum" => "Deposit at least {amount} NEAR.",
    SplitMinimum "split_minimum" => "This split needs at least {amount} NEAR.",
    PresetBelowMinimum "preset_below_minimum" => "Below this split's minimum of {amount} NEAR",
    HintCosts "hint_costs" => "The one-off costs are {amount} NEAR.",
    PosHeading "pos_heading" => "Your position",
    PosLoading "pos_loading" => "Loading your position…",
    PosFailed "pos_failed" => "Could not load your position: {error}",
    PosEmpty "pos_empty" => "Nothing staked through this router yet.",
    PosPoolsHeading "pos_pools_heading" => "Direct stake",
    PosLiquidHeading "pos_liquid_heading" => "Liquid staking tokens",
    PosTotalsHeading "pos_totals_heading" => "Totals",
    PosStaked "pos_staked" => "Staked: {amount} NEAR",
    PosUnstaked "pos_unstaked" => "Unstaked: {amount} NEAR",
    PosWithdrawableNow "pos_withdrawable_now" => "Can be withdrawn now.",
    PosWithdrawableFrom "pos_withdrawable_from" => "Can be withdrawn from epoch {epoch} (now {current}).",
    PosRewards "pos_rewards" => "Rewards: {amount} NEAR",
    PosLoss "pos_loss" => "Loss: {amount} NEAR (the pool reports {value} NEAR of the {recorded} NEAR put in)",
    PosLossRounding "pos_loss_rounding" => "{amount} NEAR below the records: share rounding, not a loss.",
    PosInFlight "pos_in_flight" => "On its way to the pool: {amount} NEAR",
    PosMoving "pos_moving" => "Moving to {pool} ({amount} NEAR held for the move).",
    PosRetired "pos_retired" => "This validator is retiring: move your stake.",
    PosAmountLabel "pos_amount_label" => "Amount to unstake or move (NEAR; empty = all)",
    PosAmountPlaceholder "pos_amount_placeholder" => "all",
    PosTimerWarning "pos_timer_warning" => "An earlier unstake here is not withdrawn yet. The pool keeps one unstaked balance and restarts its timer on every unstake: all of it would then unlock at epoch {epoch}.",
    PosTimerWarningNoEpoch "pos_timer_warning_no_epoch" => "An earlier unstake here is not withdrawn yet. The pool keeps one unstaked balance and restarts its timer on every unstake: all of it would then unlock about 4 epochs from now.",
    PosTimerConfirm "pos_timer_confirm" => "I understand: restart the timer",
    PosTimerNeedsConfirm "pos_timer_needs_confirm" => "Confirm the timer reset first (the checkbox above the buttons).",
    PosUnstake "pos_unstake" => "Unstake",
    PosWithdraw "pos_withdraw" => "Withdraw",
    PosWithdrawHint "pos_withdraw_hint" => "Withdraw is possible once the pool unlocks the unstaked NEAR.",
    PosMoveLabel "pos_move_label" => "Move to",
    PosMove "pos_move" => "Move",
    PosNoMoveTarget "pos_no_move_target" => "No other validator takes stake right now.",
    PosFinishMove "pos_finish_move" => "Finish move",
    PosBalance "pos_balance" => "In your wallet: {amount} {token}",
    PosClaimable "pos_claimable" => "Claimable from the router: {amount} {token}",
    PosValue "pos_value" => "Worth {amount} NEAR",
    PosValueUnknown "pos_value_unknown" => "Value unknown (no price)",
    PosClaim "pos_claim" => "Claim {token}",
    PosRegisterFirst "pos_register_first" => "Register with {token} first (its storage_deposit), or the transfer fails and the claim is kept.",
    PosTotalStaked "pos_total_staked" => "Staked: {amount} NEAR",
    PosTotalUnstaked "pos_total_unstaked" => "Unstaked: {amount} NEAR ({now} NEAR withdrawable now)",
    PosTotalRewards "pos_total_rewards" => "Rewards: {amount} NEAR",
    PosTotalLoss "pos_total_loss" => "Loss: {amount} NEAR",
    PosNetGain "pos_net_gain" => "Net: +{amount} NEAR against the principal of {principal} NEAR",
    PosNetLoss "pos_net_loss" => "Net: -{amount} NEAR against the principal of {principal} NEAR",
    PosTotalLiquid "pos_total_liquid" => "Liquid tokens: {amount} NEAR",
    PosTotal "pos_total" => "Total: {amount} NEAR",
    PosPending "pos_pending" => "Confirm in your wallet…",
    PosSent "pos_sent" => "{action} sent. Transaction {hash}.",
    PosSentNoHash "pos_sent_no_hash" => "{action} sent to your wallet.",
    PosFailedTx "pos_failed_tx" => "{action} was not sent: {error}",
    PosBadAmount "pos_bad_amount" => "Amount: {error}",
    PosConfirmAll "pos_confirm_all" => "Nothing sent: with no amount this takes all {amount} NEAR in {pool}. Press {button} again to confirm, or type an amount.",
    PosWithdrawableFromWait "pos_withdrawable_from_wait" => "Can be withdrawn from epoch {epoch} (now {current}; {wait}).",
    PosUnstakeUnlock "pos_unstake_unlock" => "An unstake now unlocks at epoch {epoch} ({wait}).",
    ExitSlippageLabel "exit_slippage_label" => "Slippage accepted by instant exits",
    ExitAmountLabel "exit_amount_label" => "Amount of {token} to exit (empty = all {amount})",
    ExitAboveBalance "exit_above_balance" => "That is more than the {amount} you hold.",
    ExitNoPrice "exit_no_price" => "No exit quote: the protocol's rate could not be read.",
    ExitLoading "exit_loading" => "Asking for quotes…",
    ExitDelayedTitle "exit_delayed_title" => "Unstake through {protocol} (delayed)",
    ExitDelayedGet "exit_delayed_get" => "You get {amount} NEAR · no fee",
    ExitDelayedWhen "exit_delayed_when" => "Withdraw from epoch {epoch} ({wait}); at the latest epoch {latest} ({latest_wait}).",
    ExitDelayedWhenNoClock "exit_delayed_when_no_clock" => "Withdraw from epoch {epoch}; at the latest epoch {latest}.",
    ExitDelayedButton "exit_delayed_button" => "Unstake {amount} {token}",
    ExitInstantProtocol "exit_instant_protocol" => "Sell now to {protocol}'s own pool (instant)",
    ExitInstantExchange "exit_instant_exchange" => "Sell now on {exchange}, pool {pool} (instant)",
    ExitInstantGet "exit_instant_get" => "You get {amount} NEAR now · fee and price impact {cost} NEAR ({percent})",
    ExitInstantMin "exit_instant_min" => "At least {min} NEAR with {slippage} slippage, or nothing is sold.",
    ExitInstantSteps "exit_instant_steps" => "Your wallet signs {count} transactions: {steps}.",
    ExitStepRegister "exit_step_register" => "register on wNEAR",
    ExitStepSwap "exit_step_swap" => "swap to wNEAR",
    ExitStepUnwrap "exit_step_unwrap" => "unwrap to NEAR",
    ExitInstantButton "exit_instant_button" => "Sell now",
    ExitMarket "exit_market" => "Market: one token sells for {percent} below {protocol}'s rate on the exchange (band {band}).",
    ExitDepegged "exit_depegged" => "Depegged: one token sells for {percent} below {protocol}'s rate on the exchange, beyond the {band} band. Selling now costs more than usual; the delayed exit pays the full rate.",
    ExitNoQuote "exit_no_quote" => "{venue} gave no quote for this amount.",
    ExitNoInstant "exit_no_instant" => "No instant exit: no venue quoted.",
    ExitStep "exit_step" => "{action} (step {step} of {steps})",
    ExitSwapRefused "exit_swap_refused" => "the exchange did not swap ({reason}); your tokens were returned",
    ExitReceived "exit_received" => "{amount} NEAR received.",
    PendingHeading "pending_heading" => "Unstaking from liquid staking",
    PendingAmount "pending_amount" => "{protocol}: {amount} NEAR unstaked",
    PendingReady "pending_ready" => "Ready to withdraw.",
    PendingWithdraw "pending_withdraw" => "Withdraw {amount} NEAR",
    PosNotConnected "pos_not_connected" => "Connect the wallet of this account first.",
}

/// The strings in force: English with a site's overrides.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Strings {
    overrides: BTreeMap<String, String>,
}

impl Strings {
    /// English with `overrides` (key -> text); unknown keys are kept but never shown.
    pub fn new(overrides: BTreeMap<String, String>) -> Self {
        Strings { overrides }
    }

    /// The text of `s`.
    pub fn get(&self, s: S) -> &str {
        self.overrides.get(s.key()).map(String::as_str).unwrap_or(s.english())
    }

    /// The text of `s` with each `{name}` replaced by its value.
    pub fn fill(&self, s: S, values: &[(&str, &str)]) -> String {
        fill(self.get(s), values)
    }
}

/// Replaces each `{name}` in `template` by its value; other braces stay as they are.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_overrides_win() {
        let mut keys: Vec<&str> = S::ALL.iter().map(|s| s.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), S::ALL.len());
        let s = Strings::new([("title".to_string(), "NEAR staken".to_string())].into());
        assert_eq!(s.get(S::Title), "NEAR staken");
        assert_eq!(s.fill(S::StakeButton, &[("amount", "1.5")]), "Stake 1.5 NEAR");
    }
}
