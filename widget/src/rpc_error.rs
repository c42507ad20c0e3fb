//! Why a JSON-RPC call failed, and whether trying again may help.

/// Why a call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RpcError {
    /// No answer: network down, CORS, timeout. Retried.
    Network(String),
    /// An HTTP status other than 200. Retried for 5xx and 429.
    Http(u16),
    /// A JSON-RPC error object: nearcore's `cause.name` (e.g. `UNKNOWN_BLOCK`; may be empty),
    /// the message; `transient` for the node's internal or timeout errors.
    Rpc { cause: String, message: String, transient: bool },
    /// The view itself failed (`result.error`), e.g. a panic in the contract.
    View(String),
    /// The answer was not what the view returns.
    Decode(String),
}

impl RpcError {
    /// Whether trying again may help.
    pub fn is_transient(&self) -> bool {
        match self {
            RpcError::Network(_) => true,
            RpcError::Http(s) => *s >= 500 || *s == 429,
            RpcError::Rpc { transient, .. } => *transient,
            RpcError::View(_) | RpcError::Decode(_) => false,
        }
    }
}

impl core::fmt::Display for RpcError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            RpcError::Network(m) => write!(f, "network error: {m}"),
            RpcError::Http(s) => write!(f, "HTTP {s}"),
            RpcError::Rpc { message, .. } => write!(f, "RPC error: {message}"),
            RpcError::View(m) => write!(f, "view failed: {m}"),
            RpcError::Decode(m) => write!(f, "unexpected answer: {m}"),
        }
    }
}
