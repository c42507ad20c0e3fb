//! Applying one action receipt, as nearcore's `Runtime::apply_action_receipt`: execution fees,
//! actions in order (the first failure stops the receipt), the storage staking check, refunds,
//! commit or rollback, then the receipts it sends and its result data.

use crate::account::{storage_shortfall, Account};
use crate::action::{validate_actions, Action};
use crate::actions::{self, ActionCtx, Effects};
use crate::chain::Chain;
use crate::events::parse_events;
use crate::external::ChainExt;
use crate::gas::{self, add, settle, SettleInput, Settlement};
use crate::outcome::{ActionError, ActionErrorKind, ExecutionStatus, ReceiptId, ReceiptOutcome};
use crate::receipt::{ActionReceipt, Receipt, ReceiptBody};
use crate::receipt_manager::NewReceipt;
use crate::storage::{DataAccess, Journal};
use crate::vm::{self, Call, CallEnv};
use near_primitives_core::hash::CryptoHash;
use near_primitives_core::types::{AccountId, Balance, Gas};
use near_vm_runner::logic::types::PromiseResult;
use near_vm_runner::logic::ReturnData;
use std::sync::Arc;

/// A receipt's running totals while its actions apply.
struct Work {
    account: Option<Account>,
    actor: AccountId,
    journal: Journal,
    effects: Effects,
    gas_burnt: Gas,
    gas_burnt_for_calls: Gas,
    gas_used: Gas,
    logs: Vec<String>,
    new_receipts: Vec<NewReceipt>,
    result: Result<ReturnData, ActionError>,
}

impl Work {
    fn fail(&mut self, index: Option<u64>, kind: ActionErrorKind) {
        self.result = Err(ActionError { index, kind });
        self.new_receipts.clear();
        self.effects.balance_refunds.clear();
    }
}

impl Chain {
    /// Runs a receipt whose inputs have all arrived. Returns its outcome and what it sends.
    pub(crate) fn apply_action_receipt(&mut self, receipt: &Receipt) -> (ReceiptOutcome, Vec<Receipt>) {
        let ReceiptBody::Action(ar) = &receipt.body else { unreachable!("an action receipt") };
        let receiver = &receipt.receiver;
        let inputs = self.pipeline.take_inputs(receiver, &ar.input_data_ids);
        let receipt_fee = gas::receipt_exec_fee(&self.runtime);
        let mut work = Work {
            account: self.state.accounts.get(receiver).map(|a| Account::clone(a)),
            actor: receipt.predecessor.clone(),
            journal: Journal::default(),
            effects: Effects::default(),
            gas_burnt: receipt_fee,
            gas_burnt_for_calls: Gas::ZERO,
            gas_used: receipt_fee,
            logs: vec![],
            new_receipts: vec![],
            result: Ok(ReturnData::None),
        };
        for (index, action) in ar.actions.iter().enumerate() {
            let fee = gas::exec_fee(&self.runtime, action, receiver);
            work.gas_burnt = add(work.gas_burnt, fee);
            work.gas_used = add(work.gas_used, fee);
            match self.apply_action(&mut work, receipt, ar, &inputs, index, action) {
                Ok(data) => work.result = Ok(data),
                Err(kind) => {
                    work.fail(Some(index as u64), kind);
                    break;
                }
            }
        }
        if work.result.is_ok() {
            if let Some(amount) = work.account.as_ref().and_then(|a| storage_shortfall(&self.runtime, a)) {
                let kind = ActionErrorKind::LackBalanceForState { account_id: receiver.clone(), amount };
                work.fail(None, kind);
            }
        }
        let failed = work.result.is_err();
        let settlement = if receipt.is_refund() {
            // Refunds are free; one that cannot be delivered is burnt.
            let burnt = if failed { crate::action::total_deposit(&ar.actions) } else { Balance::ZERO };
            Settlement { tokens_burnt: burnt, ..Settlement::default() }
        } else {
            settle(SettleInput {
                config: &self.runtime,
                actions: &ar.actions,
                receiver,
                failed,
                gas_burnt: work.gas_burnt,
                gas_used: work.gas_used,
                purchase_price: ar.gas_price,
                block_gas_price: self.config.gas_price,
                created_account: work.effects.created_account,
            })
        };
        self.commit_or_rollback(receiver, &mut work);
        self.pay_contract_reward(receiver, work.gas_burnt_for_calls, ar.gas_price);
        self.finish(receipt, ar, work, settlement)
    }

