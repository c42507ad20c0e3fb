//! Running contract code on near-vm-runner, with a compiled-module cache shared by every chain
//! in the process (and, on disk, by every process).

use crate::account::Account;
use crate::external::ChainExt;
use crate::state::BlockInfo;
use near_crypto::PublicKey;
use near_parameters::RuntimeConfig;
use near_primitives_core::config::ViewConfig;
use near_primitives_core::hash::CryptoHash;
use near_primitives_core::types::{AccountId, Balance, Gas};
use near_vm_runner::logic::errors::{CompilationError, FunctionCallError, VMRunnerError};
use near_vm_runner::logic::types::PromiseResult;
use near_vm_runner::logic::{VMContext, VMOutcome};
use near_vm_runner::{ContractCode, ContractRuntimeCache, FilesystemContractRuntimeCache};
use std::rc::Rc;
use std::sync::{Arc, LazyLock};

/// Directory of the on-disk compiled-module cache: `$NEAR_CHAIN_CACHE_DIR`, else
/// `<temp dir>/near-chain-contract-cache`. Entries are keyed by code hash, VM config and VM
/// version, so sharing it between runs and processes is safe.
pub fn cache_dir() -> std::path::PathBuf {
    std::env::var_os("NEAR_CHAIN_CACHE_DIR")
        .map(Into::into)
        .unwrap_or_else(|| std::env::temp_dir().join("near-chain-contract-cache"))
}

static CACHE: LazyLock<Box<dyn ContractRuntimeCache>> = LazyLock::new(|| {
    let dir = cache_dir();
    match FilesystemContractRuntimeCache::with_memory_cache(
        &dir,
        None::<&str>,
        "compiled",
        64,
        None,
        FilesystemContractRuntimeCache::MAX_DISK_CACHE_BYTES,
        near_vm_runner::noop_background_spawner(),
    ) {
        Ok(cache) => Box::new(cache),
        // No writable temp dir: fall back to a cache that lives in memory only.
        Err(_) => Box::new(near_vm_runner::MockContractRuntimeCache::default()),
    }
});

/// The process-wide compiled-module cache.
pub(crate) fn cache() -> &'static dyn ContractRuntimeCache {
    CACHE.as_ref()
}

/// Compiles `code` into the cache ahead of its first call (errors surface at call time).
pub(crate) fn precompile(config: &RuntimeConfig, code: &ContractCode) {
    let _ = near_vm_runner::precompile_contract(code, Arc::clone(&config.wasm_config), Some(cache()));
}

/// The code the VM runs, by hash.
struct Code {
    hash: CryptoHash,
    code: Option<Arc<ContractCode>>,
}

impl near_vm_runner::Contract for Code {
    fn hash(&self) -> CryptoHash {
        self.hash
    }

    fn get_code(&self) -> Option<Arc<ContractCode>> {
        self.code.clone()
    }
}

/// Who and what a call runs as.
pub(crate) struct CallEnv<'a> {
    pub account_id: &'a AccountId,
    pub account: &'a Account,
    pub signer: &'a AccountId,
    pub signer_key: &'a PublicKey,
    pub predecessor: &'a AccountId,
    pub refund_to: &'a AccountId,
    pub block: BlockInfo,
    pub random_seed: CryptoHash,
    /// `Some(max gas)` for a view call.
    pub view: Option<Gas>,
    pub output_data_receivers: Vec<AccountId>,
    pub promise_results: Arc<[PromiseResult]>,
}

/// One call of `method` with `args`, `deposit` and `gas`.
pub(crate) struct Call<'a> {
    pub method: &'a str,
    pub args: &'a [u8],
    pub deposit: Balance,
    pub gas: Gas,
}

/// Runs `call` against `code` (None: the account has no code) and returns the VM's outcome;
/// a contract failure is `aborted: Some(..)`. Panics only on VM infrastructure errors.
pub(crate) fn run(
    config: &RuntimeConfig,
    code: Option<Arc<ContractCode>>,
    env: CallEnv<'_>,
    call: Call<'_>,
    ext: &mut ChainExt<'_>,
) -> VMOutcome {
    let prepaid_gas = env.view.unwrap_or(call.gas);
    let context = VMContext {
        current_account_id: env.account_id.clone(),
        signer_account_id: env.signer.clone(),
        signer_account_pk: borsh::to_vec(env.signer_key).expect("borsh"),
        predecessor_account_id: env.predecessor.clone(),
        refund_to_account_id: env.refund_to.clone(),
        input: Rc::from(call.args),
        promise_results: env.promise_results,
        block_height: env.block.height,
        block_timestamp: env.block.timestamp_ns,
        epoch_height: env.block.epoch_height,
        account_balance: env.account.balance,
        account_locked_balance: env.account.locked,
        storage_usage: env.account.storage_usage,
        account_contract: env.account.contract.to_vm(),
        attached_deposit: call.deposit,
        prepaid_gas,
        random_seed: env.random_seed.0.to_vec(),
        view_config: env.view.map(|max_gas_burnt| ViewConfig { max_gas_burnt }),
        output_data_receivers: env.output_data_receivers,
    };
    let hash = code.as_ref().map(|c| *c.hash()).unwrap_or_default();
    let contract = Code { hash, code };
    let wasm_config = Arc::clone(&config.wasm_config);
    let gas_counter = context.make_gas_counter(&wasm_config);
    let prepared = near_vm_runner::prepare(&contract, wasm_config, Some(cache()), gas_counter, call.method);
    match near_vm_runner::run(prepared, ext, &context, Arc::clone(&config.fees)) {
        Ok(outcome) => outcome,
        Err(VMRunnerError::ContractCodeNotPresent) => {
            VMOutcome::nop_outcome(FunctionCallError::CompilationError(CompilationError::CodeDoesNotExist {
                account_id: env.account_id.as_str().into(),
            }))
        }
        Err(VMRunnerError::LoadingError(msg)) => VMOutcome::nop_outcome(FunctionCallError::LoadingError { msg }),
        Err(err) => panic!("near-vm-runner infrastructure error calling {}: {err}", env.account_id),
    }
}
