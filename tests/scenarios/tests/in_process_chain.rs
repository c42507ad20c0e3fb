//! Every scenario on the in-process chain (runs in CI).

use scenarios::chain_backend::ChainBackend;

#[tokio::test]
async fn every_scenario_on_the_in_process_chain() {
    let mut backend = ChainBackend::new();
    scenarios::scenarios::run_all(&mut backend).await;
}