    fn apply_action(
        &mut self,
        work: &mut Work,
        receipt: &Receipt,
        ar: &ActionReceipt,
        inputs: &Arc<[PromiseResult]>,
        index: usize,
        action: &Action,
    ) -> Result<ReturnData, ActionErrorKind> {
        let receiver = &receipt.receiver;
        actions::check_existence(action, &work.account, receiver)?;
        actions::check_permissions(action, &work.account, &work.actor, receiver)?;
        if let Action::FunctionCall { method, args, deposit, gas, .. } = action {
            let call = Call { method, args, deposit: *deposit, gas: *gas };
            let is_last = index + 1 == ar.actions.len();
            return self.function_call(work, receipt, ar, inputs, index, is_last, call);
        }
        let ctx = ActionCtx {
            config: &self.runtime,
            state: &mut self.state,
            receiver,
            predecessor: &receipt.predecessor,
            block_height: self.block.height,
            registrar: &self.config.registrar,
            account: &mut work.account,
            actor: &mut work.actor,
            journal: &mut work.journal,
            effects: &mut work.effects,
        };
        actions::apply(ctx, action).map(|()| ReturnData::None)
    }

    #[allow(clippy::too_many_arguments)]
    fn function_call(
        &mut self,
        work: &mut Work,
        receipt: &Receipt,
        ar: &ActionReceipt,
        inputs: &Arc<[PromiseResult]>,
        index: usize,
        is_last: bool,
        call: Call<'_>,
    ) -> Result<ReturnData, ActionErrorKind> {
        let receiver = &receipt.receiver;
        let account = work.account.as_ref().expect("checked");
        let code = self.state.code(&account.contract);
        let refund_to = ar.refund_to.as_ref().unwrap_or(&receipt.predecessor);
        let seed = CryptoHash::hash_borsh((receipt.id.0, index as u64));
        let data = crate::state::data_mut(&mut self.state.data, receiver);
        let access = DataAccess::Write(data, &mut work.journal);
        let mut ext = ChainExt::new(access, self.state.epochs.validators(), &self.config.chain_id, seed);
        let env = CallEnv {
            account_id: receiver,
            account,
            signer: &ar.signer,
            signer_key: &ar.signer_key,
            predecessor: &receipt.predecessor,
            refund_to,
            block: self.block,
            random_seed: CryptoHash::hash_borsh((seed, self.block.height)),
            view: None,
            output_data_receivers: if is_last {
                ar.output_data_receivers.iter().map(|r| r.receiver.clone()).collect()
            } else {
                vec![]
            },
            promise_results: Arc::clone(inputs),
        };
        let prepaid = call.gas;
        let outcome = vm::run(&self.runtime, code, env, call, &mut ext);
        // The VM leaves unused gas alone; the runtime hands it to weighted calls.
        let distributed = ext.manager.distribute_gas(prepaid.saturating_sub(outcome.used_gas));
        let created = std::mem::take(&mut ext.manager.receipts);
        drop(ext);
        work.gas_burnt = add(work.gas_burnt, outcome.burnt_gas);
        work.gas_burnt_for_calls = add(work.gas_burnt_for_calls, outcome.burnt_gas);
        work.gas_used = add(work.gas_used, add(outcome.used_gas, distributed));
        work.logs.extend(outcome.logs);
        if let Some(err) = outcome.aborted {
            return Err(ActionErrorKind::FunctionCallError(err.to_string()));
        }
        for new in &created {
            validate_actions(&self.runtime.wasm_config.limit_config, &new.actions)
                .map_err(|e| ActionErrorKind::NewReceiptValidationError(e.to_string()))?;
        }
        let account = work.account.as_mut().expect("checked");
        account.balance = outcome.balance;
        account.storage_usage = outcome.storage_usage;
        let offset = work.new_receipts.len() as u64;
        work.new_receipts.extend(created);
        Ok(match outcome.return_data {
            ReturnData::ReceiptIndex(i) => ReturnData::ReceiptIndex(i + offset),
            other => other,
        })
    }

    fn commit_or_rollback(&mut self, receiver: &AccountId, work: &mut Work) {
        if work.result.is_err() {
            if let Some(data) = self.state.data.get_mut(receiver) {
                std::mem::take(&mut work.journal).undo(data);
            }
        }
        if self.state.data.get(receiver).is_some_and(|d| d.is_empty()) {
            self.state.data.remove(receiver);
        }
        if work.result.is_err() {
            return;
        }
        match work.account.take() {
            Some(account) => self.state.put_account(receiver.clone(), account),
            None => {
                self.state.accounts.remove(receiver);
                self.state.data.remove(receiver);
            }
        }
        for code in std::mem::take(&mut work.effects.globals) {
            let hash = self.state.store_global(&code);
            vm::precompile(&self.runtime, &self.state.globals[&hash]);
        }
        for (id, stake) in &work.effects.stake_proposals {
            self.state.epochs_mut().propose(self.block.height, id, *stake);
        }
        self.state.stake_proposals.append(&mut work.effects.stake_proposals);
    }

