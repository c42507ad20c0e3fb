//! Every scenario through the unmodified near-workspaces 0.24 client against the local devnet
//! (`devnet/`: the in-process chain behind nearcore's JSON-RPC), started in this process on a
//! free port with the sandbox's epoch length. Runs in CI: no sandbox binary needed.
//! (`lifecycle::concentration_guard` skips itself: the validator set cannot be set over RPC.)

use near_workspaces::network::ValidatorKey;
use scenarios::sandbox_backend::{SandboxBackend, SANDBOX_EPOCH_LENGTH};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_scenario_through_near_workspaces_on_the_devnet() {
    let config = devnet::DevnetConfig { epoch_length: SANDBOX_EPOCH_LENGTH, ..Default::default() };
    let devnet = devnet::start(config).await.expect("devnet starts");
    let secret_key: near_workspaces::types::SecretKey =
        devnet.secret_key.to_string().parse().expect("the root key parses");
    let root: near_workspaces::AccountId = devnet.root_account.as_str().parse().unwrap();
    let worker = near_workspaces::sandbox()
        .rpc_addr(&devnet.url)
        .validator_key(ValidatorKey::Known(root, secret_key))
        .await
        .expect("near-workspaces attaches to the devnet");
    let mut backend = SandboxBackend::from_worker(worker).expect("root account");
    scenarios::scenarios::run_all(&mut backend).await;
}
