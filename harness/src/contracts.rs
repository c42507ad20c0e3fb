//! The built contracts: `res/*.wasm`, written by `scripts/build-contracts.sh`.

use std::path::PathBuf;

/// The folder holding the built contracts: the folder named by the `WASM_CHECKS_RES_DIR`
/// environment variable (to check other builds of the contracts), else `res/` at the root of
/// the checkout the process runs in (found from the working directory, so a target directory
/// shared between checkouts never reads another checkout's contracts), else `res/` beside the
/// crate that was compiled.
pub fn res_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("WASM_CHECKS_RES_DIR") {
        return PathBuf::from(dir);
    }
    let is_root = |d: &std::path::Path| d.join("scripts/build-contracts.sh").is_file();
    if let Ok(cwd) = std::env::current_dir() {
        if let Some(root) = cwd.ancestors().find(|d| is_root(d)) {
            return root.join("res");
        }
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../res")
}

/// Reads `<res_dir()>/<name>.wasm` (e.g. `load_wasm("router_contract")`).
///
/// # Panics
/// If the file is missing, with a message saying to run `scripts/build-contracts.sh`.
pub fn load_wasm(name: &str) -> Vec<u8> {
    let path = res_dir().join(format!("{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}).\nBuild the contracts first: run `scripts/build-contracts.sh` \
             at the repository root (it writes res/*.wasm).",
            path.display()
        )
    })
}
