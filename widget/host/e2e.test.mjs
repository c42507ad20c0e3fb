// End-to-end: the example page in headless Chromium, against the RPC stand-in.
//
// Run by scripts/test-widget.sh (after scripts/build-widget.sh) as `node --test`. Checks that
// what the page shows is exactly router-core's plan for the same inputs (computed by the
// package's own `preview` export, i.e. `plan_deposit` in wasm, and cross-checked with BigInt
// arithmetic here), and that Stake hands the wallet exactly the deposit call.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { loadFixtures, startRpcStub, startSite } from "./servers.mjs";

const ARTIFACTS = join(resolve(process.env.CARGO_TARGET_DIR ?? join(import.meta.dirname, "../../target")), "widget-artifacts");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const W = "stake-router-widget";
let fx, rpc, site, browser, page;

before(async () => {
  fx = await loadFixtures();
  // The first two reads of the router's targets fail: the package's early read while the
  // module loads (prefetch.js), then the widget's own, which must retry and say so. (Only
  // those reads: guard and position reads retry quietly, and they run at the same time.)
  rpc = await startRpcStub({ failFirst: 2, failMethod: "get_targets" });
  site = await startSite();
  // Playwright gives every launch a fresh, empty --user-data-dir of its own.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"],
  });
  page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  page.on("pageerror", (e) => console.error("page error:", e));
  await page.addInitScript(() => {
    window.__statusLog = [];
    new MutationObserver(() => {
      const s = document.querySelector("[data-srw=status]");
      if (s && window.__statusLog.at(-1) !== s.textContent) window.__statusLog.push(s.textContent);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await rpc?.close();
});

/** router-core's plan for these inputs, from the package's `preview` (plan_deposit in wasm). */
async function expected(amount, choice, proxyExists = false) {
  const input = {
    amount, ...choice, proxyExists, routerId: fx.router_id, accountId: "alice.test.near",
    targets: fx.views.get_targets, profiles: fx.views.get_profiles, config: fx.views.get_config,
  };
  return page.evaluate(async (input) => (await import("/pkg/index.js")).preview(input), input);
}

/** What the page shows: each leg's target, exact yocto and visible amount; folded; gas. */
async function shown() {
  return page.evaluate(() => ({
    legs: [...document.querySelectorAll("[data-srw=leg]")].map((l) => ({
      target: l.dataset.target,
      amount: l.dataset.amount,
      text: l.querySelector("[data-srw=leg-amount]").textContent,
    })),
    folded: [...document.querySelectorAll("[data-srw=folded] li")].map((f) => f.dataset.target),
    gas: document.querySelector("[data-srw=gas]")?.textContent ?? "",
    error: document.querySelector("[data-srw=amount-error]").textContent + document.querySelector("[data-srw=form-error]").textContent,
  }));
}

/** NEAR text -> yocto with BigInt, independently of the widget. */
function yocto(text) {
  const [whole, frac = ""] = text.split(".");
  return (BigInt(whole || "0") * 10n ** 24n + BigInt((frac + "0".repeat(24)).slice(0, 24))).toString();
}

/** NEAR with every significant decimal, independently of the widget. */
function near(y) {
  const v = BigInt(y);
  const frac = (v % 10n ** 24n).toString().padStart(24, "0").replace(/0+$/, "");
  return (v / 10n ** 24n).toString() + (frac ? `.${frac}` : "");
}

/** NEAR for people to read, independently of the widget: at most 5 decimals, rounded down. */
function display(y) {
  const v = BigInt(y);
  const step = 10n ** 19n;
  return v > 0n && v < step ? "less than 0.00001" : near(v - (v % step));
}

async function assertShowsPlan(amount, choice, label) {
  const { plan } = await expected(amount, choice);
  const view = await shown();
  assert.equal(view.error, "", `${label}: no error`);
  assert.deepEqual(view.legs, plan.legs.map((l) => ({ target: l.target, amount: l.amount, text: `${display(l.amount)} NEAR` })), label);
  assert.deepEqual(view.folded, plan.folded.map((f) => f.target), `${label}: folded`);
  assert.ok(view.gas.includes(`(${plan.gas_required} gas)`), `${label}: gas`);
  const sum = plan.legs.reduce((s, l) => s + BigInt(l.amount), 0n) + BigInt(plan.costs.total);
  assert.equal(sum.toString(), yocto(amount), `${label}: legs + costs = deposit, to the yocto`);
  return plan;
}

async function typeAmount(text) {
  await page.fill(`${W} [data-srw=amount]`, text);
}

test("the page loads through a failing RPC (retry) and shows the profiles", async () => {
  await page.goto(`${site.url}/?rpc=${encodeURIComponent(rpc.url)}`);
  await page.waitForSelector(`${W} [data-srw=profile]`);
  await page.waitForFunction(() => document.querySelector("[data-srw=account]").textContent.includes("available"));
  const log = await page.evaluate(() => window.__statusLog);
  assert.ok(log.some((s) => s.startsWith(`Cannot reach ${rpc.url} (HTTP 503). Retrying`)), JSON.stringify(log));
  assert.equal(log.at(-1), "Ready.");
  for (const view of ["get_targets", "get_profiles", "get_config", "get_proxy", "view_account", "ft_price", "get_st_near_price"]) {
    assert.ok(rpc.requests.includes(view), `asked ${view}: ${rpc.requests}`);
  }
  const names = await page.$$eval(`${W} [data-srw=profile]`, (r) => r.map((x) => x.value));
  assert.deepEqual(names, fx.views.get_profiles.map((p) => p.name));
  assert.equal(await page.$eval(`${W} [data-srw=profile]:checked`, (r) => r.value), "balanced");
});

test("typing an amount shows exactly router-core's plan, for every profile", async () => {
  await page.click(`${W} [data-srw=amount]`);
  await page.keyboard.type("123.456789012345678901234");
  await assertShowsPlan("123.456789012345678901234", { profile: "balanced" }, "balanced");
  // Keyboard: focus the checked radio and move through the group with the arrow keys.
  await page.focus(`${W} [data-srw=profile]:checked`);
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.$eval(`${W} [data-srw=profile]:checked`, (r) => r.value), "direct-heavy");
  await assertShowsPlan("123.456789012345678901234", { profile: "direct-heavy" }, "direct-heavy");
  await page.keyboard.press("ArrowDown");
  await assertShowsPlan("123.456789012345678901234", { profile: "liquid-heavy" }, "liquid-heavy");
  await page.click(`${W} label:has(input[value="validators-only"])`);
  await typeAmount("2");
  const plan = await assertShowsPlan("2", { profile: "validators-only" }, "validators-only, a leg folded");
  assert.equal(plan.folded.length, 1);
  const note = await page.textContent(`${W} [data-srw=folded] li`);
  assert.match(note, /below its minimum leg size of 1 NEAR/);
});

test("bad input gets a clear inline message", async () => {
  await page.click(`${W} label:has(input[value="balanced"])`);
  // The most alice can stake: her balance less its storage and this deposit's gas.
  const most = (await page.textContent(`${W} [data-srw=account]`)).match(/available ([\d.]+) NEAR/)[1];
  const cases = [
    ["0", "Enter an amount above zero."],
    ["1.0000000000000000000000001", "NEAR has at most 24 decimal places."],
    ["0.5", "The deposit of 0.5 NEAR is below the minimum of 1 NEAR."],
    ["5000", `That is more than you can stake now: ${most} NEAR (your balance less what its storage needs and the gas this deposit pays up front; unused gas is refunded).`],
  ];
  for (const [typed, message] of cases) {
    await typeAmount(typed);
    assert.equal(await page.textContent(`${W} [data-srw=amount-error]`), message, typed);
    assert.equal(await page.getAttribute(`${W} [data-srw=amount]`, "aria-invalid"), "true");
  }
});

test("a custom split previews and is what the wallet receives", async () => {
  await page.click(`${W} label:has(input[data-srw=custom])`);
  for (const el of await page.$$(`${W} input[data-srw=bps]`)) await el.fill("");
  await page.fill(`${W} input[data-srw=bps][data-target="aurora.pool.test.near"]`, "6500");
  await page.fill(`${W} input[data-srw=bps][data-target="linear-protocol.test.near"]`, "3500");
  await typeAmount("42.000000000000000000000007");
  const policy = { legs: [{ target: "aurora.pool.test.near", bps: 6500 }, { target: "linear-protocol.test.near", bps: 3500 }] };
  const plan = await assertShowsPlan("42.000000000000000000000007", { policy }, "custom");
  await page.click(`${W} [data-srw=stake]`);
  await page.waitForFunction(() => window.testWallet.sent.length === 1);
  const sent = JSON.parse(await page.evaluate(() => window.testWallet.sent[0]));
  assert.deepEqual(sent, {
    receiverId: "stake-router.test.near",
    actions: [{ type: "FunctionCall", params: { methodName: "deposit", args: { policy }, gas: String(plan.gas_required), deposit: "42000000000000000000000007" } }],
  });
});

test("Stake hands the wallet exactly the profile deposit; success shows the hash", async () => {
  await page.click(`${W} label:has(input[value="liquid-heavy"])`);
  await typeAmount("12.345");
  const { plan, transaction } = await expected("12.345", { profile: "liquid-heavy" });
  await assertShowsPlan("12.345", { profile: "liquid-heavy" }, "liquid-heavy 12.345");
  await page.keyboard.press("Enter"); // the amount field submits the form
  await page.waitForFunction(() => window.testWallet.sent.length === 2);
  const sent = JSON.parse(await page.evaluate(() => window.testWallet.sent[1]));
  assert.deepEqual(sent, {
    receiverId: "stake-router.test.near",
    actions: [{ type: "FunctionCall", params: { methodName: "deposit", args: { profile: "liquid-heavy" }, gas: String(plan.gas_required), deposit: yocto("12.345") } }],
  });
  assert.deepEqual(sent, transaction);
  await page.waitForSelector(`${W} [data-srw=status] a[href="https://explorer.example/tx/TestTxHash2"]`);
  // The test wallet answers with a hash only, and this node has no `tx` to read the outcome
  // from: the widget does not claim success.
  assert.equal(await page.textContent(`${W} [data-srw=status]`), "Deposit sent, but its outcome could not be read: check your position below. Transaction TestTxHash2.");
});

test("a wallet rejection is a calm message, not an error page", async () => {
  await page.check("#reject");
  await page.click(`${W} [data-srw=stake]`);
  await page.waitForFunction(() => document.querySelector("[data-srw=status]").textContent.includes("cancelled"));
  assert.equal(await page.getAttribute(`${W} [data-srw=status]`, "data-tone"), null);
  assert.equal(await page.inputValue(`${W} [data-srw=amount]`), "12.345");
  await page.uncheck("#reject");
  await page.locator(W).screenshot({ path: join(ARTIFACTS, "widget-desktop.png") });
  await page.screenshot({ path: join(ARTIFACTS, "example-page.png"), fullPage: true });
});

test("works at phone width (320px) without sideways scrolling", async () => {
  await page.setViewportSize({ width: 320, height: 900 });
  await page.click(`${W} label:has(input[value="balanced"])`);
  await typeAmount("25");
  await assertShowsPlan("25", { profile: "balanced" }, "balanced at 320px");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `page is ${width}px wide`);
  await page.locator(W).screenshot({ path: join(ARTIFACTS, "widget-phone.png") });
  console.log(`screenshots: ${join(ARTIFACTS, "widget-desktop.png")}, ${join(ARTIFACTS, "widget-phone.png")}`);
});

