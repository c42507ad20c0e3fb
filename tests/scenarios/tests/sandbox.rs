//! Every scenario on a real NEAR sandbox through near-workspaces. The sandbox binary cannot be
//! downloaded on machines without internet, so this runs only when asked for.

use scenarios::sandbox_backend::SandboxBackend;

#[tokio::test]
#[ignore = "needs the NEAR sandbox: set NEAR_SANDBOX_BIN_PATH and run with --ignored"]
async fn every_scenario_on_the_sandbox() {
    let mut backend = SandboxBackend::start().await.unwrap_or_else(|e| {
        panic!("{e}\nSet NEAR_SANDBOX_BIN_PATH to a near-sandbox binary to run the sandbox scenarios.")
    });
    scenarios::scenarios::run_all(&mut backend).await;
}
