//! The `query` method: accounts, access keys, code, state and view calls.

use crate::errors::function_call_error;
use crate::node::{block_hash_of, BlockError, Node};
use near_chain::{ContractRef, ViewError};
use near_jsonrpc_primitives::types::query::{QueryResponseKind, RpcQueryError, RpcQueryRequest, RpcQueryResponse};
use near_primitives::hash::CryptoHash;
use near_primitives::types::AccountId;
use near_primitives::views::{
    AccessKeyInfoView, AccessKeyList, AccessKeyView, AccountView, CallResult, ContractCodeView, QueryRequest,
    StateItem, ViewStateResult,
};
use std::ops::Bound;

/// Answers a `query` from the state of the block it names: the head for a finality, a past
/// block inside the kept window for a `block_id` (`UNKNOWN_BLOCK` for a height with no block
/// or above the head and for unknown hashes, `GARBAGE_COLLECTED_BLOCK` below the window).
pub fn query(node: &Node, req: RpcQueryRequest) -> Result<RpcQueryResponse, RpcQueryError> {
    let block_height = match node.resolve(&req.block_reference) {
        Ok(height) => height,
        Err(BlockError::Unknown) => return Err(RpcQueryError::UnknownBlock { block_reference: req.block_reference }),
        Err(BlockError::GarbageCollected(block_height)) => {
            return Err(RpcQueryError::GarbageCollectedBlock { block_height, block_hash: block_hash_of(block_height) })
        }
    };
    let block_hash = node.block_hash(block_height);
    let unknown =
        |id: &AccountId| RpcQueryError::UnknownAccount { requested_account_id: id.clone(), block_height, block_hash };
    let chain = node.chain.at(block_height).expect("resolved to a kept block");
    let kind = match req.request {
        QueryRequest::ViewAccount { account_id } => {
            let a = chain.account(&account_id).ok_or_else(|| unknown(&account_id))?;
            QueryResponseKind::ViewAccount(account_view(a))
        }
        QueryRequest::ViewCode { account_id } => {
            let a = chain.account(&account_id).ok_or_else(|| unknown(&account_id))?;
            let no_code =
                || RpcQueryError::NoContractCode { contract_account_id: account_id.clone(), block_height, block_hash };
            let hash = a.contract.code_hash().ok_or_else(no_code)?;
            let code = chain.code(&a.contract).ok_or_else(no_code)?;
            QueryResponseKind::ViewCode(ContractCodeView { code, hash })
        }
        QueryRequest::ViewGlobalContractCode { code_hash } => {
            let code = chain.code(&ContractRef::Global(code_hash)).ok_or(RpcQueryError::NoGlobalContractCode {
                identifier: near_primitives::action::GlobalContractIdentifier::CodeHash(code_hash),
                block_height,
                block_hash,
            })?;
            QueryResponseKind::ViewCode(ContractCodeView { code, hash: code_hash })
        }
        QueryRequest::ViewState { account_id, prefix, .. } => {
            chain.account(&account_id).ok_or_else(|| unknown(&account_id))?;
            let prefix: &[u8] = &prefix;
            let values = chain
                .contract_data(&account_id)
                .map(|data| {
                    data.range::<_, [u8]>((Bound::Included(prefix), Bound::Unbounded))
                        .take_while(|(k, _)| k.starts_with(prefix))
                        .map(|(k, v)| StateItem { key: k.to_vec().into(), value: v.to_vec().into() })
                        .collect()
                })
                .unwrap_or_default();
            QueryResponseKind::ViewState(ViewStateResult { values, proof: vec![], last_key: None })
        }
        QueryRequest::ViewAccessKey { account_id, public_key } => {
            let a = chain.account(&account_id).ok_or_else(|| unknown(&account_id))?;
            let key = a.access_keys.get(&public_key).ok_or(RpcQueryError::UnknownAccessKey {
                public_key: public_key.clone(),
                block_height,
                block_hash,
            })?;
            QueryResponseKind::AccessKey(AccessKeyView::from(key.clone()))
        }
        QueryRequest::ViewAccessKeyList { account_id, .. } => {
            let a = chain.account(&account_id).ok_or_else(|| unknown(&account_id))?;
            let keys = a
                .access_keys
                .iter()
                .map(|(pk, key)| AccessKeyInfoView::new(pk.clone(), AccessKeyView::from(key.clone())))
                .collect();
            QueryResponseKind::AccessKeyList(AccessKeyList { keys, last_key: None })
        }
        QueryRequest::CallFunction { account_id, method_name, args } => {
            match chain.view(&account_id, &method_name, <Vec<u8>>::from(args)) {
                Ok(result) => QueryResponseKind::CallResult(CallResult { result, logs: vec![] }),
                Err(ViewError::AccountDoesNotExist(id)) => return Err(unknown(&id)),
                Err(ViewError::History(e)) => {
                    return Err(RpcQueryError::InternalError { error_message: e.to_string() })
                }
                Err(ViewError::FunctionCall(msg) | ViewError::Json(msg)) => {
                    return Err(RpcQueryError::ContractExecutionError {
                        vm_error: format!("wasm execution failed with error: {msg}"),
                        error: function_call_error(&msg),
                        block_height,
                        block_hash,
                    })
                }
            }
        }
        other => {
            return Err(RpcQueryError::InternalError { error_message: format!("not served by the devnet: {other:?}") })
        }
    };
    Ok(RpcQueryResponse { kind, block_height, block_hash })
}

/// nearcore's view of a near-chain account.
pub fn account_view(a: &near_chain::Account) -> AccountView {
    let (code_hash, global_contract_hash) = match &a.contract {
        ContractRef::None => (CryptoHash::default(), None),
        ContractRef::Local(h) => (*h, None),
        ContractRef::Global(h) => (CryptoHash::default(), Some(*h)),
    };
    AccountView {
        amount: a.balance,
        locked: a.locked,
        code_hash,
        storage_usage: a.storage_usage,
        storage_paid_at: 0,
        global_contract_hash,
        global_contract_account_id: None,
        state: Default::default(),
        bootstrap_nonce: None,
    }
}
