//! Every scenario on the in-process chain, one test each (runs in CI).

scenarios::scenario_tests!(async { (scenarios::harness::chain_backend::ChainBackend::new(), ()) });
