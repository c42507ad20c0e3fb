// Widget payload and first-render benchmark (a measurement, not a test): run by
// scripts/bench-widget.sh after scripts/build-widget.sh; writes docs/widget.md.
// `--smoke` (scripts/test-widget.sh): one cold load, the report printed and checked for sane
// figures, no file written; it runs, not how fast.
//
// Payload: every file of widget/pkg/ that a page loads, raw and gzip (level 9).
// First render: the example page loaded in a fresh headless Chromium context each time (cold
// caches), measured in the page's own clock from navigation start to (1) the widget's profile
// choices entering the DOM (wasm compiled, router views fetched from the local RPC stand-in;
// taken by a MutationObserver in the page) and (2) the per-leg preview after typing an amount.
import { readFile, readdir, writeFile, mkdir } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { startRpcStub, startSite } from "./servers.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const SMOKE = process.argv.includes("--smoke");
const RUNS = SMOKE ? 1 : Number(process.env.RUNS ?? 15);
const W = "stake-router-widget";

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const kb = (n) => (n / 1024).toFixed(1);

const files = [];
for (const name of await readdir(join(ROOT, "widget/pkg"))) {
  if (!/\.(wasm|js)$/.test(name)) continue;
  const bytes = await readFile(join(ROOT, "widget/pkg", name));
  files.push({ name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
}

// RPC_DELAY_MS: every RPC answer held that long, as a node across a network would be (0: the
// stand-in answers at once).
const RPC_DELAY_MS = Number(process.env.RPC_DELAY_MS ?? 0);
// RPC_HTTP2=1: the stand-in over HTTP/2 (TLS), as public NEAR RPC endpoints serve it; HTTP/1.1
// otherwise, where the browser sends at most six requests to one host at a time.
const RPC_HTTP2 = process.env.RPC_HTTP2 === "1";
const rpc = await startRpcStub({ delayMs: RPC_DELAY_MS, http2: RPC_HTTP2 });
const site = await startSite();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
    // The HTTP/2 stand-in's certificate is made for the run.
    ...(RPC_HTTP2 ? ["--ignore-certificate-errors"] : [])],
});
const version = browser.version();
const ready = [], painted = [], preview = [];
// Where the time to ready goes, per load (page clock): first paint, the wasm asked for and
// downloaded (Resource Timing), compiled and instantiated (the package's
// `stake-router-widget:wasm-ready` mark), the first router view asked and the last one answered
// before ready (the RPC requests' Resource Timing).
const phases = { paint: [], wasmAsked: [], fetched: [], instantiated: [], viewsAsked: [], views: [] };
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Ready is taken in the page itself, when the profiles enter the DOM (a MutationObserver),
  // so the harness's polling and its round trips to the browser are not counted.
  // Painted is when the browser drew them (Element Timing: the attribute is set on the list's
  // legend as the profiles enter the DOM, before any paint), after the work that ran before it.
  await page.addInitScript((selector) => {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.identifier === "srw-profile") window.__srwPainted ??= e.renderTime || e.loadTime;
    }).observe({ type: "element", buffered: true });
    new MutationObserver((_, observer) => {
      const profile = document.querySelector(selector);
      if (profile) {
        window.__srwReady = performance.now();
        // (Element Timing reports an element's own text: the list's legend, drawn with it.)
        profile.closest("fieldset")?.querySelector("legend")?.setAttribute("elementtiming", "srw-profile");
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, `${W} [data-srw=profile]`);
  await page.goto(`${site.url}/?rpc=${encodeURIComponent(rpc.url)}`);
  await page.waitForSelector(`${W} [data-srw=profile]`);
  const at = await page.evaluate(() => window.__srwReady);
  ready.push(at);
  painted.push(await page.waitForFunction(() => window.__srwPainted, undefined, { timeout: 5000 }).then((h) => h.jsonValue()));
  const p = await page.evaluate(
    ({ rpcUrl, at }) => {
      const res = performance.getEntriesByType("resource");
      const wasm = res.find((r) => r.name.endsWith("widget_bg.wasm"));
      const views = res.filter((r) => r.name.startsWith(rpcUrl) && r.responseEnd <= at);
      const mark = performance.getEntriesByName("stake-router-widget:wasm-ready")[0];
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      return {
        paint: paint?.startTime,
        wasmAsked: wasm?.startTime,
        fetched: wasm?.responseEnd,
        instantiated: mark?.startTime,
        viewsAsked: views.length ? Math.min(...views.map((r) => r.startTime)) : undefined,
        views: views.length ? Math.max(...views.map((r) => r.responseEnd)) : undefined,
      };
    },
    { rpcUrl: rpc.url, at },
  );
  for (const k of Object.keys(phases)) phases[k].push(p[k]);
  const typed = await page.evaluate(() => performance.now());
  await page.fill(`${W} [data-srw=amount]`, "100");
  await page.waitForSelector(`${W} [data-srw=leg]`);
  preview.push((await page.evaluate(() => performance.now())) - typed);
  await context.close();
}
// A staker with a position (bob: a proxy with four pools, liquid tokens, pending unstakes, the
// exchange's instant exits): when the account's balance is shown (the Stake button waits for
// the account's reads), when the position's totals are, and when the profiles' yearly rates are.
const account = [], position = [], figures = [], exits = [];
const protocols = new Set();
const fixtures = JSON.parse(await readFile(join(ROOT, "widget/host/fixtures.json"), "utf8"));
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript((w) => {
    const at = (window.__srwAt = {});
    new MutationObserver(() => {
      if (!at.account && /available/.test(document.querySelector(`${w} [data-srw=account]`)?.textContent ?? "")) at.account = performance.now();
      if (!at.position && document.querySelector(`${w} [data-srw=totals]`)) at.position = performance.now();
      if (!at.figures && /%/.test(document.querySelector(`${w} [data-srw=option-rate]`)?.textContent ?? "")) at.figures = performance.now();
      // Every liquid token's exits quoted (its options, with the delayed unstake, drawn).
      const held = document.querySelectorAll(`${w} [data-srw=exit-token-amount]`).length;
      if (!at.exits && held > 0 && document.querySelectorAll(`${w} [data-srw=liquid-delayed]`).length >= held) at.exits = performance.now();
    }).observe(document, { childList: true, subtree: true, characterData: true });
  }, W);
  const exchange = encodeURIComponent(JSON.stringify(fixtures.exchange));
  await page.goto(`${site.url}/?rpc=${encodeURIComponent(rpc.url)}&account=bob.test.near&exchange=${exchange}`);
  const at = await page.waitForFunction(() => window.__srwAt.account && window.__srwAt.position && window.__srwAt.figures && window.__srwAt.exits && window.__srwAt, undefined, { timeout: 30000 });
  const { account: a, position: p, figures: f, exits: x } = await at.jsonValue();
  // The protocol the RPC answers came over, as the browser saw it ("http/1.1" or "h2").
  protocols.add(await page.evaluate((u) => performance.getEntriesByType("resource").find((r) => r.name.startsWith(u))?.nextHopProtocol, rpc.url));
  account.push(a);
  position.push(p);
  figures.push(f);
  exits.push(x);
  await context.close();
}
await browser.close();
await site.close();
await rpc.close();


