// End-to-end on the local devnet: the demo (devnet + deployed contracts + widget page with the
// development wallet) in headless Chromium. Stakes with a profile, checks that the page previews
// exactly the plan the router itself returns over RPC, that the wallet receives exactly that
// deposit call, that the chain executed it (the proxy exists, each pool holds its leg for the
// proxy, the LST tokens are in the wallet), and that the position view then shows it. Then a
// guarded profile: the page previews exactly the router's plan (its guards read over RPC:
// `get_profile_guards`, `validators`, `get_depeg_bands`) and says why the guarded pool is out.
// The yearly rate shown for each leg is the growth the chain produced over the widget's window
// (the account's own stake in each pool, each token's price), read here with plain `query` calls.
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
  await page.waitForFunction(() => document.querySelector("[data-srw=status]")?.textContent.includes("Deposit done"), null, { timeout: 60_000 });
  // Each leg's outcome, read from the transaction's events: every one staked.
  assert.equal(await page.getAttribute(`${W} [data-srw=status]`, "data-tone"), "ok");
  const outcome = await page.$$eval(`${W} [data-srw=outcome] li`, (ls) => ls.map((l) => [l.dataset.target, l.dataset.result, l.dataset.amount]));
  assert.deepEqual(outcome, plan.legs.map((l) => [l.target, l.kind.type === "validator" ? "staked" : "delivered", l.amount]));
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

/** `account_id.method_name(args)` at block `height`. */
async function viewAt(account_id, method_name, args, height) {
  const r = await rpc("query", { request_type: "call_function", block_id: height, account_id, method_name, args_base64: Buffer.from(JSON.stringify(args)).toString("base64") });
  return JSON.parse(Buffer.from(r.result).toString());
}

/** A block's timestamp in ns, exactly (read from the answer's text, not as a JS number). */
async function blockNs(height) {
  const res = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "block", params: { block_id: height } }) });
  return BigInt((await res.text()).match(/"timestamp":(\d+)/)[1]);
}

/** router_core::figures::annualized_ppm, independently: the growth in ppm (rounded down), then
 * scaled from the window's seconds to 365 days (rounded down), sign kept. */
function annualized(then, now, seconds) {
  const diff = now >= then ? now - then : then - now;
  const yearly = ((diff * 1_000_000n) / then) * 31_536_000n / BigInt(seconds);
  return now >= then ? yearly : -yearly;
}

