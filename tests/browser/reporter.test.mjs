// The reporter's side as a frightened person meets it (issue 22), on a 390 × 844 phone in
// English, Traditional Chinese and Korean: the first screen, the essentials first, answers kept
// across a change of language, errors that say what to do, the confirmation, and the published
// statistics in every language (axe-core on each). Run by scripts/test with the other suites.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { artefacts, checkPrerequisites, chromiumPath, fillEssentials, root, runAxe, startRunner } from "./support.mjs";

const EXIT_SITE = "https://www.bbc.co.uk/weather";
const PHONE = { width: 390, height: 844 };
const LANGUAGES = ["en", "zh-Hant", "zh-Hans", "ja", "ko", "th", "vi", "tl", "id", "ms"];
/// The languages the phone tests run in (the issue's: a Latin script, a CJK one, Korean).
const ON_THE_PHONE = ["en", "zh-Hant", "ko"];

let runner, base, browser;
const axeResults = [];

before(async () => {
  checkPrerequisites();
  // Published months to draw: the runner's own `seed` (reports through the real intake, then
  // the statistics job).
  runner = await startRunner(["--port", "0"], "reporter-runner", { seedReports: 240 });
  base = runner.url;
  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  runner?.stop();
  writeFileSync(join(artefacts, "axe-reporter.json"), JSON.stringify(axeResults, null, 2));
});

async function open(path, { javaScript = true, viewport = PHONE, bypassCSP = false, permissions = [] } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport, bypassCSP });
  if (permissions.length) await context.grantPermissions(permissions, { origin: base });
  await context.route(`${EXIT_SITE}**`, (route) => route.fulfill({ contentType: "text/html", body: "<p>Weather</p>" }));
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  await page.goto(`${base}${path}`);
  return { context, page, errors };
}

