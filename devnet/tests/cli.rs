//! The `devnet` binary's flags: help, and misspelt or malformed flags refused by name.

use std::process::Command;

fn devnet(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_devnet")).args(args).output().expect("the devnet binary runs")
}

#[test]
fn help_lists_every_flag() {
    let out = devnet(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in
        ["--port", "--home", "--root", "--epoch-length", "--chain-id", "--state", "--validator", "--history-epochs"]
    {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
}

#[test]
fn a_misspelt_flag_is_refused_by_name() {
    let out = devnet(&["--prot", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--prot"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_malformed_validator_is_refused_with_the_reason() {
    let out = devnet(&["--validator", "pool.test.near=12.5NEAR"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not a whole number of NEAR"), "{stderr}");
}