test("the yearly rate shown for each leg is the growth the chain produced", async () => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pageUrl);
  await page.waitForFunction(() => document.querySelector("[data-srw=account]")?.textContent.includes("available"), null, { timeout: 30_000 });
  const account = await page.$eval("#account", (s) => s.value);
  const proxy = (await view("router.test.near", "get_proxy", { beneficiary_id: account })).proxy_id;
  // Four more epochs with the keeper's pings: alice's stake sat in both pools for the whole
  // window the widget measures (4 epochs), with no flow in or out.
  await page.fill("#epochs", "4");
  await page.click("#advance");
  await page.waitForFunction(() => document.querySelector("#log")?.textContent.split("\n")[0].includes("pinged"), null, { timeout: 90_000 });
  await page.click(`${W} label:has(input[value="balanced"])`);
  await page.fill(`${W} [data-srw=amount]`, "10");
  await page.waitForFunction((w) => {
    const legs = [...document.querySelectorAll(`${w} [data-srw=leg]`)];
    return legs.length > 0 && document.querySelector(`${w} [data-srw=blended][data-ppm]`)
      && legs.every((l) => l.dataset.apySource === (l.dataset.kind === "validator" ? "own_growth" : "price_growth"));
  }, W, { timeout: 60_000 });
  const blended = await page.$eval(`${W} [data-srw=blended]`, (b) => ({ ...b.dataset, text: b.textContent }));
  const [from, to] = [Number(blended.windowFrom), Number(blended.windowTo)];
  const seconds = (await blockNs(to) - await blockNs(from)) / 1_000_000_000n;
  assert.equal(String(seconds), blended.windowSeconds);
  const targets = await view("router.test.near", "get_targets", {});
  const legs = await page.$$eval(`${W} [data-srw=leg]`, (ls) => ls.map((l) => ({ target: l.dataset.target, kind: l.dataset.kind, ppm: l.dataset.apyPpm, line: l.querySelector("[data-srw=leg-apy]").textContent })));
  const figures = [];
  for (const leg of legs) {
    let then, now;
    if (leg.kind === "validator") {
      const value = async (h) => {
        const a = await viewAt(leg.target, "get_account", { account_id: proxy }, h);
        return BigInt(a.staked_balance) + BigInt(a.unstaked_balance);
      };
      [then, now] = [await value(from), await value(to)];
      assert.ok(now > then, `${leg.target}: the chain paid rewards in the window`);
    } else {
      const t = targets.find((x) => x.account_id === leg.target);
      const method = t.kind.protocol === "linear" ? "ft_price" : "get_st_near_price";
      [then, now] = [BigInt(await viewAt(leg.target, method, {}, from)), BigInt(await viewAt(leg.target, method, {}, to))];
    }
    const want = annualized(then, now, seconds);
    assert.equal(leg.ppm, String(want), `${leg.target}: ${leg.line}`);
    figures.push({ target: leg.target, source: leg.kind === "validator" ? "own_growth" : "price_growth", then: String(then), now: String(now), ppm: leg.ppm, shown: leg.line });
  }
  console.log(`figures over blocks ${from}..${to} (${seconds} s): ${JSON.stringify(figures)}; blend: ${blended.text}`);
  await page.click(`${W} [data-srw=leg][data-kind=validator] summary`);
  await page.locator(`${W} [data-srw=preview]`).screenshot({ path: join(ARTIFACTS, "devnet-figures.png") });
  await page.setViewportSize({ width: 320, height: 900 });
  const fits = await page.$eval(`${W} [data-srw=preview]`, (p) => p.scrollWidth <= p.clientWidth);
  await page.locator(`${W} [data-srw=preview]`).screenshot({ path: join(ARTIFACTS, "devnet-figures-phone.png") });
  await page.setViewportSize({ width: 1000, height: 1200 });
  assert.ok(fits, "the preview fits at 320 px");
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

/** The number in a data attribute of the first element matching `selector`, as a BigInt. */
async function attr(selector, name) {
  return BigInt(await page.getAttribute(selector, name));
}

/** Waits for the position status to say an exit is done (or fails with what it says). */
async function exitDone() {
  await page.waitForFunction(() => {
    const s = document.querySelector("[data-srw=position-status]");
    return s && (s.dataset.tone === "ok" || s.dataset.tone === "error");
  }, null, { timeout: 90_000 });
  const status = await page.textContent(`${W} [data-srw=position-status]`);
  assert.equal(await page.getAttribute(`${W} [data-srw=position-status]`, "data-tone"), "ok", status);
  return status;
}

/** Types `amount` as the liquid token's exit amount and waits for its quotes for it. */
async function quoteFor(token, amount, kind) {
  const card = `${W} [data-srw=token][data-token="${token}"]`;
  await page.waitForSelector(`${card} [data-srw=exit-token-amount]`, { timeout: 30_000 });
  await page.fill(`${card} [data-srw=exit-token-amount]`, amount);
  await page.press(`${card} [data-srw=exit-token-amount]`, "Tab");
  await page.waitForSelector(`${card} [data-srw=exit-delayed] button`, { timeout: 30_000 }).catch(async (e) => {
    throw new Error(`${e.message}\nthe token shows: ${await page.textContent(card)}`);
  });
  await page.waitForFunction(([c, u]) => document.querySelector(`${c} [data-srw=exit-delayed] button`)?.textContent.includes(` ${u} `), [card, amount]);
  if (kind) await page.waitForSelector(`${card} [data-srw=exit-instant][data-kind=${kind}]`, { timeout: 30_000 });
  return { card };
}

