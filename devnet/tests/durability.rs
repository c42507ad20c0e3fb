//! Durability: the `devnet` process is killed (SIGKILL) in the middle of a stream of signed
//! transactions; restarted from the same state file, it holds every transaction it answered,
//! and its state is whole (the accounts those transactions created, the root key's nonce).

use near_crypto::{InMemorySigner, SecretKey, Signer};
use near_primitives::action::{Action, CreateAccountAction, TransferAction};
use near_primitives::hash::CryptoHash;
use near_primitives::transaction::SignedTransaction;
use near_primitives::types::{AccountId, Balance};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const NEAR: u128 = 10u128.pow(24);

fn temp_dir() -> PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let dir = std::env::temp_dir().join(format!("devnet-durability-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Starts the binary on a free port with `dir/chain.state`; returns it and its address.
fn start(dir: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_devnet"))
        .args(["--port", "0", "--epoch-length", "10", "--home"])
        .arg(dir.join("home"))
        .arg("--state")
        .arg(dir.join("chain.state"))
        .stdout(Stdio::piped())
        .spawn()
        .expect("the devnet binary runs");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    // Keep reading what it prints, so its stdout never breaks.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let url = line.trim().strip_prefix("devnet listening on ").unwrap_or_else(|| panic!("first line: {line}"));
    (child, url.trim_start_matches("http://").trim_end_matches('/').to_string())
}

/// One JSON-RPC call; `None` if the connection fails or closes without an answer.
fn rpc(addr: &str, method: &str, params: Value) -> Option<Value> {
    let body = json!({ "jsonrpc": "2.0", "id": "d", "method": method, "params": params }).to_string();
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    let request = format!(
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (_, body) = response.split_once("\r\n\r\n")?;
    serde_json::from_str(body).ok()
}

fn result(addr: &str, method: &str, params: Value) -> Value {
    let answer = rpc(addr, method, params.clone()).unwrap_or_else(|| panic!("{method} got no answer"));
    assert!(answer.get("error").is_none(), "{method} {params}: {answer}");
    answer["result"].clone()
}

fn root_signer(dir: &Path) -> Signer {
    let key: Value = serde_json::from_slice(&std::fs::read(dir.join("home/validator_key.json")).unwrap()).unwrap();
    let secret: SecretKey = key["secret_key"].as_str().unwrap().parse().unwrap();
    InMemorySigner::from_secret_key(key["account_id"].as_str().unwrap().parse().unwrap(), secret)
}

fn root_nonce(addr: &str, signer: &Signer) -> u64 {
    let key = result(
        addr,
        "query",
        json!({ "request_type": "view_access_key", "finality": "final",
                "account_id": signer.get_account_id(), "public_key": signer.public_key() }),
    );
    key["nonce"].as_u64().unwrap()
}

#[test]
fn every_answered_transaction_survives_a_sigkill() {
    let dir = temp_dir();
    let (mut child, addr) = start(&dir);
    let signer = root_signer(&dir);
    let head: CryptoHash =
        result(&addr, "block", json!({ "finality": "final" }))["header"]["hash"].as_str().unwrap().parse().unwrap();
    let first_nonce = root_nonce(&addr, &signer) + 1;

    // Send transactions one after another from another thread; kill the process meanwhile.
    let (sender_addr, sender_signer) = (addr.clone(), signer.clone());
    let sender = std::thread::spawn(move || {
        let mut answered: Vec<(CryptoHash, AccountId)> = Vec::new();
        for i in 0..10_000u64 {
            let account: AccountId = format!("u{i}.{}", sender_signer.get_account_id()).parse().unwrap();
            let actions = vec![
                Action::CreateAccount(CreateAccountAction {}),
                Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(NEAR) }),
            ];
            let tx = SignedTransaction::from_actions(
                first_nonce + i,
                sender_signer.get_account_id(),
                account.clone(),
                &sender_signer,
                actions,
                head,
            );
            let params = json!([serde_json::to_value(&tx).unwrap()]);
            match rpc(&sender_addr, "broadcast_tx_commit", params) {
                Some(answer) if answer["result"]["status"].get("SuccessValue").is_some() => {
                    answered.push((tx.get_hash(), account))
                }
                Some(answer) => panic!("transaction {i} failed: {answer}"),
                None => return answered,
            }
        }
        answered
    });
    std::thread::sleep(Duration::from_millis(1500));
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    let answered = sender.join().unwrap();
    assert!(answered.len() >= 5, "only {} transactions answered before the kill", answered.len());

    let (mut child, addr) = start(&dir);
    for (hash, account) in &answered {
        let status = result(&addr, "tx", json!({ "tx_hash": hash, "sender_account_id": signer.get_account_id() }));
        assert!(status["status"].get("SuccessValue").is_some(), "{hash}: {status}");
        let view = result(
            &addr,
            "query",
            json!({ "request_type": "view_account", "finality": "final", "account_id": account }),
        );
        assert_eq!(view["amount"], NEAR.to_string(), "{account}");
    }
    // The one in flight at the kill either happened whole or not at all.
    let nonce = root_nonce(&addr, &signer);
    let last_answered = first_nonce + answered.len() as u64 - 1;
    assert!(nonce == last_answered || nonce == last_answered + 1, "nonce {nonce} after {last_answered}");
    let next: AccountId = format!("u{}.{}", answered.len(), signer.get_account_id()).parse().unwrap();
    let in_flight =
        rpc(&addr, "query", json!({ "request_type": "view_account", "finality": "final", "account_id": next }));
    assert_eq!(in_flight.unwrap().get("result").is_some(), nonce == last_answered + 1, "the state matches the nonce");
    println!("{} transactions answered before SIGKILL, all present after the restart", answered.len());
    child.kill().unwrap();
    child.wait().unwrap();
    std::fs::remove_dir_all(&dir).ok();
}
