// Two small local servers for the widget's example page and its end-to-end test:
//
//   startRpcStub()   a NEAR JSON-RPC STAND-IN on 127.0.0.1 answering the router's views from
//                    fixtures.json (until the local devnet exists), with CORS like a public node;
//   startSite()      the example page (index.html, page.js) and the built package (/pkg/ ->
//                    widget/pkg/) on another 127.0.0.1 port, so RPC calls are cross-origin.
//
// `node widget/host/servers.mjs` starts both and prints the page's address.
import { createServer } from "node:http";
import { createSecureServer } from "node:http2";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");

/** The fixtures (a fresh copy). */
export async function loadFixtures() {
  return JSON.parse(await readFile(join(HERE, "fixtures.json"), "utf8"));
}

/** The proxy label rule of router-core's naming.rs: the first 24 hex of sha256(beneficiary). */
export const proxyLabel = (account) => createHash("sha256").update(account).digest("hex").slice(0, 24);

function listen(server, port) {
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok(server.address().port));
  });
}

/**
 * Starts the RPC stand-in. The first `failFirst` POSTs (only those asking `failMethod`, when
 * given: the widget reads several things at once, and only some of them show their retries)
 * are answered HTTP 503, to exercise the widget's retries. Resolves to { url, requests, close };
 * `requests` lists each request's `method_name` (or `request_type`) in order. `delayMs` holds
 * every answer that long (a node across a network; the benchmark's RPC_DELAY_MS). `http2` serves
 * HTTP/2 over TLS with a certificate made for this run (as public NEAR RPC endpoints serve it;
 * the browser must then be told to accept the certificate): requests to one host are then
 * multiplexed on one connection instead of queued six at a time (the benchmark's RPC_HTTP2).
 */
export async function startRpcStub({ port = 0, failFirst = 0, failMethod, fixtures, delayMs = 0, http2 = false } = {}) {
  const fx = fixtures ?? (await loadFixtures());
  const makeAnswer = vm.runInThisContext(await readFile(join(HERE, "rpc-answer.js"), "utf8"));
  const answer = makeAnswer(fx, proxyLabel);
  const requests = [];
  let failuresLeft = failFirst;
  const cors = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "content-type",
    // Lets the benchmark read each answer's protocol (Resource Timing's nextHopProtocol).
    "Timing-Allow-Origin": "*",
  };
  const handle = (req, res) => {
    if (req.method === "OPTIONS") {
      res.writeHead(204, cors).end();
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, cors).end();
      return;
    }
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      let request;
      try {
        request = JSON.parse(body);
      } catch {
        res.writeHead(400, cors).end("not JSON");
        return;
      }
      const p = request.params ?? {};
      const name = p.method_name ?? p.request_type ?? request.method;
      requests.push(name);
      if (failuresLeft > 0 && (failMethod === undefined || name === failMethod)) {
        failuresLeft -= 1;
        res.writeHead(503, cors).end("stub: service unavailable");
        return;
      }
      const send = () =>
        res.writeHead(200, { ...cors, "Content-Type": "application/json" }).end(JSON.stringify(answer(request)));
      if (delayMs > 0) setTimeout(send, delayMs);
      else send();
    });
  };
  const server = http2 ? createSecureServer({ ...(await selfSigned()), allowHTTP1: true }, handle) : createServer(handle);
  const bound = await listen(server, port);
  const scheme = http2 ? "https" : "http";
  return { url: `${scheme}://127.0.0.1:${bound}`, requests, close: () => new Promise((ok) => server.close(ok)) };
}

/** A key and a certificate for 127.0.0.1, valid for a day (openssl). */
async function selfSigned() {
  const dir = await mkdtemp(join(tmpdir(), "srw-tls-"));
  try {
    const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
      { stdio: "ignore" });
    return { key: await readFile(key), cert: await readFile(cert) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
};

/** Serves the example page and widget/pkg/ (built by scripts/build-widget.sh). */
export async function startSite({ port = 0 } = {}) {
  const roots = { "/pkg/": join(ROOT, "widget/pkg"), "/": HERE };
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const [prefix, dir] = Object.entries(roots).find(([p]) => path.startsWith(p));
    const rel = normalize(path.slice(prefix.length) || "index.html");
    if (rel.startsWith("..")) {
      res.writeHead(403).end();
      return;
    }
    try {
      const data = await readFile(join(dir, rel));
      res.writeHead(200, { "Content-Type": TYPES[extname(rel)] ?? "application/octet-stream", "Cache-Control": "no-store" }).end(data);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  const bound = await listen(server, port);
  return { url: `http://127.0.0.1:${bound}`, close: () => new Promise((ok) => server.close(ok)) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rpc = await startRpcStub({ port: Number(process.env.RPC_PORT ?? 3031) });
  const site = await startSite({ port: Number(process.env.PORT ?? 3030) });
  console.log(`RPC stand-in: ${rpc.url} (fixtures.json)`);
  console.log(`Example page: ${site.url}/?rpc=${encodeURIComponent(rpc.url)}`);
}