test("both exits of a liquid token pay what they quoted, and a liquid unstake is withdrawn once unlocked", async () => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pageUrl);
  const account = await page.$eval("#account", (s) => s.value);
  const targets = await view("router.test.near", "get_targets", {});
  const meta = targets.find((t) => t.kind.type === "liquid" && t.kind.protocol === "meta_pool").account_id;
  const config = await (await fetch(new URL("/demo-config.json", pageUrl))).json();
  const wnear = config.exchange.wnearId;
  const figures = {};

  // 1. Instant, on the exchange: the swap pays the quoted wNEAR, all of it unwrapped to NEAR.
  let { card } = await quoteFor(meta, "0.5", "exchange");
  await page.screenshot({ path: join(ARTIFACTS, "devnet-exits.png"), fullPage: true });
  const swapCard = `${card} [data-srw=exit-instant][data-kind=exchange]`;
  const swapQuote = await attr(swapCard, "data-near");
  const wnearBefore = BigInt(await view(wnear, "ft_balance_of", { account_id: account }));
  await page.click(`${swapCard} button`);
  let status = await exitDone();
  const swapPaid = await attr(`${W} [data-srw=position-status]`, "data-received");
  assert.equal(swapPaid, swapQuote, status);
  assert.equal(BigInt(await view(wnear, "ft_balance_of", { account_id: account })), wnearBefore, "every wNEAR unwrapped");
  const signed = await page.textContent("#log"); // newest first
  const unwrap = signed.match(/"methodName":"near_withdraw","args":\{"amount":"(\d+)"\}/);
  assert.ok(unwrap, signed);
  assert.equal(BigInt(unwrap[1]), swapQuote, "the unwrap is exactly what the swap paid");
  figures.swap = { quoted: String(swapQuote), paid: String(swapPaid) };

  // 2. Instant, Meta Pool's own pool (liquid_unstake): its LiquidUnstakeResult.near is the quote.
  ({ card } = await quoteFor(meta, "0.25", "protocol"));
  const ownCard = `${card} [data-srw=exit-instant][data-kind=protocol]`;
  const ownQuote = await attr(ownCard, "data-near");
  await page.click(`${ownCard} button`);
  status = await exitDone();
  assert.equal(await attr(`${W} [data-srw=position-status]`, "data-received"), ownQuote, status);
  figures.liquid_unstake = { quoted: String(ownQuote), paid: String(await attr(`${W} [data-srw=position-status]`, "data-received")) };

  // 3. Delayed: unstake 0.25 token's value; the protocol's account view holds exactly the quote.
  ({ card } = await quoteFor(meta, "0.25"));
  const delayedQuote = await attr(`${card} [data-srw=exit-delayed]`, "data-near");
  const unlockEpoch = Number(await attr(`${card} [data-srw=exit-delayed]`, "data-unlock-epoch"));
  const unstakedBefore = BigInt((await view(meta, "get_account_info", { account_id: account })).unstaked);
  await page.click(`${card} [data-srw=exit-delayed] button`);
  await exitDone();
  const info = await view(meta, "get_account_info", { account_id: account });
  assert.equal(BigInt(info.unstaked) - unstakedBefore, delayedQuote);
  assert.equal(Number(info.unstaked_requested_unlock_epoch), unlockEpoch);
  figures.delayed = { quoted: String(delayedQuote), unstaked: String(BigInt(info.unstaked) - unstakedBefore), unlock_epoch: unlockEpoch };

  // The pending unstake is tracked, not withdrawable yet, with its epoch and time.
  const pending = `${W} [data-srw=pending][data-token="${meta}"]`;
  await page.waitForSelector(pending, { timeout: 30_000 });
  assert.equal(await page.getAttribute(pending, "data-ready"), "false");
  assert.equal(await attr(pending, "data-amount"), BigInt(info.unstaked));
  assert.match(await page.textContent(`${pending} [data-srw=pending-unlock]`), new RegExp(`epoch ${unlockEpoch} \\(now \\d+; about `));
  assert.equal(await page.$(`${pending} button`), null, "no Withdraw before the unlock");
  await page.screenshot({ path: join(ARTIFACTS, "devnet-exits-pending.png"), fullPage: true });

  // 4. Advance past the unlock: Withdraw appears and pays the unstaked NEAR.
  await page.fill("#epochs", "6");
  await page.click("#advance");
  await page.waitForFunction(() => document.querySelector("#log")?.textContent.split("\n")[0].includes("pinged"), null, { timeout: 90_000 });
  await page.waitForSelector(`${pending}[data-ready=true] button`, { timeout: 30_000 });
  await page.click(`${pending} button`);
  await exitDone();
  const after = await view(meta, "get_account_info", { account_id: account });
  assert.equal(after.unstaked, "0");
  await page.waitForFunction((p) => !document.querySelector(p), pending, { timeout: 30_000 });
  console.log(`exit figures (yoctoNEAR): ${JSON.stringify(figures)}`);
  assert.deepEqual(errors, []);
});

