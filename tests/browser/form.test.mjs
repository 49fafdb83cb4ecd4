// The report form in a real browser: Debian's chromium driven by playwright-core, against the
// local runner (`cargo run`'s binary) on a fresh data folder. A person fills and sends the form
// with scripts on and off, in English and Traditional Chinese; axe-core checks every page;
// screenshots at 360 px and 1280 px go to target/browser-artefacts (not committed).
//
// Run by scripts/test after `cargo test` built the runner. Needs: chromium (OYS_CHROMIUM, default
// /usr/bin/chromium) and `npm ci` in tests/browser. Without the browser it fails, never skips.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { artefacts, checkPrerequisites, chromiumPath, fillEssentials, runAxe, startRunner } from "./support.mjs";

const EXIT_SITE = "https://www.bbc.co.uk/weather";

let runner, base, dataDir, browser;
const axeResults = [];

before(async () => {
  checkPrerequisites();
  runner = await startRunner(["--port", "0"], "form-runner");
  ({ url: base, dataDir } = runner);
  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  runner?.stop();
  writeFileSync(join(artefacts, "axe.json"), JSON.stringify(axeResults, null, 2));
});

/// A page in a fresh context; every request it makes is recorded, and the quick exit's
/// neutral site is answered locally (the tests make no request outside this machine).
async function open(path, { javaScript = true, width = 1280, height = 900, bypassCSP = false } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: { width, height }, bypassCSP });
  const requests = [];
  context.on("request", (request) => requests.push(request.url()));
  await context.route(`${EXIT_SITE}**`, (route) => route.fulfill({ contentType: "text/html", body: "<p>Weather</p>" }));
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  return { context, page, requests };
}

/// "Tell us more": the optional questions, folded until the reporter opens them.
async function tellMore(page) {
  if (!(await page.getAttribute("#more", "open"))) await page.click("#more > summary");
}

async function fillMinimum(page) {
  await fillEssentials(page, "A man shouted at me on the bus. BROWSER-TEST");
}

function outboxWith(text) {
  const outbox = join(dataDir, "outbox");
  if (!existsSync(outbox)) return [];
  return readdirSync(outbox).filter((file) => readFileSync(join(outbox, file), "utf8").includes(text));
}