let md = "# Widget report\n\n";
md += "Measured by `bash scripts/bench-widget.sh` (headless Chromium " + version + ", " + RUNS + " cold loads, local RPC stand-in" + (RPC_DELAY_MS ? `, every answer held ${RPC_DELAY_MS} ms` : "") + `, RPC answers over ${[...protocols].join(" and ")}` + ").\n\n";
md += "## Payload (widget/pkg, wasm-opt -Oz)\n\n| file | raw KiB | gzip KiB |\n|---|---|---|\n";
for (const f of files) md += `| \`${f.name}\` | ${kb(f.raw)} | ${kb(f.gzip)} |\n`;
const total = files.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });
md += `| **total** | ${kb(total.raw)} | ${kb(total.gzip)} |\n\n`;
md += "## First render (ms, page clock from navigation start)\n\n| | p50 | p90 | max |\n|---|---|---|---|\n";
md += `| widget ready (profiles shown) | ${pct(ready, 50).toFixed(0)} | ${pct(ready, 90).toFixed(0)} | ${Math.max(...ready).toFixed(0)} |\n`;
md += `| profiles painted | ${pct(painted, 50).toFixed(0)} | ${pct(painted, 90).toFixed(0)} | ${Math.max(...painted).toFixed(0)} |\n`;
md += `| preview after typing an amount | ${pct(preview, 50).toFixed(0)} | ${pct(preview, 90).toFixed(0)} | ${Math.max(...preview).toFixed(0)} |\n`;
md += `| account's balance shown (bob, connected at load) | ${pct(account, 50).toFixed(0)} | ${pct(account, 90).toFixed(0)} | ${Math.max(...account).toFixed(0)} |\n`;
md += `| position shown (bob: 4 pools, 2 tokens, exits) | ${pct(position, 50).toFixed(0)} | ${pct(position, 90).toFixed(0)} | ${Math.max(...position).toFixed(0)} |\n`;
md += `| profiles' yearly rates shown (bob; the figures' reads) | ${pct(figures, 50).toFixed(0)} | ${pct(figures, 90).toFixed(0)} | ${Math.max(...figures).toFixed(0)} |\n`;
md += `| liquid exits quoted (bob: both tokens' instant exits) | ${pct(exits, 50).toFixed(0)} | ${pct(exits, 90).toFixed(0)} | ${Math.max(...exits).toFixed(0)} |\n`;
md += "\nOn the way to ready (ms from navigation start):\n\n| | p50 | p90 | max |\n|---|---|---|---|\n";
const row = (name, xs) => `| ${name} | ${pct(xs, 50).toFixed(0)} | ${pct(xs, 90).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |\n`;
md += row("first paint (the host page)", phases.paint);
md += row("`widget_bg.wasm` asked for", phases.wasmAsked);
md += row("`widget_bg.wasm` downloaded", phases.fetched);
md += row("wasm compiled and instantiated (`stake-router-widget:wasm-ready`)", phases.instantiated);
md += row("first router view asked", phases.viewsAsked);
md += row("last router view answered before ready", phases.views);
if (SMOKE) {
  const sane = (xs) => xs.length === RUNS && xs.every((x) => Number.isFinite(x) && x > 0);
  const phasesSane = Object.values(phases).every(sane);
  if (RPC_HTTP2 && !protocols.has("h2")) throw new Error(`RPC_HTTP2=1, but the answers came over ${[...protocols].join(", ")}`);
  if (!files.some((f) => f.name.endsWith(".wasm")) || !(total.gzip > 0) || !sane(ready) || !sane(painted) || !sane(preview) || !sane(account) || !sane(position) || !sane(figures) || !sane(exits) || !phasesSane) {
    throw new Error(`the widget benchmark's figures are not sane:\n${md}`);
  }
  console.log(md);
  process.exit(0);
}
await mkdir(join(ROOT, "docs"), { recursive: true });
// The measured sections are rewritten; the hand-written sections after them are kept.
const report = join(ROOT, "docs/widget.md");
const old = await readFile(report, "utf8").catch(() => "");
const kept = old.indexOf("\n## ", old.indexOf("## First render") + 1);
await writeFile(report, md + (kept >= 0 ? old.slice(kept) : ""));
console.log(md);
