//! Fees, transaction cost, gas distribution by weight and refunds, as nearcore computes them
//! (`runtime/runtime/src/config.rs`: `total_send_fees`, `exec_fee`, `calculate_tx_cost`;
//! `receipt_manager.rs`: `distribute_gas`; `lib.rs`: `refund_unspent_gas_and_deposits`).
//!
//! Fees of receipts a contract creates are charged by the VM itself (`pay_gas_for_new_receipt`
//! and the `promise_batch_action_*` host functions charge the send fee as burnt gas and the
//! execution fee as used gas). The runtime charges the transaction's send fees at conversion
//! and every receipt's execution fees when it runs.

use crate::action::{total_deposit, total_prepaid_gas, Action};
use near_parameters::{transfer_exec_fee, transfer_send_fee, ActionCosts, RuntimeConfig};
use near_primitives_core::types::{AccountId, Balance, Gas};

/// `a + b`; gas never gets near `u64::MAX` here.
pub(crate) fn add(a: Gas, b: Gas) -> Gas {
    a.checked_add(b).expect("gas overflow")
}

/// `price * gas`.
pub(crate) fn to_balance(price: Balance, gas: Gas) -> Balance {
    price.checked_mul(u128::from(gas.as_gas())).expect("balance overflow")
}

fn fee_gas(config: &RuntimeConfig, cost: ActionCosts, send: Option<bool>) -> Gas {
    let fee = config.fees.fee(cost);
    match send {
        Some(sir) => fee.send_fee(sir).gas,
        None => fee.exec_fee().gas,
    }
}

fn base_and_bytes(config: &RuntimeConfig, base: ActionCosts, byte: ActionCosts, bytes: u64, send: Option<bool>) -> Gas {
    let per_byte = fee_gas(config, byte, send).checked_mul(bytes).expect("gas overflow");
    add(fee_gas(config, base, send), per_byte)
}

/// Send fee (`send: Some(sender_is_receiver)`) or execution fee (`send: None`) of one action.
fn action_fee(config: &RuntimeConfig, action: &Action, receiver: &AccountId, send: Option<bool>) -> Gas {
    use ActionCosts as C;
    match action {
        Action::CreateAccount => fee_gas(config, C::create_account, send),
        Action::DeployContract { code } => {
            base_and_bytes(config, C::deploy_contract_base, C::deploy_contract_byte, code.len() as u64, send)
        }
        Action::DeployGlobalContract { code } => base_and_bytes(
            config,
            C::deploy_global_contract_base,
            C::deploy_global_contract_byte,
            code.len() as u64,
            send,
        ),
        // A code-hash identifier is 32 bytes long.
        Action::UseGlobalContract { .. } => {
            base_and_bytes(config, C::use_global_contract_base, C::use_global_contract_byte, 32, send)
        }
        Action::FunctionCall { method, args, .. } => base_and_bytes(
            config,
            C::function_call_base,
            C::function_call_byte,
            (method.len() + args.len()) as u64,
            send,
        ),
        Action::Transfer { .. } => {
            let wasm = &config.wasm_config;
            let kind = receiver.get_account_type();
            let cost = match send {
                Some(sir) => {
                    transfer_send_fee(&config.fees, sir, wasm.eth_implicit_accounts, wasm.universal_accounts, kind)
                }
                None => transfer_exec_fee(&config.fees, wasm.eth_implicit_accounts, wasm.universal_accounts, kind),
            };
            cost.gas
        }
        Action::Stake { .. } => fee_gas(config, C::stake, send),
        Action::AddKey { access_key, .. } => match access_key.permission.function_call_permission() {
            // Each method name counts with a terminating byte.
            Some(permission) => {
                let bytes = permission.method_names.iter().map(|m| m.len() as u64 + 1).sum();
                base_and_bytes(config, C::add_function_call_key_base, C::add_function_call_key_byte, bytes, send)
            }
            None => fee_gas(config, C::add_full_access_key, send),
        },
        Action::DeleteKey { .. } => fee_gas(config, C::delete_key, send),
        Action::DeleteAccount { .. } => fee_gas(config, C::delete_account, send),
        Action::Unsupported(_) => Gas::ZERO,
    }
}

/// Gas burnt to send `actions` to `receiver` (not counting the receipt itself).
pub(crate) fn total_send_fees(config: &RuntimeConfig, sir: bool, actions: &[Action], receiver: &AccountId) -> Gas {
    actions.iter().fold(Gas::ZERO, |acc, a| add(acc, action_fee(config, a, receiver, Some(sir))))
}

/// Execution fee of one action (burnt when the receipt runs it).
pub(crate) fn exec_fee(config: &RuntimeConfig, action: &Action, receiver: &AccountId) -> Gas {
    action_fee(config, action, receiver, None)
}

/// Execution fees of all actions plus the receipt's own execution fee.
pub(crate) fn total_exec_fees(config: &RuntimeConfig, actions: &[Action], receiver: &AccountId) -> Gas {
    let receipt = fee_gas(config, ActionCosts::new_action_receipt, None);
    actions.iter().fold(receipt, |acc, a| add(acc, exec_fee(config, a, receiver)))
}

/// The action receipt's own execution fee.
pub(crate) fn receipt_exec_fee(config: &RuntimeConfig) -> Gas {
    fee_gas(config, ActionCosts::new_action_receipt, None)
}

