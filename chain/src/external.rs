//! The VM's view of the chain during one function call: the receiver's contract storage, the
//! receipts the call creates (nearcore's `RuntimeExt` plus `ReceiptManager`), the validator set.

use crate::action::Action;
use crate::receipt_manager::ReceiptManager;
use crate::storage::{DataAccess, ValueRef};
use near_crypto::PublicKey;
use near_primitives_core::account::{AccessKey, AccessKeyPermission, FunctionCallPermission};
use near_primitives_core::hash::{CryptoHash, YieldId};
use near_primitives_core::types::{AccountId, Balance, Gas, GasWeight, Nonce, NonceIndex};
use near_primitives_core::universal_state_init::{DecodeMode, RawStateInit, StateInitError, UniversalStateInitCounts};
use near_vm_runner::logic::types::{ActionIndex, GlobalContractDeployMode, GlobalContractIdentifier, ReceiptIndex};
use near_vm_runner::logic::{External, HostError, StorageAccessTracker, VMLogicError, ValuePtr};
use std::collections::BTreeMap;

type Result<T> = std::result::Result<T, VMLogicError>;

/// `External` for one function call.
pub(crate) struct ChainExt<'a> {
    data: DataAccess<'a>,
    validators: &'a BTreeMap<AccountId, Balance>,
    chain_id: &'a str,
    data_id_seed: CryptoHash,
    data_count: u64,
    /// Receipts the call created.
    pub manager: ReceiptManager,
}

fn unsupported(what: &str) -> VMLogicError {
    HostError::GuestPanic { panic_msg: format!("{what} is not modeled by near-chain") }.into()
}

impl<'a> ChainExt<'a> {
    /// An ext over `data`; data ids derive from `data_id_seed`.
    pub fn new(
        data: DataAccess<'a>,
        validators: &'a BTreeMap<AccountId, Balance>,
        chain_id: &'a str,
        data_id_seed: CryptoHash,
    ) -> Self {
        ChainExt { data, validators, chain_id, data_id_seed, data_count: 0, manager: ReceiptManager::default() }
    }

    fn push(&mut self, index: ReceiptIndex, action: Action) -> usize {
        self.manager.push(index, action)
    }
}

fn utf8(bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|_| HostError::InvalidMethodName.into())
}