async function checkAccessibility(page, name) {
  const result = await runAxe(page);
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  axeResults.push({ page: name, violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })) });
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.help}`), [], `${name}: serious or critical axe violations`);
}

function outboxCount() {
  const outbox = join(runner.dataDir, "outbox");
  return existsSync(outbox) ? readdirSync(outbox).length : 0;
}

for (const lang of ON_THE_PHONE) {
  test(`${lang}: the first phone screen says what this is, that the police are told only by choice, 999 and the helpline`, async () => {
    const { context, page } = await open(`/${lang}/`);
    const seen = await page.evaluate(() => {
      const bottom = (selector) => document.querySelector(selector)?.getBoundingClientRect().bottom ?? Infinity;
      return {
        screen: window.innerHeight,
        police: bottom(".first-screen .police-choice"),
        runBy: bottom(".first-screen .run-by"),
        call999: bottom("#call-999"),
        helpline: bottom("#call-helpline"),
        outOfHours: bottom('a[href="tel:116123"]'),
        runByText: document.querySelector(".first-screen .run-by")?.textContent ?? "",
        tel999: document.querySelector("#call-999")?.getAttribute("href"),
        telHelpline: document.querySelector("#call-helpline")?.getAttribute("href"),
        // The hours beside the link (the link holds the number, which has a 9 too).
        hours: (document.querySelector("#call-helpline")?.parentElement.textContent ?? "")
          .replace(document.querySelector("#call-helpline")?.textContent ?? "", ""),
      };
    });
    for (const key of ["police", "runBy", "call999", "helpline", "outOfHours"]) {
      assert.ok(seen[key] <= seen.screen, `${key} is on the first screen (ends at ${seen[key]} of ${seen.screen})`);
    }
    assert.match(seen.runByText, /Protection Approaches/);
    assert.match(seen.runByText, /SEEAC/);
    assert.equal(seen.tel999, "tel:999");
    assert.equal(seen.telHelpline, "tel:+448088010393");
    assert.match(await page.textContent("#call-helpline"), /0808 801 0393/);
    assert.match(seen.hours, /9/, "the helpline's hours beside it");
    assert.match(seen.hours, /5/, "the helpline's hours beside it");
    await page.screenshot({ path: join(artefacts, `first-screen-${lang}.png`) });
    // docs/using.md shows the English first screen as a person on a phone sees it.
    if (lang === "en") copyFileSync(join(artefacts, "first-screen-en.png"), join(root, "docs/form-en.png"));
    // A skip link straight after the quick exit, and the page's own landmarks.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "exit-this-page");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), "#main");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "main", "the skip link moves focus to the form");
    for (const landmark of ["header", "main", "footer", "nav"]) {
      assert.equal(await page.locator(landmark).count() >= 1, true, `a ${landmark} landmark`);
    }
    await context.close();
  });

  test(`${lang}: on a phone the quick exit is one slim line, first in the tab order and always in view`, async () => {
    const { context, page } = await open(`/${lang}/`);
    const bar = await page.evaluate(() => document.querySelector(".exit-bar").getBoundingClientRect().height);
    assert.ok(bar <= 56, `the exit bar is ${bar} px tall (it was 111)`);
    await page.evaluate(() => window.scrollTo(0, 2000));
    const top = await page.evaluate(() => document.querySelector("#exit-this-page").getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 20, `still in view after scrolling (${top})`);
    await context.close();
  });

  test(`${lang}: the essentials come first and "send now" is within about three phone screens`, async () => {
    const { context, page } = await open(`/${lang}/`);
    const layout = await page.evaluate(() => {
      const top = (element) => element.getBoundingClientRect().top + window.scrollY;
      const send = document.querySelector("#send-now");
      const required = ["#reporter-role", "#incident-occurred_on", "#incident-types", "#incident-description",
        "#incident-location-postcode", "#consent-police", "#consent-advocate_support"];
      return {
        send: top(send) + send.getBoundingClientRect().height,
        required: required.map((selector) => [selector, top(document.querySelector(selector))]),
        // An optional question visible before the send button.
        optionalShown: ["#reporter-heritage", "#incident-motivations", "#perpetrators-count", "#contact-name"]
          .filter((selector) => document.querySelector(selector).checkVisibility()),
        moreOpen: document.querySelector("#more").open,
      };
    });
    for (const [selector, top] of layout.required) {
      assert.ok(top < layout.send, `${selector} (at ${top}) comes before "send now" (at ${layout.send})`);
    }
    assert.deepEqual(layout.optionalShown, [], "no optional question before the choice to send");
    assert.equal(layout.moreOpen, false);
    assert.ok(layout.send <= 3.3 * PHONE.height, `"send now" ends at ${layout.send} px: within about three screens`);
    // The optional questions unfold in place.
    await page.click("#more > summary");
    assert.equal(await page.isVisible("#reporter-heritage"), true);
    await context.close();
  });
}

test("the essentials alone make a report, with scripts and without", async () => {
  for (const javaScript of [true, false]) {
    const { context, page } = await open("/ko/", { javaScript });
    await fillEssentials(page, "A man shouted at me on the bus. REPORTER-TEST");
    await page.click("#send-now");
    await page.waitForSelector("#reference");
    assert.match((await page.textContent("#reference")).trim(), /^OYS-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await context.close();
  }
});

test("Enter (a phone keyboard's Go) in a text box sends the form, never a change of language", async () => {
  for (const javaScript of [true, false]) {
    const { context, page } = await open("/en/", { javaScript });
    await page.fill("#incident-location-town", "Leeds");
    await page.focus("#incident-location-town");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#error-summary");
    assert.equal(page.url(), `${base}/en/`, "still the English form");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await context.close();
  }
});

test("changing language keeps what was typed and sends nothing", async () => {
  for (const javaScript of [true, false]) {
    const { context, page } = await open("/en/", { javaScript });
    const before = outboxCount();
    // A complete report, so that sending it by mistake would show.
    await fillEssentials(page, "Kept across languages 계속");
    await page.check("#reporter-role-witness");
    await page.fill("#incident-occurred_on", "3");
    await page.fill("#incident-location-town", "Leeds");
    await page.click("#more > summary");
    await page.check("#reporter-heritage-south_korea");
    await page.click('button[name="change_language"][value="ko"]');
    await page.waitForURL(`${base}/ko/`);
    assert.equal(await page.getAttribute("html", "lang"), "ko");
    assert.equal(await page.isChecked("#reporter-role-witness"), true);
    assert.equal(await page.inputValue("#incident-occurred_on"), "3");
    assert.equal(await page.inputValue("#incident-description"), "Kept across languages 계속");
    assert.equal(await page.inputValue("#incident-location-town"), "Leeds");
    assert.equal(await page.getAttribute("#more", "open"), "", "the optional part stays open: it holds an answer");
    assert.equal(await page.isChecked("#reporter-heritage-south_korea"), true);
    assert.equal(await page.locator("#error-summary").count(), 0, "no errors: nothing was sent");
    assert.equal(outboxCount(), before, "no report was made");
    await context.close();
  }
});

test("the questions a frightened person meets read as they should", async () => {
  const { context, page } = await open("/en/");
  // "It happened online" is marked optional like the postcode and the town.
  assert.match(await page.textContent('label[for="incident-location-online"]'), /\(optional\)/);
  // The police question offers "not sure yet", and the date is three boxes whose hint agrees.
  assert.match(await page.textContent('label[for="consent-police-not_sure"]'), /Not sure yet/);
  for (const [id, label] of [["incident-occurred_on", "Day"], ["incident-occurred_on-month", "Month"], ["incident-occurred_on-year", "Year"]]) {
    assert.equal((await page.textContent(`label[for="${id}"]`)).trim(), label);
    assert.equal(await page.getAttribute(`#${id}`, "inputmode"), "numeric");
  }
  assert.match(await page.textContent("#incident-occurred_on-hint"), /20 11 2026/);
  // The language to speak is chosen by name, not typed as a code.
  await page.click("#more > summary");
  assert.equal((await page.textContent('label[for="contact-preferred_language-yue"]')).trim(), "Cantonese");
  assert.equal(await page.locator('input[name="contact.preferred_language"][type="text"]').count(), 0);
  await context.close();

  const zh = await open("/zh-Hant/");
  await zh.page.click("#more > summary");
  assert.match(await zh.page.textContent('label[for="contact-preferred_language-yue"]'), /粵語/);
  await zh.context.close();

  // Korean breaks between words.
  const ko = await open("/ko/");
  assert.equal(await ko.page.evaluate(() => getComputedStyle(document.querySelector("main p")).wordBreak), "keep-all");
  await ko.context.close();
});

