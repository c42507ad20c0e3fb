// End to end on the local devnet, through @near-wallet-selector/core: the example page sets up
// the selector with the project's test wallet module (src/test-wallet.js: signs with a local
// key through @near-js/*), hands the selector's wallet to the widget as it is, and the widget
// drives the library's own code path (getAccounts, signAndSendTransaction with near-api-js
// Actions, signed with borsh and sent with send_tx):
//
//   1. a deposit whose liquid leg the protocol refuses (the mock's owner switch) shows that leg
//      refunded, leg by leg, and not a green success; the chain agrees;
//   2. Max stakes the most the account can, with its gas left aside, and the chain accepts it;
//   3. an exit: Unstake with no amount asks first, then unstakes everything in that pool.
//
// Run by scripts/test-widget.sh after `cargo build -p stake-router-cli`, scripts/build-widget.sh
// and `npm ci && npm run build` here: `node --test examples/wallet-selector/e2e.test.mjs`.
// Screenshots go to $CARGO_TARGET_DIR/widget-artifacts/wallet-selector-*.png.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdtemp, mkdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { Account } from "@near-js/accounts";
import { KeyPair } from "@near-js/crypto";
import { JsonRpcProvider } from "@near-js/providers";
import { KeyPairSigner } from "@near-js/signers";

const HERE = import.meta.dirname;
const ROOT = resolve(HERE, "../..");
const TARGET = resolve(process.env.CARGO_TARGET_DIR ?? join(ROOT, "target"));
const ARTIFACTS = join(TARGET, "widget-artifacts");
const W = "stake-router-widget";
const USER = "bob.test.near";
let demo, server, siteUrl, rpcUrl, demoConfig, browser, page;

async function rpc(method, params) {
  const res = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = await res.json();
  if (body.error) throw new Error(JSON.stringify(body.error));
  return body.result;
}

async function view(account_id, method_name, args) {
  const r = await rpc("query", { request_type: "call_function", finality: "final", account_id, method_name, args_base64: Buffer.from(JSON.stringify(args)).toString("base64") });
  return JSON.parse(Buffer.from(r.result).toString());
}

async function balance(account_id) {
  return BigInt((await rpc("query", { request_type: "view_account", finality: "final", account_id })).amount);
}

