//! A small HTTP/1.1 server on tokio: keep-alive connections, `Content-Length` bodies,
//! `POST` of JSON-RPC to any path and `GET /status` / `GET /health`, as nearcore's RPC
//! serves them, with CORS headers (and `OPTIONS` preflights) so pages may call it. No
//! dependency beyond tokio.

use crate::rpc;
use crate::shared::SharedNode;
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// Largest request body accepted (a contract deployment is at most 4 MiB, base64-encoded).
/// A larger `Content-Length` is answered `413 Payload Too Large` with a JSON-RPC
/// `PARSE_ERROR` body, without reading the body, and the connection is closed.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// A request refused whole: the HTTP status and a JSON-RPC error body (nearcore's `RpcError`).
type Refusal = (&'static str, Vec<u8>);

fn refusal(status: &'static str, message: String) -> Refusal {
    let error = near_jsonrpc_primitives::errors::RpcError::parse_error(message);
    let body = serde_json::json!({ "jsonrpc": "2.0", "id": null, "error": error });
    (status, body.to_string().into_bytes())
}

/// Accepts connections forever, each served on its own task.
pub async fn serve(listener: TcpListener, node: Arc<SharedNode>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let node = node.clone();
        tokio::spawn(async move {
            let _ = connection(stream, node).await;
        });
    }
}

struct Request {
    method: String,
    path: String,
    body: Vec<u8>,
    close: bool,
}

async fn connection(stream: TcpStream, node: Arc<SharedNode>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream);
    loop {
        let request = match read_request(&mut reader).await? {
            Some(Ok(r)) => r,
            Some(Err((status, body))) => {
                write_response(reader.get_mut(), status, &body, true).await?;
                return Ok(());
            }
            None => return Ok(()),
        };
        let (status, body) = match (request.method.as_str(), request.path.as_str()) {
            ("POST", _) => {
                // A view answered before is answered here; anything that runs goes to a
                // blocking thread (two thread hand-offs, most of a cached view's time).
                let body = rpc::parse_body(&request.body);
                let answer = match rpc::cached_answer(&node, &body) {
                    Some(answer) => answer,
                    None => {
                        let node = node.clone();
                        tokio::task::spawn_blocking(move || rpc::answer_body(&node, body)).await.unwrap_or_else(|e| {
                            serde_json::json!({"jsonrpc": "2.0", "id": null, "error": {
                        "code": -32000, "message": "Server error", "name": "INTERNAL_ERROR",
                        "cause": {"name": "INTERNAL_ERROR", "info": {"error_message": e.to_string()}}}})
                            .to_string()
                            .into_bytes()
                        })
                    }
                };
                ("200 OK", answer)
            }
            ("GET", "/status") => {
                let node = node.clone();
                let value = tokio::task::spawn_blocking(move || {
                    let node = node.read().unwrap_or_else(|p| p.into_inner());
                    serde_json::to_value(crate::chain_info::status(&node)).unwrap_or_default()
                })
                .await
                .unwrap_or_default();
                ("200 OK", value.to_string().into_bytes())
            }
            ("GET", "/health") => ("200 OK", b"{}".to_vec()),
            // CORS preflight: browsers (the widget on a page) may call the RPC from any origin.
            ("OPTIONS", _) => ("204 No Content", Vec::new()),
            _ => ("404 Not Found", Vec::new()),
        };
        write_response(reader.get_mut(), status, &body, request.close).await?;
        if request.close {
            return Ok(());
        }
    }
}

/// One request; `None` at end of stream, `Some(Err(status))` for a request refused whole.
async fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Result<Request, Refusal>>> {
    let mut line = String::new();
    if reader.read_line(&mut line).await? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let (method, path, version) = (
        parts.next().unwrap_or("").to_string(),
        parts.next().unwrap_or("/").to_string(),
        parts.next().unwrap_or("HTTP/1.1").to_string(),
    );
    let mut length = 0usize;
    let mut close = version == "HTTP/1.0";
    let mut chunked = false;
    loop {
        line.clear();
        if reader.read_line(&mut line).await? == 0 {
            return Ok(None);
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            continue;
        };
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
        match name.as_str() {
            "content-length" => match value.parse() {
                Ok(n) => length = n,
                Err(_) => {
                    let message = format!("Invalid Content-Length: {value:?}");
                    return Ok(Some(Err(refusal("400 Bad Request", message))));
                }
            },
            "connection" => close = value.eq_ignore_ascii_case("close"),
            "transfer-encoding" => chunked = !value.eq_ignore_ascii_case("identity"),
            _ => {}
        }
    }
    if chunked {
        let message = "Chunked request bodies are not supported; send Content-Length".into();
        return Ok(Some(Err(refusal("411 Length Required", message))));
    }
    if length > MAX_BODY {
        let message = format!("JSON payload ({length} bytes) is larger than allowed (limit: {MAX_BODY} bytes).");
        return Ok(Some(Err(refusal("413 Payload Too Large", message))));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await?;
    Ok(Some(Ok(Request { method, path, body, close })))
}

/// CORS headers on every answer, as public NEAR RPC nodes send them.
const CORS: &str = "Access-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: GET, POST, OPTIONS\r\nAccess-Control-Allow-Headers: content-type\r\nAccess-Control-Max-Age: 600\r\n";

async fn write_response(stream: &mut TcpStream, status: &str, body: &[u8], close: bool) -> std::io::Result<()> {
    let connection = if close { "close" } else { "keep-alive" };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: {connection}\r\n{CORS}\r\n",
        body.len()
    );
    // One write (head and body together): two small writes would wait on Nagle + delayed ACK.
    let mut response = head.into_bytes();
    response.extend_from_slice(body);
    stream.write_all(&response).await?;
    stream.flush().await
}