/// axe-core on the page as it is; no serious or critical violation. (The pages' CSP allows no
/// injected script: the axe runs open their pages in a context that bypasses it.)
async function checkAccessibility(page, name) {
  const result = await runAxe(page);
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  axeResults.push({
    page: name,
    violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })),
  });
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.help}`), [], `${name}: serious or critical axe violations`);
}

async function screenshots(path, name, options = {}) {
  for (const width of [360, 1280]) {
    const { context, page } = await open(path, { ...options, width });
    await page.screenshot({ path: join(artefacts, `${name}-${width}.png`), fullPage: true });
    await context.close();
  }
}

/// Every language the form offers, as its language picker lists them.
const LANGUAGES = ["en", "zh-Hant", "zh-Hans", "ja", "ko", "th", "vi", "tl", "id", "ms"];

for (const lang of ["en", "zh-Hant", "vi"]) {
  for (const javaScript of [true, false]) {
    test(`a person reports in ${lang} with scripts ${javaScript ? "on" : "off"}`, async () => {
      const { context, page, requests } = await open(`/${lang}/`, { javaScript });
      assert.equal(await page.getAttribute("html", "lang"), lang);
      await fillMinimum(page);
      await page.click("button.submit");
      const reference = (await page.textContent("#reference")).trim();
      assert.match(reference, /^OYS-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      assert.ok(outboxWith(reference).length >= 1, "the operators' alert names the reference");
      // The receipt, with the reference, adds to the report later without a name.
      const receipt = (await page.textContent("#receipt")).trim();
      assert.match(receipt, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
      await page.click(`a[href="follow-up"] >> nth=0`);
      await page.fill("#reference", reference);
      await page.fill("#receipt", receipt.toLowerCase());
      await page.fill("#information", `He came back the next day. FOLLOW-UP-${lang}`);
      await page.click("button.submit");
      assert.equal(await page.getAttribute("html", "lang"), lang);
      await page.waitForSelector(".panel[role=status]");
      assert.ok(outboxWith(`Case ${reference}: the reporter added to their report`).length === 1, "operators alerted once");
      assert.deepEqual(outboxWith(`FOLLOW-UP-${lang}`), [], "the words are not in any email");
      const foreign = requests.filter((url) => !url.startsWith(base));
      assert.deepEqual(foreign, [], "no request leaves this site");
      await context.close();
    });
  }
}

test("a form with mistakes comes back with a summary that links to each field", async () => {
  for (const javaScript of [true, false]) {
    const { context, page } = await open("/en/", { javaScript });
    await page.fill("#incident-location-town", "Kept Town");
    await page.click("button.submit");
    await page.waitForSelector("#error-summary");
    assert.equal(await page.inputValue("#incident-location-town"), "Kept Town", "what was typed is kept");
    if (javaScript) {
      assert.equal(await page.evaluate(() => document.activeElement?.id), "error-summary", "the summary takes focus");
    }
    const links = await page.$$eval("#error-summary a", (anchors) => anchors.map((a) => a.getAttribute("href")));
    assert.ok(links.length >= 5, `${links}`);
    for (const link of links) {
      assert.equal(await page.locator(link).count(), 1, `${link} exists`);
    }
    await context.close();
  }
});

test("with scripts, the answers are checked in place before anything is sent", async () => {
  const { context, page } = await open("/vi/");
  let loads = 0;
  page.on("framenavigated", () => { loads += 1; });
  await page.fill("#incident-location-town", "Giữ lại");
  await page.click("button.submit");
  await page.waitForSelector("#error-summary");
  assert.equal(loads, 0, "no new page: the errors were shown in place");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "error-summary");
  assert.ok(await page.isVisible("#incident-occurred_on-error"), "each error beside its question");
  assert.equal(await page.getAttribute("#incident-description", "aria-invalid"), "true");
  assert.equal(await page.inputValue("#incident-location-town"), "Giữ lại");
  await fillMinimum(page);
  await page.click("button.submit");
  await page.waitForSelector("#reference");
  assert.equal(loads, 1, "once correct, the form is sent");
  await context.close();
});

test("with scripts, questions that depend on an answer appear only once it is given", async () => {
  const { context, page } = await open("/en/");
  await tellMore(page);
  assert.equal(await page.isVisible("#consent-support_needs"), false, "support needs wait for the advocate answer");
  await page.check("#consent-advocate_support-true");
  assert.equal(await page.isVisible("#consent-support_needs"), true);
  await page.check("#consent-support_needs-legal_help");
  await page.check("#consent-advocate_support-false");
  assert.equal(await page.isVisible("#consent-support_needs"), false);
  assert.equal(await page.isChecked("#consent-support_needs-legal_help"), false, "a hidden answer is not sent");
  assert.equal(await page.isVisible("#incident-police_reference"), false);
  await page.check("#incident-reported_to_police_already-true");
  assert.equal(await page.isVisible("#incident-police_reference"), true);
  await context.close();

  const noScript = await open("/en/", { javaScript: false });
  await tellMore(noScript.page);
  assert.equal(await noScript.page.isVisible("#consent-support_needs"), true, "without scripts every question shows");
  assert.equal(await noScript.page.isVisible("#contact-phone"), true);
  await noScript.context.close();
});

test("the quick exit leaves at once and, with scripts, out of the back history", async () => {
  const { context, page } = await open("/en/");
  await page.goto(`${base}/en/privacy`);
  await page.click("#exit-this-page");
  await page.waitForURL(`${EXIT_SITE}**`);
  await page.goBack();
  assert.equal(page.url(), `${base}/en/`, "Back skips the page the person left from");
  await context.close();

  const keyboard = await open("/en/");
  for (let i = 0; i < 3; i += 1) await keyboard.page.keyboard.press("Shift", { delay: 50 });
  await keyboard.page.waitForURL(`${EXIT_SITE}**`);
  await keyboard.context.close();
});

/// Keys as a person presses them: a capital is Shift held with the letter (playwright's `type`
/// sends capitals without any Shift key event).
function keysOf(text) {
  return [...text].map((c) => {
    if (c >= "A" && c <= "Z") return `Shift+Key${c}`;
    if (c >= "a" && c <= "z") return `Key${c.toUpperCase()}`;
    if (c >= "0" && c <= "9") return `Digit${c}`;
    return { " ": "Space", "-": "Minus" }[c];
  });
}

test("typing capitals at human speed does not set off the quick exit", async () => {
  const { context, page } = await open("/en/");
  const typed = [
    ["#incident-location-postcode", "SW1A 1AA"],
    ["#incident-police_reference", "OYS-ABCD-EFGH"],
    ["#contact-name", "Chan Tai Man"],
    ["#contact-safe_times", "AM OR PM"],
  ];
  await page.check("#consent-advocate_support-true");
  await tellMore(page);
  await page.check("#incident-reported_to_police_already-true");
  for (const [field, text] of typed) {
    await page.focus(field);
    for (const key of keysOf(text)) await page.keyboard.press(key, { delay: 30 });
    await page.waitForTimeout(300);
    assert.equal(page.url(), `${base}/en/`, `still on the form after typing "${text}"`);
  }
  for (const [field, text] of typed) {
    assert.equal(await page.inputValue(field), text, `${field} keeps what was typed`);
  }
  // Shift alone three times, even straight after typing, still leaves.
  for (let i = 0; i < 3; i += 1) await page.keyboard.press("Shift", { delay: 50 });
  await page.waitForURL(`${EXIT_SITE}**`);
  await context.close();
});

test("on a phone, each error link brings its question into view below the exit bar", async () => {
  for (const javaScript of [true, false]) {
    const { context, page } = await open("/en/", { javaScript, width: 390, height: 844 });
    await page.check("#consent-police-with_contact_details");
    await page.fill("#contact-phone", "not a phone");
    await page.fill("#contact-email", "not an email");
    await page.click("button.submit");
    await page.waitForSelector("#error-summary");
    const links = await page.$$eval("#error-summary a", (anchors) => anchors.map((a) => a.getAttribute("href")));
    assert.ok(links.includes("#contact-phone") && links.includes("#incident-types"), `${links}`);
    for (const link of links) {
      await page.click(`#error-summary a[href="${link}"]`);
      // What must be seen: the question's label, its message, and the field (its top, and all
      // of it when it fits on the screen), none of it under the bar.
      const seen = await page.evaluate((id) => {
        const target = document.getElementById(id);
        const question = target.closest(".question");
        const label = question.querySelector("legend, label");
        const box = (element) => element.getBoundingClientRect();
        const bar = box(document.querySelector(".exit-bar")).bottom;
        const height = window.innerHeight;
        const problems = [];
        for (const [name, element] of [["label", label], ["message", document.getElementById(`${id}-error`)]]) {
          if (!element) { problems.push(`no ${name}`); continue; }
          const { top, bottom } = box(element);
          if (top < bar || bottom > height) problems.push(`${name} at ${top}..${bottom}, bar to ${bar}, screen to ${height}`);
        }
        const field = box(target);
        if (field.top < bar) problems.push(`field top ${field.top} under the bar (to ${bar})`);
        if (field.height <= height - bar && field.bottom > height) problems.push(`field ends below the screen (${field.bottom})`);
        return problems;
      }, link.slice(1));
      assert.deepEqual(seen, [], `scripts ${javaScript ? "on" : "off"}: ${link}`);
    }
    await context.close();
  }
});

