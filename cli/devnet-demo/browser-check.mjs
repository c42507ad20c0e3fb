// A manual browser check of the running local demo (not part of CI): opens the page in
// headless Chromium, stakes 10 NEAR as alice with the `balanced` profile through the
// DEVELOPMENT WALLET, waits for "Deposit sent", then advances 4 epochs.
//
//   node cli/devnet-demo/browser-check.mjs http://127.0.0.1:<page port>/
import { chromium } from "playwright-core";

const url = process.argv[2] ?? "http://127.0.0.1:3040/";
const W = "stake-router-widget";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} ${m.location().url}`));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector("[data-srw=account]")?.textContent.includes("available"), null, { timeout: 20000 });
  await page.click(`${W} label:has(input[value="balanced"])`);
  await page.fill(`${W} [data-srw=amount]`, "10");
  await page.waitForSelector(`${W} [data-srw=leg]`);
  const legs = await page.$$eval(`${W} [data-srw=leg]`, (ls) => ls.map((l) => `${l.dataset.target} ${l.dataset.amount}`));
  console.log("preview legs:", legs);
  await page.click(`${W} [data-srw=stake]`);
  await page.waitForFunction(() => document.querySelector("[data-srw=status]")?.textContent.includes("Deposit sent"), null, { timeout: 30000 });
  console.log("status:", await page.textContent(`${W} [data-srw=status]`));
  await page.click("#advance");
  await page.waitForFunction(() => document.getElementById("log").textContent.includes("advanced"), null, { timeout: 10000 });
  console.log("head:", await page.textContent("#head"));
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
  if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
  console.log("ok");
} finally {
  await browser.close();
}
