//! Every scenario on a real NEAR sandbox through near-workspaces, one test each. The sandbox
//! binary cannot be downloaded on machines without internet, so these run only when asked for.

use scenarios::harness::sandbox_backend::SandboxBackend;

async fn sandbox() -> (SandboxBackend, ()) {
    let backend = SandboxBackend::start().await.unwrap_or_else(|e| {
        panic!("{e}\nSet NEAR_SANDBOX_BIN_PATH to a near-sandbox binary to run the sandbox scenarios.")
    });
    (backend, ())
}

scenarios::scenario_tests!(
    sandbox(),
    #[ignore = "needs the NEAR sandbox: set NEAR_SANDBOX_BIN_PATH and run with --ignored"]
);
