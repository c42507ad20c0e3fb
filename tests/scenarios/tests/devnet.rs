//! Every scenario through the unmodified near-workspaces 0.24 client against the local devnet
//! (`devnet/`: the in-process chain behind nearcore's JSON-RPC), one test each, each on its own
//! devnet started in this process on a free port with the sandbox's epoch length. Runs in CI:
//! no sandbox binary needed. (`concentration_guard` skips itself: the validator set cannot be
//! set over RPC.)

use near_workspaces::network::ValidatorKey;
use scenarios::harness::sandbox_backend::{SandboxBackend, SANDBOX_EPOCH_LENGTH};

async fn on_a_devnet() -> (SandboxBackend, devnet::Devnet) {
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
    (SandboxBackend::from_worker(worker).expect("root account"), devnet)
}

scenarios::scenario_tests!(on_a_devnet());
