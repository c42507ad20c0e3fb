//! Starting a devnet: the node, the root key file, the listener and the server task.

use crate::config::DevnetConfig;
use crate::keyfile::KeyFile;
use crate::shared::SharedNode;
use near_chain::AccountId;
use near_crypto::SecretKey;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// A running devnet.
pub struct Devnet {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    /// The address it listens on.
    pub addr: SocketAddr,
    /// The root account.
    pub root_account: AccountId,
    /// The root account's full-access key.
    pub secret_key: SecretKey,
    /// `<home>/validator_key.json`, when a home was given.
    pub key_file: Option<PathBuf>,
    /// The node (for tests and setups that look inside: `read()`, or `write()` to change it).
    pub node: Arc<SharedNode>,
    /// The server task; aborting it stops the devnet.
    pub task: JoinHandle<()>,
}

impl Drop for Devnet {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts a devnet on `127.0.0.1:<config.port>` in the current tokio runtime.
pub async fn start(config: DevnetConfig) -> std::io::Result<Devnet> {
    let node = crate::persist::load_or_new(&config)?;
    let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}");
    let key = KeyFile::new(node.root.clone(), node.root_key.clone());
    let key_file = match &config.home {
        Some(home) => Some(key.write_validator_key(home)?),
        None => None,
    };
    let mut node = node;
    node.rpc_addr = Some(addr.to_string());
    let node = Arc::new(SharedNode::new(node));
    let task = tokio::spawn(crate::http::serve(listener, node.clone()));
    Ok(Devnet { url, addr, root_account: key.account_id, secret_key: key.secret_key, key_file, node, task })
}
