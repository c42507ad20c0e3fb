//! The list of scenarios, kept once: [`scenario_tests!`](crate::scenario_tests) makes one test
//! per scenario on a backend, so a failure names its scenario. Each test starts from a fresh
//! chain and a fresh [`harness::fixture::deploy`]; scenarios share no state.

/// Declares one `#[tokio::test]` per scenario. `$setup` is an async expression giving
/// `(backend, guard)`: the backend the scenario runs on and whatever must stay alive while it
/// runs (a devnet's handle, or `()`). Attributes given after it (e.g. `#[ignore = ".."]`) go
/// on every test.
///
/// ```ignore
/// scenarios::scenario_tests!(async { (harness::chain_backend::ChainBackend::new(), ()) });
/// ```
#[macro_export]
macro_rules! scenario_tests {
    ($setup:expr $(, #[$attr:meta])* $(,)?) => {
        $crate::scenario_tests!(@each [$(#[$attr])*] $setup;
            deposits_per_profile => $crate::scenarios::deposits_per_profile,
            explicit_and_dao_policies => $crate::scenarios::explicit_and_dao_policies,
            one_leg_failing => $crate::scenarios::one_leg_failing,
            every_leg_failing => $crate::scenarios::every_leg_failing,
            delivery_failing_then_claim => $crate::scenarios::delivery_failing_then_claim,
            lst_mints_less_than_quoted => $crate::scenarios::lst_mints_less_than_quoted,
            paused_router_and_target => $crate::scenarios::paused_router_and_target,
            gas_at_the_limit => $crate::scenarios::gas_at_the_limit,
            exits_across_epochs => $crate::scenarios::exits_across_epochs,
            move_across_epochs => $crate::scenarios::move_across_epochs,
            proxy_creation_failing => $crate::scenarios::proxy_creation_failing,
            deposit_fee_to_treasury => $crate::lifecycle::deposit_fee_to_treasury,
            concentration_guard => $crate::lifecycle::concentration_guard,
            depeg_guard => $crate::lifecycle::depeg_guard,
            retired_target_is_flagged => $crate::lifecycle::retired_target_is_flagged,
            upgrade_keeps_users_whole => $crate::lifecycle::upgrade_keeps_users_whole,
            fee_to_a_missing_treasury => $crate::bounces::fee_to_a_missing_treasury,
            refunds_to_a_vanished_depositor => $crate::bounces::refunds_to_a_vanished_depositor,
            withdrawal_to_a_vanished_owner => $crate::bounces::withdrawal_to_a_vanished_owner,
            a_lying_pool_moves_no_one_elses_near => $crate::bounces::a_lying_pool_moves_no_one_elses_near,
            pool_loss_in_the_position => $crate::pool_loss::pool_loss_in_the_position,
            chain_rewards_reach_the_owner => $crate::rewards::chain_rewards_reach_the_owner,
            chain_rewards_move_with_the_stake => $crate::rewards::chain_rewards_move_with_the_stake,
            dao_routes_by_profile => $crate::dao::dao_routes_by_profile,
            dao_routes_by_its_stored_policy => $crate::dao::dao_routes_by_its_stored_policy,
            dao_proposal_failing_keeps_the_treasury => $crate::dao::dao_proposal_failing_keeps_the_treasury,
            dao_exit_refused_by_the_pool_fails_the_proposal => $crate::dao::dao_exit_refused_by_the_pool_fails_the_proposal,
            market_depeg_leaves_the_token_out_until_it_recovers => $crate::market::market_depeg_leaves_the_token_out_until_it_recovers,
            timelocked_changes_wait_and_can_be_cancelled => $crate::timelock::timelocked_changes_wait_and_can_be_cancelled,
            validator_targets_pass_the_pool_whitelist => $crate::whitelist::validator_targets_pass_the_pool_whitelist,
            linear_delayed_exit => $crate::liquid_exits::linear_delayed_exit,
            meta_pool_delayed_exit_resets_on_a_new_unstake => $crate::liquid_exits::meta_pool_delayed_exit_resets_on_a_new_unstake,
            meta_pool_liquid_unstake => $crate::liquid_exits::meta_pool_liquid_unstake,
            dex_swap_to_wnear_and_unwrap => $crate::liquid_exits::dex_swap_to_wnear_and_unwrap,
            resolve_unverified_is_bounded_by_what_the_router_holds => $crate::unverified::resolve_unverified_is_bounded_by_what_the_router_holds,
            a_target_reporting_more_than_it_minted_pays_out_no_one_elses_tokens => $crate::unverified::a_target_reporting_more_than_it_minted_pays_out_no_one_elses_tokens,
        );
    };
    (@each $attrs:tt $setup:expr; $($name:ident => $scenario:path),* $(,)?) => {
        $( $crate::scenario_tests!(@one $attrs $setup; $name => $scenario); )*
    };
    (@one [$(#[$attr:meta])*] $setup:expr; $name:ident => $scenario:path) => {
        $(#[$attr])*
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            let (mut backend, _guard) = $setup.await;
            let fixture = $crate::harness::fixture::deploy(&mut backend).await;
            $scenario(&mut backend, &fixture).await;
        }
    };
}
