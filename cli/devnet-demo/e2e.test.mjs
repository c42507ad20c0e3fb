// End-to-end on the local devnet: the demo (devnet + deployed contracts + widget page with the
// development wallet) in headless Chromium. Stakes with a profile, checks that the page previews
// exactly the plan the router itself returns over RPC, that the wallet receives exactly that
// deposit call, that the chain executed it (the proxy exists, each pool holds its leg for the
// proxy, the LST tokens are in the wallet), and that the position view then shows it. Then a
// guarded profile: the page previews exactly the router's plan (its guards read over RPC:
// `get_profile_guards`, `validators`, `get_depeg_bands`) and says why the guarded pool is out.
//
// Run by scripts/test-widget.sh after `cargo build -p stake-router-cli` and
// scripts/build-widget.sh: `node --test cli/devnet-demo/e2e.test.mjs`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const TARGET = resolve(process.env.CARGO_TARGET_DIR ?? join(import.meta.dirname, "../../target"));
const ARTIFACTS = join(TARGET, "widget-artifacts");
const W = "stake-router-widget";
let demo, rpcUrl, pageUrl, browser, page;

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

before(async () => {
  const home = await mkdtemp(join(tmpdir(), "devnet-demo-"));
  demo = spawn(join(TARGET, "debug/stake-router"), ["devnet-demo", "--port", "0", "--page-port", "0", "--home", home], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
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
  demo?.kill("SIGTERM");
});

test("a balanced stake through the widget lands on the devnet exactly as previewed", async () => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pageUrl);
  await page.waitForFunction(() => document.querySelector("[data-srw=account]")?.textContent.includes("available"), null, { timeout: 30_000 });
  const account = await page.$eval("#account", (s) => s.value);
  assert.match(account, /^alice\./);
  await page.click(`${W} label:has(input[value="balanced"])`);
  await page.fill(`${W} [data-srw=amount]`, "10");
  await page.waitForSelector(`${W} [data-srw=leg]`);
  const shown = await page.$$eval(`${W} [data-srw=leg]`, (ls) => ls.map((l) => ({ target: l.dataset.target, amount: l.dataset.amount })));

  // The router's own preview over RPC: the page must show exactly these legs.
  const amount = "10000000000000000000000000";
  const plan = await view("router.test.near", "preview_deposit", { amount, account_id: account, profile: "balanced" });
  assert.deepEqual(shown, plan.legs.map((l) => ({ target: l.target, amount: l.amount })));

  await page.click(`${W} [data-srw=stake]`);
  await page.waitForFunction(() => document.querySelector("[data-srw=status]")?.textContent.includes("Deposit sent"), null, { timeout: 60_000 });
  const sent = await page.textContent("#log");
  const signed = JSON.parse(sent.match(/signs (\{.*\})/)[1]);
  assert.deepEqual(signed, {
    receiverId: "router.test.near",
    actions: [{ type: "FunctionCall", params: { methodName: "deposit", args: { profile: "balanced" }, gas: String(plan.gas_required), deposit: amount } }],
  });

  // The chain executed it: proxy, each pool's leg, each LST's tokens.
  const proxy = await view("router.test.near", "get_proxy", { beneficiary_id: account });
  assert.equal(proxy.exists, true);
  for (const leg of plan.legs) {
    if (leg.kind.type === "validator") {
      assert.equal(await view(leg.target, "get_account_total_balance", { account_id: proxy.proxy_id }), leg.amount);
    } else {
      assert.notEqual(await view(leg.target, "ft_balance_of", { account_id: account }), "0");
    }
  }
  // After a reload, the position view (router-core's composer over the devnet's views) shows the
  // proxy's two pools.
  await page.reload();
  await page.waitForSelector(`${W} [data-srw=position] [data-srw=pool]`, { timeout: 30_000 });
  const pools = await page.$$eval(`${W} [data-srw=position] [data-srw=pool]`, (ps) => ps.length);
  assert.equal(pools, plan.legs.filter((l) => l.kind.type === "validator").length);
  await page.screenshot({ path: join(ARTIFACTS, "devnet-demo.png"), fullPage: true });
  assert.deepEqual(errors, []);
});