/// What converting a transaction into its receipt costs the signer.
#[derive(Clone, Debug)]
pub(crate) struct TxCost {
    /// Gas burnt at conversion: the receipt's and the actions' send fees.
    pub gas_burnt: Gas,
    /// Gas bought for the receipt: attached gas plus all execution fees.
    pub gas_remaining: Gas,
    /// Price the remaining gas is bought at: `max(gas_price, min_gas_purchase_price)`.
    pub receipt_gas_price: Balance,
    /// `gas_burnt * gas_price`.
    pub burnt_amount: Balance,
    /// Everything taken from the signer: burnt amount, bought gas and deposits.
    pub total_cost: Balance,
}

/// nearcore's `calculate_tx_cost` (ed25519 signer: no extra signature-verification fee).
pub(crate) fn tx_cost(
    config: &RuntimeConfig,
    signer: &AccountId,
    receiver: &AccountId,
    actions: &[Action],
    gas_price: Balance,
) -> TxCost {
    let sir = signer == receiver;
    let receipt_send = fee_gas(config, ActionCosts::new_action_receipt, Some(sir));
    let gas_burnt = add(receipt_send, total_send_fees(config, sir, actions, receiver));
    let gas_remaining = add(total_prepaid_gas(actions), total_exec_fees(config, actions, receiver));
    let burnt_amount = to_balance(gas_price, gas_burnt);
    let receipt_gas_price = std::cmp::max(gas_price, config.min_gas_purchase_price);
    let total_cost = burnt_amount
        .checked_add(to_balance(receipt_gas_price, gas_remaining))
        .and_then(|b| b.checked_add(total_deposit(actions)))
        .expect("balance overflow");
    TxCost { gas_burnt, gas_remaining, receipt_gas_price, burnt_amount, total_cost }
}

/// Splits `unused` over `weights` as nearcore's `distribute_gas`: each gets
/// `unused * weight / sum` (floor) and the last one also gets the remainder.
pub(crate) fn split_by_weight(unused: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
    if sum == 0 || unused == 0 {
        return vec![0; weights.len()];
    }
    let mut shares: Vec<u64> = weights.iter().map(|w| (u128::from(unused) * u128::from(*w) / sum) as u64).collect();
    let given: u64 = shares.iter().sum();
    if let Some(last) = shares.last_mut() {
        *last += unused - given;
    }
    shares
}

/// The money side of a finished action receipt.
#[derive(Clone, Debug, Default)]
pub(crate) struct Settlement {
    /// Refunded to the signer: unused gas at the purchase price plus the price surplus on the
    /// burnt gas, less the refund penalty and the account-creation charge.
    pub gas_refund: Balance,
    /// Refunded to the predecessor (or its `refund_to`): the deposits, if the receipt failed.
    pub deposit_refund: Balance,
    /// Burnt by this receipt: burnt gas at the burn price, penalty, account-creation charge.
    pub tokens_burnt: Balance,
}

/// Inputs of [`settle`].
pub(crate) struct SettleInput<'a> {
    pub config: &'a RuntimeConfig,
    pub actions: &'a [Action],
    pub receiver: &'a AccountId,
    pub failed: bool,
    pub gas_burnt: Gas,
    pub gas_used: Gas,
    pub purchase_price: Balance,
    pub block_gas_price: Balance,
    pub created_account: bool,
}

/// nearcore's `refund_unspent_gas_and_deposits` with protocol 85's `AccountCostIncrease`:
/// gas is burnt at `min(purchase price, block price)`, the surplus comes back, and a created
/// account costs `account_creation_charge` in all (taken out of that surplus).
pub(crate) fn settle(input: SettleInput<'_>) -> Settlement {
    let SettleInput { config, actions, receiver, failed, gas_burnt, gas_used, .. } = input;
    let prepaid = add(total_prepaid_gas(actions), total_exec_fees(config, actions, receiver));
    let spent = if failed { gas_burnt } else { gas_used };
    let gross = prepaid.checked_sub(spent).expect("receipt spent more gas than it had");
    let penalty = config.fees.gas_penalty_for_gas_refund(gross);
    let purchase = input.purchase_price;
    let burn = std::cmp::min(purchase, input.block_gas_price);
    let penalty_amount = to_balance(burn, penalty);
    let unused_refund = to_balance(purchase, gross).saturating_sub(penalty_amount);
    let mut surplus = to_balance(purchase.saturating_sub(burn), gas_burnt);
    let mut create_charge = Balance::ZERO;
    if input.created_account && !failed {
        let create_gas = fee_gas(config, ActionCosts::create_account, None);
        let wanted = config.account_creation_charge.saturating_sub(to_balance(burn, create_gas));
        create_charge = std::cmp::min(wanted, surplus);
        surplus = surplus.saturating_sub(create_charge);
    }
    let tokens_burnt = to_balance(burn, gas_burnt).saturating_add(penalty_amount).saturating_add(create_charge);
    Settlement {
        gas_refund: unused_refund.saturating_add(surplus),
        deposit_refund: if failed { total_deposit(actions) } else { Balance::ZERO },
        tokens_burnt,
    }
}

#[cfg(test)]
mod tests {
    use super::split_by_weight;

    #[test]
    fn splits_like_nearcore() {
        // Cases from nearcore's receipt_manager tests (unused gas 10_000_000_000).
        assert_eq!(split_by_weight(10_000_000_000, &[3, 2]), vec![6_000_000_000, 4_000_000_000]);
        assert_eq!(split_by_weight(10_000_000_000, &[u64::MAX, 1000]), vec![9_999_999_999, 1]);
        assert_eq!(
            split_by_weight(10_000_000_000, &[10_000_000_000, 1, 10_000_000_000]),
            vec![4_999_999_999, 0, 5_000_000_001]
        );
        assert_eq!(split_by_weight(0, &[1, 2]), vec![0, 0]);
    }
}