/** Signs as the mocks' owner: the devnet's `sandbox_patch_state` gives it a key of ours. */
async function asOwner(owner) {
  const key = KeyPair.fromRandom("ed25519");
  await rpc("sandbox_patch_state", { records: [{ AccessKey: { account_id: owner, public_key: key.getPublicKey().toString(), access_key: { nonce: 0, permission: "FullAccess" } } }] });
  return new Account(owner, new JsonRpcProvider({ url: rpcUrl }), new KeyPairSigner(key));
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

before(async () => {
  const home = await mkdtemp(join(tmpdir(), "wallet-selector-example-"));
  demo = spawn(join(TARGET, "debug/stake-router"), ["devnet-demo", "--port", "0", "--page-port", "0", "--home", home], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  let pageUrl;
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the demo did not start:\n${out}`)), 120_000);
    demo.stdout.on("data", (d) => {
      out += d;
      const rpcMatch = out.match(/devnet RPC\s+(http:\/\/127\.0\.0\.1:\d+)/);
      const pageMatch = out.match(/Open the page:\s+(http:\/\/127\.0\.0\.1:\d+\/)/);
      if (rpcMatch && pageMatch) {
        [rpcUrl, pageUrl] = [rpcMatch[1], pageMatch[1]];
        clearTimeout(timer);
        ok();
      }
    });
    demo.on("exit", (code) => fail(new Error(`the demo exited (${code}):\n${out}`)));
  });
  demoConfig = await (await fetch(new URL("/demo-config.json", pageUrl))).json();
  const key = JSON.parse(await readFile(join(home, "credentials", demoConfig.network, `${USER}.json`), "utf8"));
  const pageConfig = JSON.stringify({ rpcUrl, routerId: demoConfig.routerId, account: { accountId: USER, privateKey: key.private_key } });
  // The example page (index.html, dist/page.js), its config and the widget package at /pkg/.
  server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path === "/config.json") return res.writeHead(200, { "content-type": TYPES[".json"] }).end(pageConfig);
    const file = path.startsWith("/pkg/") ? join(ROOT, "widget", path) : join(HERE, path === "/" ? "index.html" : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  siteUrl = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"],
  });
  page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
  demo?.kill("SIGTERM");
});

async function shots(name) {
  await page.screenshot({ path: join(ARTIFACTS, `wallet-selector-${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 900 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no sideways scrolling at phone width (${width}px)`);
  await page.screenshot({ path: join(ARTIFACTS, `wallet-selector-${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1000, height: 1200 });
}

async function depositStatus() {
  await page.waitForFunction(() => {
    const s = document.querySelector("[data-srw=status]");
    return s && /Deposit|Nothing was staked|not sent|failed/.test(s.textContent) && !s.textContent.startsWith("Confirm");
  }, null, { timeout: 90_000 });
  return { text: await page.textContent(`${W} [data-srw=status]`), tone: await page.getAttribute(`${W} [data-srw=status]`, "data-tone") };
}

async function outcome() {
  return page.$$eval(`${W} [data-srw=outcome] li`, (ls) => ls.map((l) => ({ target: l.dataset.target, result: l.dataset.result, amount: l.dataset.amount })));
}

test("through wallet-selector: a refused leg is shown refunded, Max stakes all it can, Unstake asks and exits", async () => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(siteUrl);
  await page.click("#connect");
  await page.waitForFunction((u) => document.querySelector("[data-srw=account]")?.textContent.includes(`${u} · available`), USER, { timeout: 30_000 });
  assert.match(await page.textContent("#wallet-status"), /Connected through wallet-selector: bob\.test\.near/);
  const router = demoConfig.routerId;
  const meta = demoConfig.lsts.find((t) => t.includes("metapool"));

  // 1. The protocol refuses its leg (its owner's switch): that leg is refunded, the rest staked.
  const owner = await asOwner((await view(router, "get_config", {})).owner_id);
  await owner.callFunctionRaw({ contractId: meta, methodName: "set_fail", args: { fail: true }, gas: 30_000_000_000_000n, waitUntil: "FINAL" });
  await page.click(`${W} label:has(input[value="balanced"])`);
  await page.fill(`${W} [data-srw=amount]`, "20");
  await page.waitForSelector(`${W} [data-srw=leg]`);
  const plan = await view(router, "preview_deposit", { amount: "20000000000000000000000000", account_id: USER, profile: "balanced" });
  assert.ok(plan.legs.some((l) => l.target === meta), `the plan has a ${meta} leg`);
  const before = await balance(USER);
  await page.click(`${W} [data-srw=stake]`);
  let status = await depositStatus();
  const refused = plan.legs.find((l) => l.target === meta);
  assert.match(status.text, new RegExp(`^Deposit partly done: ${plan.legs.length - 1} of ${plan.legs.length} parts staked, `), status.text);
  assert.equal(status.tone, "warn", "not a green success");
  assert.deepEqual(await outcome(), plan.legs.map((l) => ({ target: l.target, amount: l.amount,
    result: l.target === meta ? "refunded" : l.kind.type === "validator" ? "staked" : "delivered" })));
  // The chain agrees: no stNEAR, and the account paid 20 NEAR less the refused leg (and gas).
  assert.equal(await view(meta, "ft_balance_of", { account_id: USER }), "0");
  const paid = before - (await balance(USER));
  assert.ok(paid < 20n * 10n ** 24n - BigInt(refused.amount) + 10n ** 24n, `paid ${paid}`);
  await shots("refunded");
  await owner.callFunctionRaw({ contractId: meta, methodName: "set_fail", args: { fail: false }, gas: 30_000_000_000_000n, waitUntil: "FINAL" });

  // 2. Max: exactly the figure shown, and the chain takes it (the gas was left aside).
  await page.waitForSelector(`${W} [data-srw=max]`);
  const shown = (await page.textContent(`${W} [data-srw=account]`)).match(/available ([\d.]+) NEAR/)[1];
  await page.click(`${W} [data-srw=max]`);
  assert.equal(await page.inputValue(`${W} [data-srw=amount]`), shown);
  await page.waitForSelector(`${W} [data-srw=leg]`);
  await page.click(`${W} [data-srw=stake]`);
  status = await depositStatus();
  assert.match(status.text, /^Deposit done: all \d+ parts are staked\./, status.text);
  assert.equal(status.tone, "ok");
  const left = await balance(USER);
  assert.ok(left < 10n ** 24n, `at most 1 NEAR left after Max: ${left}`);
  await shots("max");

  // 3. Exit: Unstake with no amount asks first; the second press unstakes all of that pool.
  const proxy = (await view(router, "get_proxy", { beneficiary_id: USER })).proxy_id;
  await page.waitForSelector(`${W} [data-srw=position] [data-srw=unstake]`, { timeout: 30_000 });
  const pool = await page.getAttribute(`${W} [data-srw=position] [data-srw=unstake]`, "data-pool");
  const staked = BigInt(await view(pool, "get_account_staked_balance", { account_id: proxy }));
  await page.click(`${W} [data-srw=unstake][data-pool="${pool}"]`);
  assert.match(await page.textContent(`${W} [data-srw=position-status]`), /^Nothing sent: with no amount this takes all /);
  assert.equal(BigInt(await view(pool, "get_account_staked_balance", { account_id: proxy })), staked, "nothing unstaked yet");
  await page.click(`${W} [data-srw=unstake][data-pool="${pool}"]`);
  await page.waitForFunction(() => {
    const s = document.querySelector("[data-srw=position-status]");
    return s && (s.dataset.tone === "ok" || s.dataset.tone === "error");
  }, null, { timeout: 90_000 });
  const exit = await page.textContent(`${W} [data-srw=position-status]`);
  assert.equal(await page.getAttribute(`${W} [data-srw=position-status]`, "data-tone"), "ok", exit);
  assert.equal(await view(pool, "get_account_staked_balance", { account_id: proxy }), "0");
  assert.ok(BigInt(await view(pool, "get_account_unstaked_balance", { account_id: proxy })) >= staked);
  await shots("exit");
  assert.deepEqual(errors, []);
});
