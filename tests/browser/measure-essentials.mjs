// Measures the reporter's essentials path on a 390 × 844 phone (issue 22): how far down the
// page "Send my report now" ends, in screens, and how long a scripted fill of the seven answers
// takes from the page's load to the confirmation (median of several runs), per language, with
// scripts on (the contact details folded until consent asks for them) and off. Prints a table.
// Run by `scripts/essentials-path` after `cargo build`; a measurement, not a test.

import { chromium } from "playwright-core";
import { chromiumPath, fillEssentials, startRunner } from "./support.mjs";

const RUNS = Number(process.env.RUNS ?? 5);
const runner = await startRunner(["--port", "0"], "measure-essentials");
const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });

async function fill(page) {
  await fillEssentials(page);
  await page.click("#send-now");
  await page.waitForSelector("#reference");
}

console.log("language  scripts  send-now ends (px)  screens  fill to confirmation (ms, median of %d)", RUNS);
for (const lang of ["en", "zh-Hant", "ko"]) {
  for (const javaScript of [true, false]) {
    const times = [];
    let sendEnds = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: javaScript });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${runner.url}/${lang}/`);
      sendEnds = await page.evaluate(() => {
        const send = document.querySelector("#send-now").getBoundingClientRect();
        return Math.round(send.bottom + window.scrollY);
      });
      await fill(page);
      times.push(performance.now() - started);
      await context.close();
    }
    times.sort((a, b) => a - b);
    const median = Math.round(times[Math.floor(times.length / 2)]);
    console.log(`${lang.padEnd(9)} ${(javaScript ? "on" : "off").padEnd(8)} ${String(sendEnds).padStart(18)}  ${(sendEnds / 844).toFixed(2).padStart(7)}  ${String(median).padStart(8)}`);
  }
}
await browser.close();
runner.stop();
