//! Helpers shared by the unit tests (near-sdk mocked blockchain).

use near_sdk::mock::MockAction;
use near_sdk::test_utils::{get_created_receipts, VMContextBuilder};
use near_sdk::{AccountId, Gas, NearToken, RuntimeFeesConfig};

/// The latest protocol's fees: near-sdk's mocked blockchain defaults to older, much higher
/// test fees (4.7 TGas per data receipt instead of 0.07), which no real chain charges.
pub fn protocol_fees() -> RuntimeFeesConfig {
    let store = near_parameters::RuntimeConfigStore::new(None);
    store.get_config(near_primitives_core::version::PROTOCOL_VERSION).fees.as_ref().clone()
}

/// near-sdk's `testing_env!` with [`protocol_fees`] for a single context.
macro_rules! testing_env {
    ($ctx:expr) => {
        near_sdk::testing_env!(
            $ctx,
            near_sdk::test_vm_config(),
            $crate::testing::protocol_fees(),
            Default::default(),
            Vec::new()
        )
    };
}
pub(crate) use testing_env;

use near_sdk::json_types::U128;

use crate::{PoolLeg, StakingProxy};

/// One NEAR in yoctoNEAR.
pub const ONE_NEAR: u128 = router_core::ONE_NEAR;
/// Storage the mocked proxy account uses in most tests (bytes).
pub const STORAGE_USAGE: u64 = 1_000;
/// yoctoNEAR locked for [`STORAGE_USAGE`].
pub const STORAGE_COST: u128 = STORAGE_USAGE as u128 * 10_000_000_000_000_000_000;

/// The router.
pub fn router() -> AccountId {
    "router.near".parse().unwrap()
}

/// The proxy's owner.
pub fn owner() -> AccountId {
    "owner.near".parse().unwrap()
}

/// The proxy account: `<24 hex>.<router>`.
pub fn proxy() -> AccountId {
    "0123456789abcdef01234567.router.near".parse().unwrap()
}

/// A depositor.
pub fn alice() -> AccountId {
    "alice.near".parse().unwrap()
}

/// Another depositor.
pub fn bob() -> AccountId {
    "bob.near".parse().unwrap()
}

/// Validator pool number `i`.
pub fn pool(i: usize) -> AccountId {
    format!("pool{i}.poolv1.near").parse().unwrap()
}

/// A mocked call on the proxy: `predecessor` attaches `deposit`; the proxy holds `balance`
/// (after the deposit) and uses [`STORAGE_USAGE`] bytes; 300 TGas prepaid.
pub fn context(predecessor: &AccountId, deposit: u128, balance: u128) -> VMContextBuilder {
    let mut builder = VMContextBuilder::new();
    builder
        .current_account_id(proxy())
        .signer_account_id(predecessor.clone())
        .predecessor_account_id(predecessor.clone())
        .attached_deposit(NearToken::from_yoctonear(deposit))
        .account_balance(NearToken::from_yoctonear(balance))
        .storage_usage(STORAGE_USAGE)
        .prepaid_gas(Gas::from_tgas(300));
    builder
}

/// `predecessor` calls the proxy with `deposit`; the proxy has 1 NEAR free besides it.
pub fn set_context(predecessor: &AccountId, deposit: u128) {
    testing_env!(context(predecessor, deposit, STORAGE_COST + ONE_NEAR + deposit).build());
}

/// `predecessor` calls `current` (for init checks on other accounts).
pub fn set_context_on(current: &AccountId, predecessor: &AccountId, deposit: u128) {
    testing_env!(context(predecessor, deposit, STORAGE_COST + ONE_NEAR + deposit)
        .current_account_id(current.clone())
        .build());
}

/// A callback on the proxy while its free balance (beyond storage) is `free` yoctoNEAR.
pub fn set_callback_context(free: u128) {
    testing_env!(context(&proxy(), 0, STORAGE_COST + free).build());
}

/// The owner calls the proxy with exactly 1 yoctoNEAR at epoch `epoch` (1 NEAR free besides).
pub fn set_owner_context(epoch: u64) {
    testing_env!(context(&owner(), 1, STORAGE_COST + ONE_NEAR + 1).epoch_height(epoch).build());
}