    /// Part of the gas burnt by calls goes to the contract (`burnt_gas_reward`: 30% before
    /// protocol 87, 0% since).
    fn pay_contract_reward(&mut self, receiver: &AccountId, burnt_by_calls: Gas, price: Balance) {
        let ratio = self.runtime.fees.burnt_gas_reward;
        let reward_gas = u128::from(burnt_by_calls.as_gas()) * *ratio.numer() as u128 / *ratio.denom() as u128;
        let reward = price.saturating_mul(reward_gas);
        if let (false, Some(account)) = (reward.is_zero(), self.state.account_mut(receiver)) {
            account.balance = account.balance.saturating_add(reward);
        }
    }

    fn next_id(&mut self) -> ReceiptId {
        self.next_receipt += 1;
        ReceiptId(self.next_receipt)
    }

    /// Builds the outgoing receipts (new ones, refunds, result data) and the outcome.
    fn finish(
        &mut self,
        receipt: &Receipt,
        ar: &ActionReceipt,
        mut work: Work,
        money: Settlement,
    ) -> (ReceiptOutcome, Vec<Receipt>) {
        let receiver = receipt.receiver.clone();
        let ready_at = self.block.height + 1;
        let mut forwarded = false;
        if let Ok(ReturnData::ReceiptIndex(i)) = &work.result {
            // The returned promise's result goes to whoever waits for this receipt.
            work.new_receipts[*i as usize].output_data_receivers.extend(ar.output_data_receivers.iter().cloned());
            forwarded = true;
        }
        let mut out = Vec::new();
        for new in std::mem::take(&mut work.new_receipts) {
            let body = ReceiptBody::Action(ActionReceipt {
                signer: ar.signer.clone(),
                signer_key: ar.signer_key.clone(),
                refund_to: new.refund_to,
                gas_price: ar.gas_price,
                output_data_receivers: new.output_data_receivers,
                input_data_ids: new.input_data_ids,
                actions: new.actions,
            });
            let id = self.next_id();
            out.push(Receipt {
                id,
                predecessor: receiver.clone(),
                receiver: new.receiver,
                body,
                ready_at,
                tx: receipt.tx,
            });
        }
        let mut refunds: Vec<(AccountId, Balance)> = std::mem::take(&mut work.effects.balance_refunds);
        if !money.deposit_refund.is_zero() {
            refunds.push((ar.refund_to.clone().unwrap_or_else(|| receipt.predecessor.clone()), money.deposit_refund));
        }
        if !money.gas_refund.is_zero() {
            refunds.push((ar.signer.clone(), money.gas_refund));
        }
        for (to, amount) in refunds {
            let id = self.next_id();
            out.push(Receipt::refund(id, to, amount, ready_at, receipt.tx));
        }
        let receipt_ids: Vec<ReceiptId> = out.iter().map(|r| r.id).collect();
        if !forwarded {
            let data = match &work.result {
                Ok(ReturnData::Value(bytes)) => Some(bytes.clone()),
                Ok(_) => Some(vec![]),
                Err(_) => None,
            };
            for to in &ar.output_data_receivers {
                let body = ReceiptBody::Data { data_id: to.data_id, data: data.clone() };
                let id = self.next_id();
                out.push(Receipt {
                    id,
                    predecessor: receiver.clone(),
                    receiver: to.receiver.clone(),
                    body,
                    ready_at,
                    tx: receipt.tx,
                });
            }
        }
        let status = match work.result {
            Ok(ReturnData::ReceiptIndex(i)) => ExecutionStatus::SuccessReceiptId(receipt_ids[i as usize]),
            Ok(ReturnData::Value(bytes)) => ExecutionStatus::Success(bytes),
            Ok(ReturnData::None) => ExecutionStatus::Success(vec![]),
            Err(err) => ExecutionStatus::Failure(err),
        };
        let global_burn =
            if matches!(status, ExecutionStatus::Failure(_)) { Balance::ZERO } else { work.effects.tokens_burnt };
        let outcome = ReceiptOutcome {
            receipt_id: receipt.id,
            events: parse_events(&receiver, &work.logs),
            executor: receiver,
            predecessor: receipt.predecessor.clone(),
            methods: ar
                .actions
                .iter()
                .filter_map(|a| match a {
                    Action::FunctionCall { method, .. } => Some(method.clone()),
                    _ => None,
                })
                .collect(),
            block_height: self.block.height,
            logs: work.logs,
            status,
            receipt_ids,
            gas_burnt: if receipt.is_refund() { Gas::ZERO } else { work.gas_burnt },
            tokens_burnt: money.tokens_burnt.saturating_add(global_burn),
        };
        (outcome, out)
    }
}
