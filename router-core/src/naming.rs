//! Deterministic staking-proxy account ids.
//!
//! A beneficiary's proxy is `<label>.<router>`, where `label` is the first
//! [`PROXY_LABEL_HEX_LEN`] hex characters (96 bits) of `sha256(beneficiary)`. Two different
//! beneficiaries share a label with probability about `n^2 / 2^97` for `n` beneficiaries
//! (below 10^-11 for a billion), and a clash can never move funds: creating an account that
//! exists fails, and the router then refunds the direct part. The router's account id must
//! leave room for the label within the 64-character limit (at most 39 characters).

use crate::AccountId;

/// Hex characters in a proxy label (12 bytes of the hash).
pub const PROXY_LABEL_HEX_LEN: usize = 24;
/// The longest account id allowed by the protocol.
pub const MAX_ACCOUNT_ID_LEN: usize = 64;

/// The proxy account of `beneficiary` under `router`. `sha256` is supplied by the caller: the
/// contract passes the host's `env::sha256`, the widget a Rust implementation. Returns `None`
/// when the router's id is too long to hold a proxy label.
pub fn proxy_account_id(
    router: &AccountId,
    beneficiary: &AccountId,
    sha256: impl FnOnce(&[u8]) -> [u8; 32],
) -> Option<AccountId> {
    if router.len() + 1 + PROXY_LABEL_HEX_LEN > MAX_ACCOUNT_ID_LEN {
        return None;
    }
    let digest = sha256(beneficiary.as_bytes());
    let mut id = String::with_capacity(MAX_ACCOUNT_ID_LEN);
    for byte in &digest[..PROXY_LABEL_HEX_LEN / 2] {
        id.push(char::from_digit(u32::from(byte >> 4), 16).expect("nibble"));
        id.push(char::from_digit(u32::from(byte & 0xf), 16).expect("nibble"));
    }
    id.push('.');
    id.push_str(router.as_str());
    id.parse().ok()
}

/// Whether `account` is a direct sub-account of `router` shaped like a proxy id.
pub fn looks_like_proxy(router: &AccountId, account: &AccountId) -> bool {
    match account.as_str().strip_suffix(router.as_str()).and_then(|p| p.strip_suffix('.')) {
        Some(label) => label.len() == PROXY_LABEL_HEX_LEN && label.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

/// Whether `beneficiary` may receive a deposit through `router`: never the router itself, an
/// account shaped like one of its proxies, or a staking target (`is_target`). The contract
/// refuses such a deposit and the widget says so before the wallet is asked.
pub fn beneficiary_allowed(
    router: &AccountId,
    beneficiary: &AccountId,
    is_target: impl FnOnce(&AccountId) -> bool,
) -> bool {
    beneficiary != router && !looks_like_proxy(router, beneficiary) && !is_target(beneficiary)
}
