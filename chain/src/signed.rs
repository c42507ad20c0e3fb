//! Hooks for a node in front of the chain (e.g. the `devnet` JSON-RPC server): access-key
//! records with nonces and allowances, the upfront cost of a transaction, a transaction signed
//! by a given key, and contract-data patches. The chain itself still checks no signatures;
//! the caller verifies them and keeps nonces with [`Chain::set_access_key`].

use crate::account::{data_storage, ContractRef};
use crate::action::Action;
use crate::chain::{Chain, IntoAccountId};
use crate::error::InvalidTx;
use crate::gas::tx_cost;
use crate::outcome::TxOutcome;
use near_crypto::PublicKey;
use near_primitives_core::account::AccessKey;
use near_primitives_core::types::Balance;

impl Chain {
    /// Adds `access_key` under `public_key` to `id` as a state patch (storage counted, no
    /// fee); false if the account already has that key.
    ///
    /// # Panics
    /// If the account does not exist.
    pub fn add_access_key(&mut self, id: impl IntoAccountId, public_key: PublicKey, access_key: AccessKey) -> bool {
        let id = id.into_account_id();
        let runtime = self.runtime.clone();
        let account = self.state.account_mut(&id).unwrap_or_else(|| panic!("account {id} does not exist"));
        account.add_key(&runtime, public_key, access_key)
    }

    /// `id`'s access key `public_key` (nonce and permission), if both exist.
    pub fn access_key(&self, id: impl IntoAccountId, public_key: &PublicKey) -> Option<&AccessKey> {
        self.head().access_key(id, public_key)
    }

    /// Replaces an existing key's record (its nonce, or a function-call key's allowance);
    /// storage usage is unchanged (the record's size does not change). False if absent.
    pub fn set_access_key(&mut self, id: impl IntoAccountId, public_key: &PublicKey, access_key: AccessKey) -> bool {
        let id = id.into_account_id();
        let has_key = self.account(&id).is_some_and(|a| a.access_keys.contains_key(public_key));
        if has_key {
            self.state.account_mut(&id).expect("checked").access_keys.insert(public_key.clone(), access_key);
        }
        has_key
    }

    /// What [`Chain::batch`] takes from the signer upfront for these actions: the burnt send
    /// fees, the gas bought and the deposits (what a function-call key's allowance must cover).
    pub fn transaction_cost(
        &self,
        signer: impl IntoAccountId,
        receiver: impl IntoAccountId,
        actions: &[Action],
    ) -> Balance {
        let (signer, receiver) = (signer.into_account_id(), receiver.into_account_id());
        tx_cost(&self.runtime, &signer, &receiver, actions, self.config.gas_price).total_cost
    }

    /// [`Chain::batch`] signed with `signer_key` (the key contracts see as
    /// `signer_account_pk`). Checks neither the key nor a signature: the caller does.
    pub fn batch_with_key(
        &mut self,
        signer: impl IntoAccountId,
        signer_key: PublicKey,
        receiver: impl IntoAccountId,
        actions: Vec<Action>,
    ) -> Result<TxOutcome, InvalidTx> {
        self.run_transaction(signer.into_account_id(), signer_key, receiver.into_account_id(), actions)
    }

    /// Sets (`Some`) or removes (`None`) one value of `id`'s contract storage as a state patch,
    /// adjusting the account's storage usage.
    ///
    /// # Panics
    /// If the account does not exist.
    pub fn set_contract_data(&mut self, id: impl IntoAccountId, key: &[u8], value: Option<&[u8]>) {
        let id = id.into_account_id();
        let runtime = self.runtime.clone();
        assert!(self.state.accounts.contains_key(&id), "account {id} does not exist");
        let data = crate::state::data_mut(&mut self.state.data, &id);
        let old = match value {
            Some(v) => data.insert(key.into(), v.into()),
            None => data.remove(key),
        };
        let account = self.state.account_mut(&id).expect("checked");
        if let Some(old) = old {
            account.storage_usage = account.storage_usage.saturating_sub(data_storage(&runtime, key, &old));
        }
        if let Some(v) = value {
            account.storage_usage += data_storage(&runtime, key, v);
        }
    }

    /// The wasm bytes an account's contract reference names (own code or a global contract).
    pub fn code(&self, contract: &ContractRef) -> Option<Vec<u8>> {
        self.head().code(contract)
    }
}