test("advancing epochs on the page makes the chain's rewards appear, with no owner key", async () => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pageUrl);
  await page.waitForSelector(`${W} [data-srw=position] [data-srw=pool]`, { timeout: 30_000 });
  const account = await page.$eval("#account", (s) => s.value);
  const proxy = (await view("router.test.near", "get_proxy", { beneficiary_id: account })).proxy_id;
  const pools = await page.$$eval(`${W} [data-srw=position] [data-srw=pool]`, (ps) => ps.map((p) => p.dataset.pool));
  const before = {};
  for (const pool of pools) before[pool] = BigInt(await view(pool, "get_account_total_balance", { account_id: proxy }));

  // Four 12-hour epochs; the page's keeper step pings each pool from the picked demo account.
  await page.fill("#epochs", "4");
  await page.click("#advance");
  await page.waitForFunction(() => document.querySelector("#log")?.textContent.includes("pinged"), null, { timeout: 60_000 });
  const log = await page.textContent("#log");
  assert.doesNotMatch(log, /owner\.test\.near signs/, "no owner key signed anything");
  for (const pool of pools) {
    const now = BigInt(await view(pool, "get_account_total_balance", { account_id: proxy }));
    assert.ok(now > before[pool], `${pool}: ${before[pool]} -> ${now}`);
  }
  // The position view shows them, per pool and in total.
  await page.waitForFunction((w) => [...document.querySelectorAll(`${w} [data-srw=position] [data-srw=pool]`)].every((p) => BigInt(p.dataset.rewards) > 0n), W, { timeout: 30_000 });
  const total = await page.textContent(`${W} [data-srw=total-rewards]`);
  assert.doesNotMatch(total, /\b0 NEAR\b/, total);
  await page.screenshot({ path: join(ARTIFACTS, "devnet-demo-rewards.png"), fullPage: true });
  assert.deepEqual(errors, []);
});

test("a guarded profile previews exactly the router's plan and says why a pool is left out", async () => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pageUrl);
  await page.waitForFunction(() => document.querySelector("[data-srw=account]")?.textContent.includes("available"), null, { timeout: 30_000 });
  const account = await page.$eval("#account", (s) => s.value);
  // The demo guards `direct-heavy`: validators above 20% of the network's stake are left out.
  const guards = await view("router.test.near", "get_profile_guards", { name: "direct-heavy" });
  assert.deepEqual(guards, { max_validator_network_share_bps: 2000, skip_out_of_band_liquid: true });
  // The devnet's `validators` (what the widget reads) is the set the contract reads on chain.
  const validators = (await rpc("validators", [null])).current_validators;
  const total = validators.reduce((t, v) => t + BigInt(v.stake), 0n);
  const big = validators.find((v) => BigInt(v.stake) * 10000n > 2000n * total);
  assert.ok(big, `one validator is above 20%: ${JSON.stringify(validators)}`);

  await page.click(`${W} label:has(input[value="direct-heavy"])`);
  await page.fill(`${W} [data-srw=amount]`, "10");
  await page.waitForSelector(`${W} [data-srw=folded] li[data-reason=concentration_guard]`, { timeout: 30_000 });
  const shown = await page.$$eval(`${W} [data-srw=leg]`, (ls) => ls.map((l) => ({ target: l.dataset.target, amount: l.dataset.amount })));
  const folded = await page.$$eval(`${W} [data-srw=folded] li`, (ls) => ls.map((l) => ({ target: l.dataset.target, amount: l.dataset.amount, reason: l.dataset.reason, text: l.textContent })));

  // The router's own preview over RPC, with the guards it builds on chain.
  const amount = "10000000000000000000000000";
  const plan = await view("router.test.near", "preview_deposit", { amount, account_id: account, profile: "direct-heavy" });
  assert.deepEqual(shown, plan.legs.map((l) => ({ target: l.target, amount: l.amount })));
  assert.deepEqual(folded.map(({ text, ...f }) => f), plan.folded.map((f) => ({ target: f.target, amount: f.would_have_been, reason: f.reason })));
  const guarded = folded.find((f) => f.reason === "concentration_guard");
  assert.equal(guarded.target, big.account_id);
  assert.match(guarded.text, /holds 30(\.\d+)?% of the network's stake, above this profile's limit of 20%/);
  assert.ok(!shown.some((l) => l.target === big.account_id), "the guarded pool gets nothing");
  await page.screenshot({ path: join(ARTIFACTS, "devnet-demo-guarded.png"), fullPage: true });
  assert.deepEqual(errors, []);
});