test("another website's form cannot send a report through a visitor's browser", async () => {
  const { context, page } = await open("/en/");
  const fields = {
    "consent.privacy_notice_version": await page.inputValue('input[name="consent.privacy_notice_version"]'),
    "incident.occurred_on": "2026-11-20",
    "incident.types": "verbal_abuse",
    "incident.description": "Planted by another site. CROSS-SITE-TEST",
    "incident.location.online": "true",
    "reporter.role": "victim",
    "consent.police": "no",
    "consent.advocate_support": "false",
  };
  const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`).join("");
  await context.route("https://elsewhere.example/**", (route) =>
    route.fulfill({ contentType: "text/html", body: `<form method="post" action="${base}/en/">${inputs}<button>Go</button></form>` }),
  );
  const alerts = () => (existsSync(join(dataDir, "outbox")) ? readdirSync(join(dataDir, "outbox")).length : 0);
  const before = alerts();
  await page.goto("https://elsewhere.example/");
  const [answer] = await Promise.all([page.waitForResponse(`${base}/en/`), page.click("button")]);
  assert.equal(answer.status(), 403);
  assert.match(await answer.text(), /cross_site_request/);
  await page.waitForTimeout(500);
  assert.equal(alerts(), before, "no report was made: the operators got no alert");
  await context.close();
});

test("every control can be reached with the keyboard, the quick exit first", async () => {
  const { context, page } = await open("/en/");
  // The controls a person can see (questions that wait for an answer are hidden until then).
  const controls = await page.$$eval("input:not([type=hidden]), textarea, button", (all) =>
    all
      // (The form's hidden default button, for Enter, is out of the tab order on purpose.)
      .filter((element) => element.checkVisibility() && element.tabIndex >= 0)
      .map((element) => ({ id: element.id || element.className, radio: element.type === "radio", name: element.name })),
  );
  const focused = [];
  for (let i = 0; i < controls.length + 30; i += 1) {
    await page.keyboard.press("Tab");
    focused.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.className || ""));
  }
  assert.equal(focused[0], "exit-this-page");
  // Tab reaches every control; a radio group is one stop (its options are chosen with the arrows).
  const unreachable = controls.filter((control) =>
    control.radio
      ? !controls.some((other) => other.radio && other.name === control.name && focused.includes(other.id))
      : !focused.includes(control.id),
  );
  assert.deepEqual(unreachable.map((c) => c.id), []);
  await context.close();
});

test("the language picker offers every language, each page in its own language", async () => {
  const { context, page } = await open("/en/");
  const offered = await page.$$eval("nav .languages [lang]", (items) => items.map((item) => item.getAttribute("lang")));
  assert.deepEqual(offered, LANGUAGES);
  for (const lang of LANGUAGES) {
    await page.goto(`${base}/${lang}/`);
    assert.equal(await page.getAttribute("html", "lang"), lang);
  }
  await context.close();
});

test("every page passes axe with no serious or critical violation, and is photographed", async () => {
  for (const lang of LANGUAGES) {
    const form = await open(`/${lang}/`, { bypassCSP: true });
    await checkAccessibility(form.page, `form ${lang}`);
    await form.page.click("button.submit");
    await form.page.waitForSelector("#error-summary");
    await checkAccessibility(form.page, `form with errors ${lang}`);
    await form.page.screenshot({ path: join(artefacts, `form-errors-${lang}-1280.png`), fullPage: true });
    await fillMinimum(form.page);
    await form.page.click("button.submit");
    await form.page.waitForSelector("#reference");
    await checkAccessibility(form.page, `confirmation ${lang}`);
    await form.page.screenshot({ path: join(artefacts, `confirmation-${lang}-1280.png`), fullPage: true });
    await form.context.close();

    const privacy = await open(`/${lang}/privacy`, { bypassCSP: true });
    await checkAccessibility(privacy.page, `privacy ${lang}`);
    await privacy.context.close();

    const followUp = await open(`/${lang}/follow-up`, { bypassCSP: true });
    await checkAccessibility(followUp.page, `follow-up ${lang}`);
    await followUp.page.click("button.submit");
    await followUp.page.waitForSelector("#error-summary");
    await checkAccessibility(followUp.page, `follow-up with errors ${lang}`);
    await followUp.context.close();
    await screenshots(`/${lang}/follow-up`, `follow-up-${lang}`);

    await screenshots(`/${lang}/`, `form-${lang}`);
    await screenshots(`/${lang}/privacy`, `privacy-${lang}`);
  }
});

test("the form works at 320 px wide and with text at 200 %", async () => {
  const { context, page } = await open("/en/", { width: 320 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 320 px (${overflow} px over)`);
  await page.evaluate(() => {
    document.documentElement.style.fontSize = "200%";
  });
  const zoomed = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(zoomed <= 0, `no horizontal scrolling with text at 200 % (${zoomed} px over)`);
  await context.close();
});