impl External for ChainExt<'_> {
    fn storage_set(&mut self, _: &mut dyn StorageAccessTracker, key: &[u8], value: &[u8]) -> Result<Option<Vec<u8>>> {
        self.data.set(key, value)
    }

    fn storage_get<'s>(
        &'s self,
        _: &mut dyn StorageAccessTracker,
        key: &[u8],
    ) -> Result<Option<Box<dyn ValuePtr + 's>>> {
        Ok(self.data.map().get(key).map(|v| Box::new(ValueRef(&v[..])) as Box<dyn ValuePtr + 's>))
    }

    fn storage_remove(&mut self, _: &mut dyn StorageAccessTracker, key: &[u8]) -> Result<Option<Vec<u8>>> {
        self.data.remove(key)
    }

    fn storage_has_key(&mut self, _: &mut dyn StorageAccessTracker, key: &[u8]) -> Result<bool> {
        Ok(self.data.map().contains_key(key))
    }

    fn generate_data_id(&mut self) -> CryptoHash {
        self.data_count += 1;
        CryptoHash::hash_borsh((self.data_id_seed, self.data_count))
    }

    fn get_recorded_storage_size(&self) -> usize {
        0
    }

    fn storage_proof_size_before_receipt(&self) -> usize {
        0
    }

    fn validator_stake(&self, account_id: &AccountId) -> Result<Option<Balance>> {
        Ok(self.validators.get(account_id).copied())
    }

    fn validator_total_stake(&self) -> Result<Balance> {
        Ok(self.validators.values().fold(Balance::ZERO, |acc, s| acc.saturating_add(*s)))
    }

    fn chain_id(&self) -> String {
        self.chain_id.to_string()
    }

    fn create_action_receipt(
        &mut self,
        receipt_indices: Vec<ReceiptIndex>,
        receiver_id: AccountId,
    ) -> Result<ReceiptIndex> {
        let data_ids = receipt_indices.iter().map(|_| self.generate_data_id()).collect();
        self.manager.create(receipt_indices, data_ids, receiver_id)
    }

    fn create_promise_yield_receipt(&mut self, _: AccountId) -> Result<(ReceiptIndex, CryptoHash)> {
        Err(unsupported("promise_yield_create"))
    }

    fn create_promise_yield_receipt_with_id(
        &mut self,
        _: AccountId,
        _: YieldId,
    ) -> Result<Option<(ReceiptIndex, CryptoHash)>> {
        Err(unsupported("promise_yield_create_with_id"))
    }

    fn submit_promise_resume_data(&mut self, _: CryptoHash, _: Vec<u8>) -> Result<bool> {
        Err(unsupported("promise_yield_resume"))
    }

    fn submit_promise_resume_data_with_yield_id(&mut self, _: YieldId, _: Vec<u8>) -> Result<bool> {
        Err(unsupported("promise_yield_resume_with_yield_id"))
    }

    fn append_action_create_account(&mut self, receipt_index: ReceiptIndex) {
        self.push(receipt_index, Action::CreateAccount);
    }

    fn append_action_deploy_contract(&mut self, receipt_index: ReceiptIndex, code: Vec<u8>) {
        self.push(receipt_index, Action::DeployContract { code });
    }

    fn append_action_deploy_global_contract(
        &mut self,
        receipt_index: ReceiptIndex,
        code: Vec<u8>,
        mode: GlobalContractDeployMode,
    ) {
        let action = match mode {
            GlobalContractDeployMode::CodeHash => Action::DeployGlobalContract { code },
            GlobalContractDeployMode::AccountId => Action::Unsupported("DeployGlobalContract by account id".into()),
        };
        self.push(receipt_index, action);
    }

    fn append_action_use_global_contract(
        &mut self,
        receipt_index: ReceiptIndex,
        contract_id: GlobalContractIdentifier,
    ) {
        let action = match contract_id {
            GlobalContractIdentifier::CodeHash(code_hash) => Action::UseGlobalContract { code_hash },
            GlobalContractIdentifier::AccountId(_) => Action::Unsupported("UseGlobalContract by account id".into()),
        };
        self.push(receipt_index, action);
    }

    fn append_action_deterministic_state_init(
        &mut self,
        receipt_index: ReceiptIndex,
        _: GlobalContractIdentifier,
        _: Balance,
    ) -> ActionIndex {
        self.push(receipt_index, Action::Unsupported("DeterministicStateInit".into())) as u64
    }

    fn set_deterministic_state_init_data_entry(
        &mut self,
        _: ReceiptIndex,
        _: ActionIndex,
        _: Vec<u8>,
        _: Vec<u8>,
    ) -> Result<()> {
        Ok(())
    }

    fn check_state_init(&self, _: &RawStateInit) -> std::result::Result<(), StateInitError> {
        Err(StateInitError::Malformed)
    }

    fn state_init_send_counts(&self, state_init: &RawStateInit, _: DecodeMode) -> UniversalStateInitCounts {
        UniversalStateInitCounts { num_bytes: state_init.0.len() as u64, num_entries: 0, num_keys: 0 }
    }

    fn append_action_universal_state_init(&mut self, receipt_index: ReceiptIndex, _: RawStateInit, _: Balance) {
        self.push(receipt_index, Action::Unsupported("UniversalStateInit".into()));
    }

    fn append_action_function_call_weight(
        &mut self,
        receipt_index: ReceiptIndex,
        method_name: Vec<u8>,
        args: Vec<u8>,
        attached_deposit: Balance,
        prepaid_gas: Gas,
        gas_weight: GasWeight,
    ) -> Result<()> {
        let action = Action::FunctionCall {
            method: utf8(method_name)?,
            args,
            deposit: attached_deposit,
            gas: prepaid_gas,
            gas_weight: gas_weight.0,
        };
        self.push(receipt_index, action);
        Ok(())
    }

    fn append_action_transfer(&mut self, receipt_index: ReceiptIndex, deposit: Balance) {
        self.push(receipt_index, Action::Transfer { deposit });
    }

    fn append_action_transfer_to_gas_key(&mut self, receipt_index: ReceiptIndex, _: PublicKey, _: Balance) {
        self.push(receipt_index, Action::Unsupported("TransferToGasKey".into()));
    }

    fn append_action_add_gas_key_with_full_access(&mut self, receipt_index: ReceiptIndex, _: PublicKey, _: NonceIndex) {
        self.push(receipt_index, Action::Unsupported("AddKey (gas key)".into()));
    }

    fn append_action_add_gas_key_with_function_call(
        &mut self,
        receipt_index: ReceiptIndex,
        _: PublicKey,
        _: NonceIndex,
        _: Option<Balance>,
        _: AccountId,
        _: Vec<Vec<u8>>,
    ) -> Result<()> {
        self.push(receipt_index, Action::Unsupported("AddKey (gas key)".into()));
        Ok(())
    }

    fn append_action_stake(&mut self, receipt_index: ReceiptIndex, stake: Balance, public_key: PublicKey) {
        self.push(receipt_index, Action::Stake { stake, public_key });
    }

    fn append_action_add_key_with_full_access(
        &mut self,
        receipt_index: ReceiptIndex,
        public_key: PublicKey,
        nonce: Nonce,
    ) {
        let access_key = AccessKey { nonce, permission: AccessKeyPermission::FullAccess };
        self.push(receipt_index, Action::AddKey { public_key, access_key });
    }

    fn append_action_add_key_with_function_call(
        &mut self,
        receipt_index: ReceiptIndex,
        public_key: PublicKey,
        nonce: Nonce,
        allowance: Option<Balance>,
        receiver_id: AccountId,
        method_names: Vec<Vec<u8>>,
    ) -> Result<()> {
        let method_names = method_names.into_iter().map(utf8).collect::<Result<Vec<_>>>()?;
        let permission = AccessKeyPermission::FunctionCall(FunctionCallPermission {
            allowance,
            receiver_id: receiver_id.to_string(),
            method_names,
        });
        self.push(receipt_index, Action::AddKey { public_key, access_key: AccessKey { nonce, permission } });
        Ok(())
    }

    fn append_action_delete_key(&mut self, receipt_index: ReceiptIndex, public_key: PublicKey) {
        self.push(receipt_index, Action::DeleteKey { public_key });
    }

    fn append_action_delete_account(&mut self, receipt_index: ReceiptIndex, beneficiary_id: AccountId) {
        self.push(receipt_index, Action::DeleteAccount { beneficiary: beneficiary_id });
    }

    fn get_receipt_receiver(&self, receipt_index: ReceiptIndex) -> &AccountId {
        self.manager.receiver(receipt_index)
    }

    fn set_refund_to(&mut self, receipt_index: ReceiptIndex, refund_to: AccountId) {
        self.manager.receipts[receipt_index as usize].refund_to = Some(refund_to);
    }

    fn post_quantum_keys_enabled(&self) -> bool {
        false
    }
}