test("a report whose reporter is not sure about the police sends nothing to the police", async () => {
  const { context, page } = await open("/en/");
  await fillEssentials(page, "A man shouted at me on the bus. REPORTER-TEST");
  await page.check("#consent-police-not_sure");
  assert.equal(await page.isVisible("#contact-phone"), true, "the contact details are asked for a talk about it");
  await page.fill("#contact-phone", "07700 900123");
  await page.click("#send-now");
  await page.waitForSelector("#reference");
  assert.match(await page.textContent("#next-steps"), /not sure yet whether to tell the police/);
  await context.close();
});

for (const javaScript of [true, false]) {
  test(`errors say what to do and link to the field they are about (scripts ${javaScript ? "on" : "off"})`, async () => {
    const { context, page } = await open("/en/", { javaScript });
    await page.check("#consent-police-with_contact_details");
    await page.click("#send-now");
    await page.waitForSelector("#error-summary");
    const links = await page.$$eval("#error-summary a", (anchors) => anchors.map((a) => [a.getAttribute("href"), a.textContent]));
    const text = links.map(([, message]) => message).join("\n");
    for (const wanted of ["Enter the date it happened", "Choose at least one thing that happened", "Tell us what happened",
      "Choose who is reporting", "Choose whether you would like a caseworker advocate"]) {
      assert.ok(text.includes(wanted), `"${wanted}" in\n${text}`);
    }
    assert.ok(!text.includes("This is required"), text);
    const police = links.find(([, message]) => message.includes("police"));
    assert.equal(police?.[0], "#contact-phone", "the police contact error links to the phone field");
    await page.fill("#incident-occurred_on", "31");
    await page.fill("#incident-occurred_on-month", "2");
    await page.fill("#incident-occurred_on-year", "2026");
    await page.click("#send-now");
    await page.waitForFunction(() => /day, a month and a year/.test(document.querySelector("#incident-occurred_on-error")?.textContent ?? ""));
    assert.equal(await page.inputValue("#incident-occurred_on-month"), "2", "the boxes keep what was typed");
    await context.close();
  });
}

