// What both browser suites share: where the runner, the browser and the artefacts are, starting
// a runner on a fresh data folder, and one axe-core run.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const runnerPath = process.env.OYS_RUNNER ?? join(root, "target/debug/on-your-side");
export const chromiumPath = process.env.OYS_CHROMIUM ?? "/usr/bin/chromium";
export const artefacts = join(root, "target/browser-artefacts");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/// Fails (never skips) without the browser or the runner; makes the artefacts folder.
export function checkPrerequisites() {
  assert.ok(existsSync(chromiumPath), `no browser at ${chromiumPath}: install Debian's chromium (apt-get install chromium) or set OYS_CHROMIUM`);
  assert.ok(existsSync(runnerPath), `no runner at ${runnerPath}: run cargo build first`);
  mkdirSync(artefacts, { recursive: true });
}

/// A runner on a fresh data folder; resolves once it listens. `stop()` ends it, keeps its output
/// in the artefacts as `<logName>.log` and removes the folder.
export async function startRunner(args, logName, { seedReports = 0 } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "oys-browser-"));
  if (seedReports > 0) {
    // Generated reports over past months, published as the scheduled job would (`seed`).
    const seeded = spawnSync(runnerPath, ["--data-dir", dataDir, "seed", "--reports", String(seedReports)], { encoding: "utf8" });
    assert.equal(seeded.status, 0, `the runner's seed failed: ${seeded.stderr}`);
  }
  const child = spawn(runnerPath, [...args, "--data-dir", dataDir, "--rate-limit-burst", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (chunk) => { log = (log + chunk).slice(-200000); };
  child.stderr.on("data", keep);
  const url = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the runner did not start: ${log}`)), 30000);
    child.stdout.on("data", (chunk) => {
      keep(chunk);
      const match = log.match(/listening on (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
    child.on("exit", (code) => fail(new Error(`the runner exited (${code}): ${log}`)));
  });
  return {
    url,
    dataDir,
    stop() {
      child.kill();
      writeFileSync(join(artefacts, `${logName}.log`), log);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/// axe-core on the page as it is, against WCAG 2.2 A and AA. (The pages' CSP allows no injected
/// script: pages checked open in a context that bypasses it.)
export async function runAxe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }),
  );
}

/// The seven answers a report needs, as a person on a bus would give them, on the public form
/// (the date in its three boxes). `description` carries each suite's own marker.
export async function fillEssentials(page, description = "A man shouted at me on the bus.") {
  await page.check("#reporter-role-victim");
  await page.fill("#incident-occurred_on", "20");
  await page.fill("#incident-occurred_on-month", "11");
  await page.fill("#incident-occurred_on-year", "2026");
  await page.check("#incident-types-verbal_abuse");
  await page.fill("#incident-description", description);
  await page.check("#incident-location-online");
  await page.check("#consent-police-no");
  await page.check("#consent-advocate_support-false");
}
