//! NEAR key files (`validator_key.json`, near-cli's credentials): `account_id`,
//! `public_key`, `secret_key`.

use near_chain::AccountId;
use near_crypto::{PublicKey, SecretKey};
use std::path::{Path, PathBuf};

/// A key file's contents, in nearcore's format.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct KeyFile {
    /// The account the key belongs to.
    pub account_id: AccountId,
    /// `ed25519:<base58>`.
    pub public_key: PublicKey,
    /// `ed25519:<base58>` of the 64-byte expanded secret key.
    pub secret_key: SecretKey,
}

impl KeyFile {
    /// The key file of `account_id` holding `secret_key`.
    pub fn new(account_id: AccountId, secret_key: SecretKey) -> Self {
        KeyFile { account_id, public_key: secret_key.public_key(), secret_key }
    }

    /// Writes `<home>/validator_key.json` (creating `home`) and returns its path. Also
    /// writes the same key as `<home>/registrar.json`, the file near-workspaces'
    /// `ValidatorKey::HomeDir` reads to create top-level accounts (the root account is the
    /// registrar here).
    pub fn write_validator_key(&self, home: &Path) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(home)?;
        let json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(home.join("registrar.json"), &json)?;
        let path = home.join("validator_key.json");
        std::fs::write(&path, json)?;
        Ok(path)
    }

    /// Reads a key file.
    pub fn read(path: &Path) -> std::io::Result<Self> {
        let text = std::fs::read_to_string(path)?;
        serde_json::from_str(&text).map_err(std::io::Error::other)
    }
}