test("the confirmation keeps each group whole, offers a copy, says what happens, and shows nothing once left", async () => {
  const { context, page } = await open("/en/", { viewport: { width: 320, height: 700 }, permissions: ["clipboard-read", "clipboard-write"] });
  await fillEssentials(page, "A man shouted at me on the bus. REPORTER-TEST");
  await page.click("#send-now");
  await page.waitForSelector("#reference");
  const broken = await page.evaluate(() =>
    Array.from(document.querySelectorAll(".reference .group")).filter((group) => group.getClientRects().length !== 1).map((g) => g.textContent),
  );
  assert.deepEqual(broken, [], "no group of the reference or receipt is broken across lines at 320 px");
  const reference = (await page.textContent("#reference")).trim();
  await page.click('button[data-copy="reference"]');
  // Said in a status region, which a screen reader announces.
  await page.waitForFunction(() => document.querySelector('button[data-copy="reference"] + [role="status"]').textContent === "Copied");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), reference);
  const next = await page.textContent("#next-steps");
  assert.match(next, /We will not tell the police/);
  assert.match(next, /We will still read your report/);
  assert.match(await page.textContent("main"), /only you can open/);
  // Leaving the page blanks it, so a copy restored from the back-forward cache shows no report.
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted: true })));
  assert.doesNotMatch(await page.textContent("main"), new RegExp(reference));
  await page.goto(`${base}/en/privacy`);
  await page.goBack();
  await page.waitForLoadState();
  assert.doesNotMatch(await page.textContent("body"), /OYS-[0-9A-Z]{4}-/, "Back shows no reference");
  await context.close();
});

test("the statistics in every language: month names, nothing wider than a phone, a chart the CSP allows, axe", async () => {
  for (const lang of LANGUAGES) {
    for (const width of [320, 390]) {
      const { context, page, errors } = await open(`/${lang}/stats`, { viewport: { width, height: 844 } });
      assert.equal(await page.getAttribute("html", "lang"), lang);
      const seen = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        months: Array.from(document.querySelectorAll("thead th")).map((th) => th.textContent),
        fonts: Array.from(document.querySelectorAll(".chart-scroll text")).map((t) => parseFloat(getComputedStyle(t).fontSize)),
        bars: document.querySelectorAll(".chart-scroll rect").length,
        legend: Array.from(document.querySelectorAll(".legend li")).map((li) => li.textContent.trim()),
        method: document.querySelector('a[href$="stats/method"]') !== null,
      }));
      assert.ok(seen.overflow <= 0, `${lang} at ${width}: the page scrolls sideways by ${seen.overflow} px`);
      assert.ok(seen.months.length > 1 && seen.months.slice(1).every((m) => !/^\d{4}-\d{2}$/.test(m)), `${lang}: month names, not codes: ${seen.months}`);
      assert.ok(seen.bars > 0, "a chart is drawn");
      assert.ok(Math.min(...seen.fonts) >= 12, `${lang}: chart labels at least 12 px (${seen.fonts})`);
      assert.ok(seen.legend.length > 0 && seen.method);
      assert.deepEqual(errors.filter((e) => /Content Security Policy/i.test(e)), [], `${lang}: nothing the page's CSP blocks`);
      await context.close();
    }
    const checked = await open(`/${lang}/stats`, { bypassCSP: true });
    await checkAccessibility(checked.page, `stats ${lang}`);
    await checked.context.close();
    const method = await open(`/${lang}/stats/method`, { bypassCSP: true });
    assert.equal(await method.page.getAttribute("html", "lang"), lang);
    assert.ok((await method.page.$$("main p")).length >= 6, "the method in plain words");
    await checkAccessibility(method.page, `stats method ${lang}`);
    await method.context.close();
  }
  // English: "Northern Ireland" by name, and a legend only of what is drawn.
  const { context, page } = await open("/en/stats", { viewport: { width: 1280, height: 900 } });
  await page.screenshot({ path: join(artefacts, "stats-en.png"), fullPage: true });
  assert.match(await page.textContent("table"), /All reports/);
  assert.ok((await page.textContent("main")).includes("Northern Ireland"));
  const drawn = await page.$$eval(".chart-scroll rect", (rects) => new Set(rects.map((r) => r.getAttribute("fill"))).size);
  const legend = await page.$$eval(".legend li", (items) => items.length);
  assert.equal(legend, drawn, "one legend entry per colour drawn");
  await context.close();
  // The form's pages link to the statistics.
  const form = await open("/vi/");
  assert.equal(await form.page.getAttribute('footer a[href$="vi/stats"]', "href"), "../vi/stats");
  await form.context.close();
});

test("the privacy notice names the controllers, the lawful bases, retention, rights and the ICO", async () => {
  for (const lang of ON_THE_PHONE) {
    const { context, page } = await open(`/${lang}/privacy`);
    const text = await page.textContent("main");
    for (const wanted of ["Protection Approaches", "SEEAC", "(1)(f)", "(2)(a)", "Data Protection Act 2018", "35", "180", "365", "ICO"]) {
      assert.ok(text.includes(wanted), `${lang}: the notice says ${wanted}`);
    }
    await context.close();
  }
});