/// A callback on the proxy at epoch `epoch` while its free balance is `free` yoctoNEAR.
pub fn set_callback_context_at(free: u128, epoch: u64) {
    testing_env!(context(&proxy(), 0, STORAGE_COST + free).epoch_height(epoch).build());
}

/// A proxy with `principal` staked in each of the given pools (the router staked, the pools
/// accepted).
pub fn proxy_staked_in(pools: &[usize], principal: u128) -> StakingProxy {
    let mut proxy = new_proxy();
    let total = principal * pools.len() as u128;
    testing_env!(context(&router(), total, STORAGE_COST + ONE_NEAR + total).prepaid_gas(Gas::from_tgas(1_000)).build());
    proxy.stake(pools.iter().map(|&i| leg(i, principal)).collect(), alice());
    set_callback_context(0);
    for &i in pools {
        proxy.on_pool_staked(pool(i), U128(principal), alice(), Ok(()));
    }
    proxy
}

/// The JSON arguments of `call`, parsed.
pub fn args(call: &Call) -> near_sdk::serde_json::Value {
    near_sdk::serde_json::from_str(&call.args).unwrap()
}

/// A proxy of `owner()` initialised by `router()`.
pub fn new_proxy() -> StakingProxy {
    set_context(&router(), 0);
    StakingProxy::new(owner(), router())
}

/// Runs `f`, asserts it panics, and returns the panic message.
pub fn panic_message<F: FnOnce()>(f: F) -> String {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    let payload = result.expect_err("expected the call to panic");
    if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_string()
    } else {
        String::from("<non-string panic payload>")
    }
}

/// A function call found among the created receipts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// Index of its receipt, as the mock numbers receipts.
    pub receipt: usize,
    /// Receipts it waits for (same numbering).
    pub after: Vec<u64>,
    /// The account called.
    pub receiver: AccountId,
    /// The method name.
    pub method: String,
    /// The JSON arguments.
    pub args: String,
    /// Attached yoctoNEAR.
    pub deposit: u128,
    /// Attached static gas.
    pub gas: u64,
    /// Share of unused gas.
    pub weight: u64,
}

/// Every function call created so far in this context, in order.
pub fn calls() -> Vec<Call> {
    let mut out = Vec::new();
    // The mock numbers receipts by their position in its action log: each receipt takes one
    // slot for its creation and one per action.
    let mut receipt = 0usize;
    for r in get_created_receipts() {
        let this = receipt;
        receipt += 1 + r.actions.len();
        for action in &r.actions {
            if let MockAction::FunctionCallWeight {
                method_name, args, attached_deposit, prepaid_gas, gas_weight, ..
            } = action
            {
                out.push(Call {
                    receipt: this,
                    after: r.receipt_indices.clone(),
                    receiver: r.receiver_id.clone(),
                    method: String::from_utf8(method_name.clone()).unwrap(),
                    args: String::from_utf8(args.clone()).unwrap(),
                    deposit: attached_deposit.as_yoctonear(),
                    gas: prepaid_gas.as_gas(),
                    weight: gas_weight.0,
                });
            }
        }
    }
    out
}

/// Every (receiver, yoctoNEAR) transfer created so far in this context.
pub fn transfers() -> Vec<(AccountId, u128)> {
    let mut out = Vec::new();
    for r in get_created_receipts() {
        for action in &r.actions {
            if let MockAction::Transfer { deposit, .. } = action {
                out.push((r.receiver_id.clone(), deposit.as_yoctonear()));
            }
        }
    }
    out
}

/// A leg of `amount` yoctoNEAR to pool `i`.
pub fn leg(i: usize, amount: u128) -> PoolLeg {
    PoolLeg { pool_id: pool(i), amount: router_core::Yocto(amount) }
}

/// The router calls `stake` with the exact deposit for `legs`.
pub fn router_stakes(proxy: &mut StakingProxy, legs: Vec<PoolLeg>) -> u32 {
    let total = legs.iter().map(|l| l.amount.0).sum();
    set_context(&router(), total);
    proxy.stake(legs, alice())
}