test("in DAO mode the widget writes the proposal, and its call routes the treasury as previewed", async () => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pageUrl);
  await page.waitForFunction(() => document.querySelector("[data-srw=account]")?.textContent.includes("available"), null, { timeout: 30_000 });
  const dao = await page.$eval("#account", (s) => [...s.options].map((o) => o.value).find((v) => v.startsWith("treasury-dao.")));
  assert.ok(dao, "the demo has a DAO account");
  // The host marks the account as a DAO and collects the proposals the widget hands it.
  await page.evaluate((accountId) => {
    window.proposals = [];
    document.querySelector("stake-router-widget").dao = { accountId, onProposal: (p) => window.proposals.push(p) };
  }, dao);
  await page.waitForFunction(() => document.querySelector("[data-srw=account]")?.textContent.includes("treasury available"), null, { timeout: 30_000 });
  // The DAO's stored policy is offered first.
  await page.waitForSelector(`${W} input[data-srw=stored]:checked`, { timeout: 30_000 });
  await page.fill(`${W} [data-srw=amount]`, "100");
  await page.waitForSelector(`${W} [data-srw=leg]`);
  const shown = await page.$$eval(`${W} [data-srw=leg]`, (ls) => ls.map((l) => ({ target: l.dataset.target, amount: l.dataset.amount })));
  const amount = "100000000000000000000000000";
  const plan = await view("router.test.near", "preview_deposit", { amount, account_id: dao });
  assert.deepEqual(shown, plan.legs.map((l) => ({ target: l.target, amount: l.amount })));

  const before = (await page.textContent("#log")).length;
  await page.click(`${W} [data-srw=stake]`);
  await page.waitForFunction(() => window.proposals.length === 1, null, { timeout: 30_000 });
  const proposal = await page.evaluate(() => window.proposals[0]);
  assert.equal((await page.textContent("#log")).length, before, "the wallet was not asked to sign");
  assert.equal(proposal.daoId, dao);
  const { receiver_id, actions } = proposal.addProposal.proposal.kind.FunctionCall;
  assert.equal(receiver_id, "router.test.near");
  assert.equal(actions.length, 1);
  assert.deepEqual(JSON.parse(Buffer.from(actions[0].args, "base64").toString()), {});
  assert.equal(actions[0].deposit, amount);
  assert.equal(actions[0].gas, String(plan.gas_required));
  assert.match(await page.textContent(`${W} [data-srw=status]`), /^Proposal for treasury-dao\..* written below/);
  assert.equal(await page.textContent(`${W} [data-srw=proposal-description]`), proposal.description);
  await page.screenshot({ path: join(ARTIFACTS, "devnet-dao-proposal.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(ARTIFACTS, "devnet-dao-proposal-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1000, height: 1200 });

  // Approved, Sputnik's act_proposal makes exactly this call as the DAO. The demo's DAO is a
  // plain account with a key, so it makes the call itself: the chain must route as previewed.
  const result = await page.evaluate(async ({ accountId, receiverId, action }) => {
    const transaction = { receiverId, actions: [{ type: "FunctionCall", params: { methodName: action.method_name, args: action.args, gas: action.gas, deposit: action.deposit } }] };
    const response = await fetch("/dev-wallet/send", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ accountId, transaction }) });
    return response.json();
  }, { accountId: dao, receiverId: receiver_id, action: actions[0] });
  assert.ok(result.status && "SuccessValue" in result.status, JSON.stringify(result.status));
  const proxy = await view("router.test.near", "get_proxy", { beneficiary_id: dao });
  assert.equal(proxy.exists, true);
  for (const leg of plan.legs) {
    if (leg.kind.type === "validator") {
      assert.equal(await view(leg.target, "get_account_total_balance", { account_id: proxy.proxy_id }), leg.amount);
    } else {
      assert.notEqual(await view(leg.target, "ft_balance_of", { account_id: dao }), "0");
    }
  }
  assert.deepEqual(errors, []);
});
