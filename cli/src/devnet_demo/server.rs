//! The demo's page server on 127.0.0.1: `cli/devnet-demo/` at `/`, the widget package
//! (`widget/pkg/`) at `/pkg/`, `GET /demo-config.json` (RPC URL, router, demo accounts) and
//! `POST /dev-wallet/send` (the development wallet). One request per connection
//! (`Connection: close`); CORS allows any origin.

use super::wallet::DevWallet;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// What the page server serves.
pub struct Site {
    /// The page's folder (`cli/devnet-demo`).
    pub page_dir: PathBuf,
    /// The widget package (`widget/pkg`).
    pub pkg_dir: PathBuf,
    /// `GET /demo-config.json`.
    pub config: Value,
    /// The development wallet.
    pub wallet: DevWallet,
}

const MAX_BODY: usize = 1024 * 1024;

/// Serves connections forever.
pub async fn serve(listener: TcpListener, site: Arc<Site>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let site = site.clone();
        tokio::spawn(async move {
            let _ = connection(stream, site).await;
        });
    }
}

async fn connection(stream: TcpStream, site: Arc<Site>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).await?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("/").to_string());
    let mut length = 0usize;
    loop {
        line.clear();
        if reader.read_line(&mut line).await? == 0 || line.trim_end().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(usize::MAX);
            }
        }
    }
    if length > MAX_BODY {
        return respond(reader.get_mut(), "413 Payload Too Large", "text/plain", b"too large").await;
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await?;
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    let (status, kind, bytes) = route(&site, &method, &path, body).await;
    respond(reader.get_mut(), status, kind, &bytes).await
}

async fn route(site: &Arc<Site>, method: &str, path: &str, body: Vec<u8>) -> (&'static str, &'static str, Vec<u8>) {
    const JSON: &str = "application/json";
    match (method, path) {
        ("OPTIONS", _) => ("204 No Content", "text/plain", Vec::new()),
        ("GET", "/demo-config.json") => ("200 OK", JSON, site.config.to_string().into_bytes()),
        ("POST", "/dev-wallet/send") => {
            let site = site.clone();
            let answer = tokio::task::spawn_blocking(move || {
                let request: Value = serde_json::from_slice(&body).map_err(|e| format!("not JSON: {e}"))?;
                site.wallet.send(&request)
            })
            .await
            .unwrap_or_else(|e| Err(e.to_string()));
            match answer {
                Ok(outcome) => ("200 OK", JSON, outcome.to_string().into_bytes()),
                Err(error) => ("400 Bad Request", JSON, json!({ "error": error }).to_string().into_bytes()),
            }
        }
        ("GET", _) => {
            let (dir, rel) = match path.strip_prefix("/pkg/") {
                Some(rel) => (&site.pkg_dir, rel),
                None => (&site.page_dir, path.trim_start_matches('/')),
            };
            let rel = if rel.is_empty() { "index.html" } else { rel };
            match read_file(dir, rel).await {
                Some(bytes) => ("200 OK", content_type(rel), bytes),
                None => ("404 Not Found", "text/plain", b"not found".to_vec()),
            }
        }
        _ => ("405 Method Not Allowed", "text/plain", Vec::new()),
    }
}

/// A file under `dir`; `None` when missing or when `rel` leaves `dir`.
async fn read_file(dir: &Path, rel: &str) -> Option<Vec<u8>> {
    if rel.split('/').any(|part| part == ".." || part.starts_with('.') || part.contains('\\')) {
        return None;
    }
    tokio::fs::read(dir.join(rel)).await.ok()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    }
}

async fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         Access-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: GET, POST, OPTIONS\r\n\
         Access-Control-Allow-Headers: content-type\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut response = head.into_bytes();
    response.extend_from_slice(body);
    stream.write_all(&response).await?;
    stream.shutdown().await
}