test("each leg's yearly rate, fee, health and unlock, and the blend, read after the first render", async () => {
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.click(`${W} label:has(input[value="balanced"])`);
  await typeAmount("100");
  await page.waitForSelector(`${W} [data-srw=blended][data-ppm]`);
  for (const view of ["EXPERIMENTAL_protocol_config", "status", "get_reward_fee_fraction", "get_beneficiaries"]) {
    assert.ok(rpc.requests.includes(view), `asked ${view}: ${rpc.requests}`);
  }
  const legs = await page.$$eval(`${W} [data-srw=leg]`, (ls) => ls.map((l) => ({
    source: l.dataset.apySource, ppm: l.dataset.apyPpm, line: l.querySelector("[data-srw=leg-apy]").textContent,
  })));
  assert.ok(legs.length > 1 && legs.every((l) => l.source && l.ppm !== undefined && l.line.startsWith("Yearly rate ")), JSON.stringify(legs));
  const blended = await page.textContent(`${W} [data-srw=blended]`);
  assert.match(blended, /^Expected yearly rate of this deposit: \d+\.\d\d%/);
  // The details row of the first validator leg, opened: the exact amount and every source.
  await page.click(`${W} [data-srw=leg][data-kind=validator] summary`);
  const details = await page.textContent(`${W} [data-srw=leg][data-kind=validator] details`);
  assert.match(details, /Exactly [\d.]+ NEAR \(\d+ yoctoNEAR\)\./);
  assert.match(details, /the protocol's reward figures/);
  assert.match(details, /expected blocks/);
  await page.locator(`${W} [data-srw=preview]`).screenshot({ path: join(ARTIFACTS, "widget-figures.png") });
  await page.setViewportSize({ width: 320, height: 900 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `page is ${width}px wide`);
  await page.locator(`${W} [data-srw=preview]`).screenshot({ path: join(ARTIFACTS, "widget-figures-phone.png") });
  // A split the planner changed: the sentence at the top.
  await typeAmount("2.5");
  await page.waitForSelector(`${W} [data-srw=split-change]`);
  await page.locator(`${W} [data-srw=preview]`).screenshot({ path: join(ARTIFACTS, "widget-split-change-phone.png") });
  await page.setViewportSize({ width: 900, height: 1000 });
  console.log(`screenshots: ${join(ARTIFACTS, "widget-figures.png")}, widget-figures-phone.png, widget-split-change-phone.png`);
});

test("the position view: Withdraw and Claim hand the wallet exactly their calls", async () => {
  const proxy = fx.proxies["bob.test.near"].proxy_id;
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.goto(`${site.url}/?rpc=${encodeURIComponent(rpc.url)}&account=bob.test.near&exchange=${encodeURIComponent(JSON.stringify(fx.exchange))}`);
  await page.waitForSelector(`${W} [data-srw=totals]`);
  await page.waitForFunction((w) => document.querySelectorAll(`${w} [data-srw=exit-instant]`).length === 3, W);
  for (const view of ["get_claimables", "get_pools", "get_account", "ft_balance_of", "storage_balance_of", "validators"]) {
    assert.ok(rpc.requests.includes(view), `asked ${view}`);
  }
  // Shown: each pool's exact figures (as the proxy and pool views give them), epoch, totals.
  const pools = await page.$$eval(`${W} [data-srw=pool]`, (ps) => ps.map((p) => [p.dataset.pool, p.dataset.staked, p.dataset.unstaked, p.dataset.rewards]));
  assert.deepEqual(pools, [
    ["aurora.pool.test.near", "10500000000000000000000001", "0", "500000000000000000000001"],
    ["figment.pool.test.near", "0", "4000000000000000000000001", "1"],
    ["paused.pool.test.near", "0", "1000000000000000000000000", "0"],
    ["zavodil.pool.test.near", "3100000000000000000000000", "2000000000000000000000000", "100000000000000000000000"],
  ]);
  assert.equal(await page.textContent(`${W} [data-srw=pool][data-pool="zavodil.pool.test.near"] [data-srw=pool-unlock]`),
    "Can be withdrawn from epoch 104 (now 102; about 18 h).");
  assert.match(await page.textContent(`${W} [data-srw=register-first]`), /^Register with meta-pool\.test\.near first/);
  await page.locator(`${W} [data-srw=position]`).screenshot({ path: join(ARTIFACTS, "widget-position.png") });
  await page.locator(`${W} [data-srw=tokens]`).screenshot({ path: join(ARTIFACTS, "widget-exits.png") });
  await page.locator(`${W} [data-srw=liquid-pending]`).screenshot({ path: join(ARTIFACTS, "widget-exits-pending.png") });

  // Keyboard: Tab reaches Withdraw and Enter presses it.
  await page.focus(`${W} [data-srw=withdraw][data-pool="figment.pool.test.near"]`);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => window.testWallet.sent.length === 1);
  assert.deepEqual(JSON.parse(await page.evaluate(() => window.testWallet.sent[0])), {
    receiverId: proxy,
    actions: [{ type: "FunctionCall", params: { methodName: "withdraw", args: { pool_id: "figment.pool.test.near" }, gas: "86000000000000", deposit: "1" } }],
  });
  await page.waitForFunction(() => document.querySelector("[data-srw=position-status]")?.textContent === "Withdraw sent. Transaction TestTxHash1.");
  await page.waitForSelector(`${W} [data-srw=claim][data-token="linear-protocol.test.near"]`);
  await page.click(`${W} [data-srw=claim][data-token="linear-protocol.test.near"]`);
  await page.waitForFunction(() => window.testWallet.sent.length === 2);
  assert.deepEqual(JSON.parse(await page.evaluate(() => window.testWallet.sent[1])), {
    receiverId: "stake-router.test.near",
    actions: [{ type: "FunctionCall", params: { methodName: "claim", args: { token_id: "linear-protocol.test.near" }, gas: "18850000000000", deposit: "1" } }],
  });
  await page.waitForFunction(() => document.querySelector("[data-srw=position-status]")?.textContent.startsWith("Claim linear-protocol.test.near sent."));

  // Phone width: the position view fits without sideways scrolling.
  await page.setViewportSize({ width: 320, height: 900 });
  await page.waitForSelector(`${W} [data-srw=totals]`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `page is ${width}px wide`);
  await page.locator(`${W} [data-srw=position]`).screenshot({ path: join(ARTIFACTS, "widget-position-phone.png") });
  await page.locator(`${W} [data-srw=tokens]`).screenshot({ path: join(ARTIFACTS, "widget-exits-phone.png") });
  console.log(`screenshots: ${join(ARTIFACTS, "widget-position.png")}, ${join(ARTIFACTS, "widget-position-phone.png")}, widget-exits.png, widget-exits-phone.png, widget-exits-pending.png`);
});
