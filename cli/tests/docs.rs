//! The docs stay true: every repository path and every command that README.md, the crates'
//! READMEs and docs/*.md name exists. Paths are read from `code spans`; commands from lines
//! that run `bash scripts/..`, `cargo .. -p <package>` or `stake-router <subcommand>`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (this crate sits one level below it).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the crate has a parent").to_path_buf()
}

/// The markdown files a reader follows: the README, each crate's README and docs/.
fn documents() -> Vec<PathBuf> {
    let root = root();
    let mut docs = vec![root.join("README.md"), root.join("tests/MOCKS.md")];
    for dir in ["docs", "."] {
        for entry in std::fs::read_dir(root.join(dir)).expect("readable") {
            let path = entry.expect("entry").path();
            if dir == "docs" && path.extension().is_some_and(|e| e == "md") {
                docs.push(path);
            } else if dir == "." && path.join("README.md").is_file() {
                docs.push(path.join("README.md"));
            }
        }
    }
    docs.sort();
    docs.dedup();
    docs
}

/// Text inside single backticks (outside fenced blocks).
fn code_spans(text: &str) -> Vec<&str> {
    text.split("```").step_by(2).flat_map(|outside| outside.split('`').skip(1).step_by(2)).collect()
}

/// Whether a code span is meant as a path in this repository.
fn looks_like_repo_path(span: &str) -> bool {
    const TOP: [&str; 12] = [
        "router-core/",
        "router-contract/",
        "staking-proxy/",
        "widget/",
        "chain/",
        "devnet/",
        "harness/",
        "cli/",
        "tests/",
        "scripts/",
        "docs/",
        ".ci/",
    ];
    !span.contains(' ') && !span.contains('*') && !span.contains('<') && TOP.iter().any(|t| span.starts_with(t))
}

/// Whether `path` is something a build writes (git ignores it), such as `widget/pkg/`: a clean
/// clone does not hold it until the build has run.
fn is_build_output(root: &Path, path: &str) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["check-ignore", "-q", "--no-index", path])
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn every_path_the_docs_name_exists() {
    let root = root();
    let mut missing = Vec::new();
    let mut checked = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).expect("readable");
        let base = doc.parent().expect("a folder");
        for span in code_spans(&text) {
            let span = span.trim_end_matches([':', ',', '.']);
            let path = span.split("::").next().expect("one part");
            if !looks_like_repo_path(path) {
                continue;
            }
            checked += 1;
            if !root.join(path).exists() && !base.join(path).exists() && !is_build_output(&root, path) {
                missing.push(format!("{}: `{span}`", doc.strip_prefix(&root).unwrap_or(&doc).display()));
            }
        }
    }
    assert!(checked > 50, "only {checked} paths found: is the reader still finding them?");
    assert!(missing.is_empty(), "the docs name paths that do not exist:\n{}", missing.join("\n"));
}

/// The code of a document: its fenced blocks and its `code spans`.
fn code_of(text: &str) -> Vec<String> {
    let mut code = Vec::new();
    for (i, part) in text.split("```").enumerate() {
        if i % 2 == 1 {
            code.push(part.to_string());
        } else {
            code.extend(part.split('`').skip(1).step_by(2).map(str::to_string));
        }
    }
    code
}

/// The word after `prefix` wherever the docs' code has it, with the document's name.
fn commands_after(prefix: &str) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).expect("readable");
        for line in code_of(&text).iter().flat_map(|c| c.lines().map(str::to_string).collect::<Vec<_>>()) {
            let mut rest = line.as_str();
            while let Some(at) = rest.find(prefix) {
                rest = &rest[at + prefix.len()..];
                let word: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
                    .collect();
                if !word.is_empty() {
                    found.insert((doc.display().to_string(), word));
                }
            }
        }
    }
    found
}

#[test]
fn every_script_the_docs_run_exists() {
    let root = root();
    let missing: Vec<_> = commands_after("bash scripts/")
        .into_iter()
        .filter(|(_, script)| !root.join("scripts").join(script).is_file())
        .collect();
    assert!(missing.is_empty(), "the docs run scripts that do not exist: {missing:?}");
}

#[test]
fn every_package_the_docs_name_is_a_workspace_member() {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--no-deps", "--format-version", "1", "--offline"])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("cargo metadata is JSON");
    let packages: BTreeSet<String> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| p["name"].as_str().expect("a name").to_string())
        .collect();
    let missing: Vec<_> = commands_after(" -p ").into_iter().filter(|(_, p)| !packages.contains(p)).collect();
    assert!(missing.is_empty(), "the docs name packages that are not in the workspace: {missing:?}");
}

#[test]
fn every_subcommand_the_docs_name_exists() {
    let bin = env!("CARGO_BIN_EXE_stake-router");
    let mut missing = Vec::new();
    let mut checked = BTreeSet::new();
    for (doc, sub) in commands_after("stake-router ") {
        if sub.starts_with('-') || sub.contains('/') || sub.contains('.') {
            continue;
        }
        checked.insert(sub.clone());
        let ok = Command::new(bin).args([sub.as_str(), "--help"]).output().is_ok_and(|o| o.status.success());
        if !ok {
            missing.push(format!("{doc}: stake-router {sub}"));
        }
    }
    assert!(checked.len() >= 5, "only {checked:?} found: is the reader still finding them?");
    assert!(missing.is_empty(), "the docs name subcommands that do not exist:\n{}", missing.join("\n"));
}
