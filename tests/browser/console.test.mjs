// The staff console in a real browser: Debian's chromium driven by playwright-core, against the
// local runner signing staff in through OpenID Connect. The issuer is this file's own: a small
// HTTP server laid out like Cognito's managed login (authorize, token, revoke, logout, keys),
// signing RS256 ID tokens with a key made at start. An operator works a new report from the
// queue to the partner's handoff and the police referral; forged forms, signed-out visits and
// sign-out are checked; axe-core checks every page; screenshots go to target/browser-artefacts
// (not committed), and the queue's also to docs/console-queue.png for docs/using.md.
//
// Run by scripts/test after `cargo test` built the runner. Needs: chromium (OYS_CHROMIUM, default
// /usr/bin/chromium) and `npm ci` in tests/browser. Without the browser it fails, never skips.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { artefacts, checkPrerequisites, chromiumPath, root, runAxe, startRunner } from "./support.mjs";

const reportJson = readFileSync(join(root, "events/report-full.json"), "utf8");
const partners = JSON.parse(readFileSync(join(root, "config/partners.json"), "utf8"));

const CLIENT_ID = "console-test-client";
/// A reference in the right form that no case has.
const NO_SUCH_CASE = "OYS-ZZZZ-ZZZZ";
/// The actions' pages, as the case page links them.
const ACTIONS = ["call", "assign", "consent", "force", "release", "confirm-phone", "note", "withdraw-consent", "close", "withdraw", "erase"];
/// The queue's sections, in order.
const SECTIONS = ["call_back", "police_release", "confirm_advocate", "share_consent", "advocate_overdue", "reporter_added", "due_to_close"];

/// The issuer's accounts: Cognito's groups and the advocate's partner attribute.
const USERS = {
  operator: { sub: "operator.test", email: "operator@on-your-side.test", groups: ["operator"] },
  lead: { sub: "lead.test", email: "lead@on-your-side.test", groups: ["operator", "lead"] },
  advocate: { sub: "advocate.example-london", email: "advocate@london.partners.example", groups: ["advocate"], partner: "example-london" },
};

let issuer, runner, local, browser;
const axeResults = [];

// ---- the test issuer ------------------------------------------------------------------------------

const base64url = (data) => Buffer.from(data).toString("base64url");

/// An OpenID Connect issuer on this machine, with Cognito's paths. Remembers what it was asked.
async function startIssuer() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" };
  const requests = new Map(); // authorize request id → its parameters
  const codes = new Map(); // code → { user, nonce, challenge, clientId, redirectUri, used }
  const calls = { authorize: [], token: [], revoke: [], logout: [], keys: 0, problems: [] };
  let url;
  let consoleUrl;

  const idToken = (user, nonce) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: url,
      aud: CLIENT_ID,
      sub: user.sub,
      token_use: "id",
      nonce,
      iat: now,
      auth_time: now,
      exp: now + 3600,
      email: user.email,
      "cognito:groups": user.groups,
      ...(user.partner ? { "custom:partner_id": user.partner } : {}),
    };
    const signed = `${base64url(JSON.stringify({ alg: "RS256", kid: "test-key", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`;
    return `${signed}.${sign("sha256", Buffer.from(signed), privateKey).toString("base64url")}`;
  };

  const send = (res, status, type, body, headers = {}) => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
    res.end(body);
  };
  const json = (res, status, value) => send(res, status, "application/json", JSON.stringify(value));
  const refuse = (res, problem) => {
    calls.problems.push(problem);
    json(res, 400, { error: "invalid_grant", error_description: problem });
  };
  const readBody = (req) =>
    new Promise((done, fail) => {
      let body = "";
      req.on("data", (chunk) => { body += chunk; });
      req.on("end", () => done(body));
      req.on("error", fail);
    });

  const server = createServer(async (req, res) => {
    const target = new URL(req.url, url);
    const q = target.searchParams;
    try {
      if (req.method === "GET" && target.pathname === "/oauth2/authorize") {
        const wanted = Object.fromEntries(q);
        calls.authorize.push(wanted);
        const problems = [];
        if (q.get("response_type") !== "code") problems.push("response_type is not code");
        if (q.get("client_id") !== CLIENT_ID) problems.push("another client");
        if (q.get("redirect_uri") !== `${consoleUrl}/staff/callback`) problems.push(`redirect_uri ${q.get("redirect_uri")}`);
        if (!(q.get("scope") ?? "").split(" ").includes("openid")) problems.push("scope without openid");
        if (q.get("code_challenge_method") !== "S256") problems.push("no S256 challenge");
        for (const name of ["state", "nonce", "code_challenge"]) if (!q.get(name)) problems.push(`no ${name}`);
        if (problems.length > 0) {
          calls.problems.push(...problems);
          return send(res, 400, "text/plain", problems.join("\n"));
        }
        const id = randomBytes(12).toString("base64url");
        requests.set(id, wanted);
        const choices = Object.entries(USERS)
          .map(([name, user]) => `<li><a id="user-${name}" href="/oauth2/choose?request=${id}&amp;user=${name}">${user.sub} (${user.groups.join(", ")}${user.partner ? `, ${user.partner}` : ""})</a></li>`)
          .join("");
        return send(res, 200, "text/html; charset=utf-8",
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test issuer: sign in</title></head>` +
          `<body><main><h1>Test issuer: sign in</h1><ul>${choices}</ul></main></body></html>`);
      }
      if (req.method === "GET" && target.pathname === "/oauth2/choose") {
        const wanted = requests.get(q.get("request"));
        const user = USERS[q.get("user")];
        if (!wanted || !user) return send(res, 400, "text/plain", "no such sign-in");
        requests.delete(q.get("request"));
        const code = randomBytes(24).toString("base64url");
        codes.set(code, {
          user,
          nonce: wanted.nonce,
          challenge: wanted.code_challenge,
          clientId: wanted.client_id,
          redirectUri: wanted.redirect_uri,
          used: false,
        });
        const back = new URL(wanted.redirect_uri);
        back.searchParams.set("code", code);
        back.searchParams.set("state", wanted.state);
        return send(res, 302, "text/plain", "", { location: back.href });
      }
      if (req.method === "POST" && target.pathname === "/oauth2/token") {
        const form = new URLSearchParams(await readBody(req));
        calls.token.push(Object.fromEntries(form));
        if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return refuse(res, "token: not a form");
        if (form.get("grant_type") !== "authorization_code") return refuse(res, "token: grant_type");
        const granted = codes.get(form.get("code") ?? "");
        if (!granted) return refuse(res, "token: unknown code");
        if (granted.used) return refuse(res, "token: code used twice");
        granted.used = true;
        if (form.get("client_id") !== granted.clientId) return refuse(res, "token: another client");
        if (form.get("redirect_uri") !== granted.redirectUri) return refuse(res, "token: another redirect_uri");
        const verifier = form.get("code_verifier") ?? "";
        if (createHash("sha256").update(verifier).digest("base64url") !== granted.challenge) return refuse(res, "token: PKCE verifier");
        return json(res, 200, {
          id_token: idToken(granted.user, granted.nonce),
          access_token: "x",
          refresh_token: "r",
          token_type: "Bearer",
          expires_in: 3600,
        });
      }
      if (req.method === "GET" && target.pathname === "/.well-known/jwks.json") {
        calls.keys += 1;
        return json(res, 200, { keys: [jwk] });
      }
      if (req.method === "POST" && target.pathname === "/oauth2/revoke") {
        calls.revoke.push(Object.fromEntries(new URLSearchParams(await readBody(req))));
        return send(res, 200, "application/json", "");
      }
      if (req.method === "GET" && target.pathname === "/logout") {
        calls.logout.push(Object.fromEntries(q));
        if (q.get("client_id") !== CLIENT_ID || q.get("logout_uri") !== `${consoleUrl}/staff/signed-out`) {
          calls.problems.push(`logout: ${target.search}`);
          return send(res, 400, "text/plain", "unknown client or logout_uri");
        }
        return send(res, 302, "text/plain", "", { location: q.get("logout_uri") });
      }
      send(res, 404, "text/plain", "not found");
    } catch (error) {
      calls.problems.push(String(error));
      send(res, 500, "text/plain", "issuer failed");
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  url = `http://127.0.0.1:${server.address().port}`;
  return {
    server,
    calls,
    get url() { return url; },
    set consoleUrl(value) { consoleUrl = value; },
    close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(done); }),
  };
}

// ---- the runners --------------------------------------------------------------------------------

/// A free port on the loopback: the console must know its own origin before it starts.
function freePort() {
  return new Promise((done, fail) => {
    const probe = createTcpServer();
    probe.on("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

before(async () => {
  checkPrerequisites();
  issuer = await startIssuer();
  const port = await freePort();
  const consoleUrl = `http://127.0.0.1:${port}`;
  issuer.consoleUrl = consoleUrl;
  runner = await startRunner([
    "--port", String(port),
    "--console-url", consoleUrl,
    "--console-issuer", issuer.url,
    "--console-client-id", CLIENT_ID,
    "--console-login-url", issuer.url,
  ], "console-runner");
  assert.equal(runner.url, consoleUrl);
  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  runner?.stop();
  local?.stop();
  await issuer?.close();
  writeFileSync(join(artefacts, "console-axe.json"), JSON.stringify(axeResults, null, 2));
});

// ---- helpers ------------------------------------------------------------------------------------

const base = () => runner.url;
const authorizePage = () => `${issuer.url}/oauth2/authorize?`;

/// A fresh browser context (nothing signed in) and a page in it.
async function fresh({ width = 1280, height = 900, bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, bypassCSP });
  const page = await context.newPage();
  return { context, page };
}

/// Opens `path` signed out, signs in at the issuer as `who`, and lands back on `path`.
async function signIn(who, path = "/staff/queue", options = {}) {
  const { context, page } = await fresh(options);
  await page.goto(`${base()}${path}`);
  await page.waitForURL((url) => url.href.startsWith(authorizePage()));
  await page.click(`#user-${who}`);
  await page.waitForURL(`${base()}${path}`);
  return { context, page };
}

/// A new report as the form sends it: an advocate wanted, police consent, contact details.
async function newReport() {
  const response = await fetch(`${base()}/v1/reports`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: reportJson,
  });
  assert.equal(response.status, 201, await response.clone().text());
  const { reference } = await response.json();
  assert.match(reference, /^OYS-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return reference;
}

/// Waits until the advocate-assignment worker proposed partners for the case.
async function waitForProposal(page, reference) {
  const deadline = Date.now() + 30000;
  for (;;) {
    await page.goto(`${base()}/staff/cases/${reference}/assign`);
    if ((await page.locator("label", { hasText: "(proposed first)" }).count()) > 0) return;
    assert.ok(Date.now() < deadline, `no advocate proposal for ${reference} after 30 s`);
    await page.waitForTimeout(500);
  }
}

/// The emails in the runner's outbox.
function outbox() {
  const folder = join(runner.dataDir, "outbox");
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith(".eml"))
    .map((file) => ({ file, text: readFileSync(join(folder, file), "utf8") }));
}

/// Whether an email names the case in its own words (subject or body), not only in the outbox's
/// `X-On-Your-Side-Case` header.
const names = (email, reference) => email.text.replace(/^X-On-Your-Side-Case: .*$/gm, "").includes(reference);

/// Whether an email is addressed to `mailbox` (its `To:` header, folded lines joined).
function addressedTo(email, mailbox) {
  const headers = email.text.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  return headers.split(/\r?\n/).some((line) => /^to:/i.test(line) && line.toLowerCase().includes(mailbox.toLowerCase()));
}

async function waitForEmail(predicate, what) {
  const deadline = Date.now() + 20000;
  for (;;) {
    const found = outbox().filter(predicate);
    if (found.length > 0) return found;
    assert.ok(Date.now() < deadline, `no email ${what} in the outbox after 20 s`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/// The case page's timeline, newest first: each event's heading.
async function timeline(page, reference) {
  await page.goto(`${base()}/staff/cases/${reference}`);
  return page.$$eval(".timeline > li h3", (items) => items.map((item) => item.textContent.trim()));
}

/// The success banner's words after an action.
async function banner(page) {
  return (await page.locator(".banner-success[role=status]").textContent()).trim();
}

/// axe-core on the page as it is; no serious or critical violation. (The console's CSP allows no
/// injected script: the axe runs open their pages in a context that bypasses it.) Every
/// violation is recorded with its selectors, whatever its impact.
async function checkAccessibility(page, name) {
  const result = await runAxe(page);
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  axeResults.push({
    page: name,
    url: page.url(),
    passes: result.passes.length,
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((node) => ({ target: node.target.join(" "), summary: node.failureSummary })),
    })),
  });
  return serious.map((v) => `${name}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/// Each error message beside a field is tied to it (the field's `aria-describedby` names the
/// message, so a screen reader reads it with the field), and each of the error summary's links
/// leads to a field on the page. Returns what is not.
function unlinkedErrors(page, name) {
  return page.evaluate((name) => {
    const problems = [];
    for (const message of document.querySelectorAll("main .error")) {
      const question = message.closest(".question");
      const described = [...(question?.querySelectorAll("fieldset, input:not([type=hidden]), select, textarea") ?? [])]
        .some((field) => message.id && (field.getAttribute("aria-describedby") ?? "").split(/\s+/).includes(message.id));
      if (!described) {
        const field = question?.querySelector("input:not([type=hidden]), select, textarea");
        problems.push(`${name}: the message "${message.textContent.trim()}" (id ${message.id || "none"}) is not in the aria-describedby of #${field?.id}`);
      }
    }
    for (const link of document.querySelectorAll(".error-summary a")) {
      const target = document.getElementById((link.getAttribute("href") ?? "").slice(1));
      if (!target) problems.push(`${name}: the summary's link ${link.getAttribute("href")} leads nowhere`);
    }
    return problems;
  }, name);
}

/// How far the page scrolls sideways (0: it fits).
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

// ---- the tests ----------------------------------------------------------------------------------

test("an operator signs in, calls the reporter back, hands the case to a partner and releases the police referral", async () => {
  const reference = await newReport();
  const { context, page } = await signIn("operator");
  assert.deepEqual(issuer.calls.problems, [], "the console's requests to the issuer are as OpenID Connect wants them");
  assert.ok(issuer.calls.token.length >= 1, "the code was redeemed by the console, not the browser");
  assert.ok(issuer.calls.revoke.some((call) => call.token === "r" && call.client_id === CLIENT_ID), "the refresh token was revoked");
  assert.match(await page.textContent("header"), /operator\.test \(operator\)/);

  // The queue: every section, the new report waiting for a call back and for release.
  assert.equal((await page.textContent("h1")).trim(), "Work queue");
  for (const id of SECTIONS) {
    assert.equal(await page.locator(`section.queue-section h2#${id} .badge`).count(), 1, `section ${id} with its count`);
  }
  const callBack = page.locator("section.queue-section:has(h2#call_back)");
  assert.match(await callBack.locator("h2").textContent(), /Reporters to call back/);
  assert.equal(await callBack.locator(`a[href="/staff/cases/${reference}"]`).count(), 1, "the new report is waiting for a call back");
  const release = page.locator("section.queue-section:has(h2#police_release)");
  assert.equal(await release.locator(`a[href="/staff/cases/${reference}"]`).count(), 1, "and for its police referral's release");
  await callBack.locator(`a[href="/staff/cases/${reference}"]`).click();

  // The case.
  await page.waitForURL(`${base()}/staff/cases/${reference}`);
  assert.match(await page.textContent("h1"), new RegExp(reference));
  const contact = await page.textContent("section.safe-contact");
  assert.match(contact, /Safe contact/);
  assert.match(contact, /\+447700900123/, "the phone held");

  // The call.
  await page.click("text=Record a call");
  await page.waitForURL(`${base()}/staff/cases/${reference}/call`);
  await page.getByLabel("Reached", { exact: true }).check();
  await page.click("button:has-text('Record the call')");
  await page.waitForURL(`${base()}/staff/cases/${reference}?done=call`);
  assert.equal(await banner(page), "The call was recorded.");
  assert.match(await page.textContent(".timeline"), /Call made[\s\S]*Reached/);

  // The partner the worker proposed first, confirmed.
  await waitForProposal(page, reference);
  const first = page.locator("input[name=partner_id]").first();
  const partnerId = await first.getAttribute("value");
  assert.match(await page.textContent(`label[for="${await first.getAttribute("id")}"]`), /\(proposed first\)/);
  const partner = partners.find((p) => p.id === partnerId);
  assert.ok(partner, `the proposed partner ${partnerId} is one of config/partners.json`);
  await first.check();
  await page.click("button:has-text('Confirm')");
  await page.waitForURL(`${base()}/staff/cases/${reference}?done=assign`);
  assert.equal(await banner(page), "The advocate's organisation was confirmed.");
  assert.deepEqual(outbox().filter((email) => addressedTo(email, partner.mailbox) && email.text.includes(reference)), [], "nothing shared before consent");

  // Consent to share, given on the phone: the partner's handoff email goes out.
  await page.click("text=Record consent to share");
  await page.waitForURL(`${base()}/staff/cases/${reference}/consent`);
  assert.match(await page.textContent("main"), new RegExp(partner.name));
  assert.notEqual(await page.inputValue("#privacy_notice_version"), "", "the privacy notice version is filled in");
  await page.getByLabel("Yes, consent given").check();
  await page.getByLabel("Phone", { exact: true }).check();
  await page.click("button:has-text('Record the decision')");
  await page.waitForURL(`${base()}/staff/cases/${reference}?done=consent`);
  assert.equal(await banner(page), "The reporter's decision on sharing was recorded.");
  const handoff = await waitForEmail((email) => addressedTo(email, partner.mailbox) && names(email, reference), `to ${partner.mailbox}`);
  assert.equal(handoff.length, 1, "one handoff email");

  // The police referral: previewed as the force will receive it, then released.
  const forceEmails = () => outbox().filter((email) => /@police-referrals\.localhost/.test(email.text) && email.text.includes(reference));
  assert.deepEqual(forceEmails(), [], "nothing sent to the police before release");
  await page.click("text=Review and release the police referral");
  await page.waitForURL(`${base()}/staff/cases/${reference}/release`);
  const preview = page.locator("section.email-preview");
  assert.match(await preview.locator("h2").textContent(), /What the force will receive/);
  const to = (await preview.locator("dt:has-text('To') + dd").textContent()).trim();
  assert.match(to, /greater-manchester@police-referrals\.localhost/, "M1 1AE is Greater Manchester's");
  assert.ok((await preview.locator("dt:has-text('Subject') + dd").textContent()).trim().length > 0, "a subject");
  const body = await preview.locator("pre.email-body").textContent();
  assert.match(body, new RegExp(reference), "the body names the reference");
  await page.click("button:has-text('Release the referral')");
  await page.waitForURL(`${base()}/staff/cases/${reference}?done=release`);
  assert.equal(await banner(page), "The police referral was released.");
  const police = await waitForEmail(
    (email) => addressedTo(email, "greater-manchester@police-referrals.localhost") && names(email, reference),
    "to greater-manchester@police-referrals.localhost",
  );
  assert.equal(police.length, 1, "one referral to the force");

  // Everything held, as a download.
  const exported = await page.request.get(`${base()}/staff/cases/${reference}/export`);
  assert.equal(exported.status(), 200);
  assert.match(exported.headers()["content-disposition"], new RegExp(`attachment; filename="${reference}.json"`));
  assert.match(await exported.text(), new RegExp(reference));

  // Done with: off the call-back and release sections.
  await page.goto(`${base()}/staff/queue`);
  assert.equal(await page.locator(`section.queue-section:has(h2#call_back) a[href="/staff/cases/${reference}"]`).count(), 0);
  assert.equal(await page.locator(`section.queue-section:has(h2#police_release) a[href="/staff/cases/${reference}"]`).count(), 0);
  await context.close();
});

test("a form sent without the session's anti-forgery token, or with a wrong one, is refused and changes nothing", async () => {
  const reference = await newReport();
  const { context, page } = await signIn("operator", `/staff/cases/${reference}`);
  const events = await timeline(page, reference);
  const csrf = await page.inputValue("header input[name=csrf]");
  assert.ok(csrf.length >= 16);

  // From the console's own page (same origin, the session's cookie): only the token is missing.
  const post = (fields) =>
    page.evaluate(async ({ path, fields }) => {
      const answer = await fetch(path, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
      return { status: answer.status, text: await answer.text() };
    }, { path: `/staff/cases/${reference}/note`, fields });
  for (const [why, fields] of [
    ["missing", { text: "FORGED-NOTE-1" }],
    ["empty", { csrf: "", text: "FORGED-NOTE-2" }],
    ["wrong", { csrf: `${csrf.slice(0, -2)}xx`, text: "FORGED-NOTE-3" }],
    ["another session's", { csrf: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", text: "FORGED-NOTE-4" }],
  ]) {
    const answer = await post(fields);
    assert.equal(answer.status, 403, `token ${why}`);
    assert.match(answer.text, /This form could not be accepted/, `token ${why}`);
  }
  // The same through the context's request client (the browser's cookies, no Origin header).
  for (const [action, form] of [
    ["call", { outcome: "reached" }],
    ["withdraw", {}],
    ["close", { csrf: "wrong", reason: "FORGED-CLOSE" }],
  ]) {
    const answer = await page.request.post(`${base()}/staff/cases/${reference}/${action}`, { form, maxRedirects: 0 });
    assert.equal(answer.status(), 403, `${action} without its token`);
    assert.match(await answer.text(), /This form could not be accepted/);
  }
  // Signing out needs the token too.
  const signOut = await page.request.post(`${base()}/staff/sign-out`, { form: { csrf: "wrong" }, maxRedirects: 0 });
  assert.equal(signOut.status(), 403, "a forged sign-out is refused");

  assert.deepEqual(await timeline(page, reference), events, "no new event on the case");
  assert.doesNotMatch(await page.textContent("main"), /FORGED/);
  assert.match(await page.textContent("header"), /operator\.test/, "still signed in");

  // The control: the same note with the page's own token is recorded.
  await page.goto(`${base()}/staff/cases/${reference}/note`);
  await page.fill("#text", "A genuine note. GENUINE-NOTE");
  await page.click("button:has-text('Add the note')");
  await page.waitForURL(`${base()}/staff/cases/${reference}?done=note`);
  assert.equal((await timeline(page, reference)).length, events.length + 1);
  await context.close();
});

test("signed out, every console page leads to sign-in, whether or not the case exists", async () => {
  const reference = await newReport();
  const paths = (ref) => [
    `/staff/cases/${ref}`,
    ...ACTIONS.map((action) => `/staff/cases/${ref}/${action}`),
    `/staff/cases/${ref}/export`,
    `/staff/cases/${ref}/no-such-action`,
  ];
  const urls = [
    "/staff",
    "/staff/",
    "/staff/queue",
    "/staff/queue?sort=newest&channel=online",
    "/staff/queue?due_before=not-a-date",
    "/staff/x",
    "/staff/x/y",
    "/staff/cases/not-a-reference",
    ...paths(reference),
    ...paths(NO_SUCH_CASE),
  ];
  const failures = [];
  for (const path of urls) {
    const { context, page } = await fresh();
    // The first answer: straight to sign-in, coming back here (or to the queue for `/staff`).
    const first = await context.request.get(`${base()}${path}`, { maxRedirects: 0 });
    const location = first.headers().location ?? "";
    const redirectsToQueue = path === "/staff" || path === "/staff/";
    const expected = redirectsToQueue ? "/staff/queue" : `/staff/sign-in?return_to=${encodeURIComponent(path)}`;
    if (![303, 307, 302].includes(first.status()) || decodeURIComponent(location) !== decodeURIComponent(expected)) {
      failures.push(`${path}: answered ${first.status()} ${location || "(no location)"}, not a redirect to ${expected}`);
    }
    if (path.endsWith("/export")) {
      // A download never loads a page: the redirect above is what matters.
      await context.close();
      continue;
    }
    const answer = await page.goto(`${base()}${path}`);
    if (!page.url().startsWith(authorizePage())) {
      failures.push(`${path}: landed on ${page.url()} (${answer?.status()}), not the issuer's sign-in`);
    } else {
      const sent = new URL(page.url()).searchParams;
      if (sent.get("client_id") !== CLIENT_ID || sent.get("redirect_uri") !== `${base()}/staff/callback`) {
        failures.push(`${path}: authorize request ${page.url()}`);
      }
    }
    const text = await page.textContent("body");
    if (text.includes(reference) || text.includes(NO_SUCH_CASE) || /Case not found|Safe contact/.test(text)) {
      failures.push(`${path}: the page shows something of the case`);
    }
    await context.close();
  }

  // A form sent signed out goes to sign-in too, and does nothing.
  const { context, page } = await fresh();
  const posted = await context.request.post(`${base()}/staff/cases/${reference}/close`, { form: { csrf: "x", reason: "SIGNED-OUT-CLOSE" }, maxRedirects: 0 });
  assert.equal(posted.status(), 303);
  assert.equal(posted.headers().location, "/staff/sign-in");

  // After signing in, back where the person was going: here, a case that does not exist.
  await page.goto(`${base()}/staff/cases/${NO_SUCH_CASE}`);
  await page.click("#user-operator");
  await page.waitForURL(`${base()}/staff/cases/${NO_SUCH_CASE}`);
  assert.equal((await page.textContent("h1")).trim(), "Case not found");
  await page.goto(`${base()}/staff/cases/${reference}`);
  assert.doesNotMatch(await page.textContent(".timeline"), /Case closed/, "the signed-out form closed nothing");
  await context.close();
  assert.deepEqual(failures, [], "signed-out visits that did not lead to sign-in");
});

test("a sign-in's callback cannot be used twice, nor in another browser", async () => {
  const { context, page } = await fresh();
  const callbacks = [];
  page.on("request", (request) => { if (request.url().startsWith(`${base()}/staff/callback?`)) callbacks.push(request.url()); });
  await page.goto(`${base()}/staff/queue`);
  await page.click("#user-operator");
  await page.waitForURL(`${base()}/staff/queue`);
  assert.equal(callbacks.length, 1);
  const refused = issuer.calls.problems.length;

  // In another browser (no sign-in under way there): refused before the code is redeemed.
  const other = await fresh();
  const answer = await other.page.goto(callbacks[0]);
  assert.equal(answer.status(), 400);
  assert.equal((await other.page.textContent("h1")).trim(), "You are not signed in");
  await other.page.goto(`${base()}/staff/queue`);
  assert.ok(other.page.url().startsWith(authorizePage()), "still signed out");
  await other.context.close();

  // In the same browser again: the sign-in is over.
  const again = await page.goto(callbacks[0]);
  assert.equal(again.status(), 400);
  assert.equal((await page.textContent("h1")).trim(), "You are not signed in");
  assert.equal(issuer.calls.problems.length, refused, "the used code was not even tried again");
  await context.close();
});

test("signing out ends the session here and at the issuer; Back shows nothing of the case", async () => {
  const reference = await newReport();
  const { context, page } = await signIn("operator", `/staff/cases/${reference}`);
  const session = (await context.cookies(base())).find((cookie) => cookie.name === "__Host-oys-staff");
  assert.ok(session, "a __Host- session cookie");
  assert.ok(session.httpOnly && session.secure && session.sameSite === "Lax", JSON.stringify(session));
  const withOldCookie = () =>
    fetch(`${base()}/staff/cases/${reference}`, { headers: { cookie: `__Host-oys-staff=${session.value}` }, redirect: "manual" });
  assert.equal((await withOldCookie()).status, 200, "the cookie is the session");

  const logouts = issuer.calls.logout.length;
  await page.click("header button:has-text('Sign out')");
  await page.waitForURL(`${base()}/staff/signed-out`);
  assert.equal((await page.textContent("h1")).trim(), "You have signed out");
  assert.equal(issuer.calls.logout.length, logouts + 1, "the issuer's logout was called");
  assert.deepEqual(issuer.calls.logout.at(-1), { client_id: CLIENT_ID, logout_uri: `${base()}/staff/signed-out` });
  assert.equal((await context.cookies(base())).filter((cookie) => cookie.name === "__Host-oys-staff").length, 0, "the cookie is gone");

  // The session itself is over, not only the cookie: the old secret no longer works.
  const replay = await withOldCookie();
  assert.equal(replay.status, 303);
  assert.match(replay.headers.get("location"), /^\/staff\/sign-in/);

  // Back: the case page is asked for again (no-store) and sends the person to sign in.
  await page.goBack();
  await page.waitForURL((url) => url.href.startsWith(authorizePage()) || url.pathname.startsWith("/staff/sign-in"));
  assert.ok(page.url().startsWith(authorizePage()), `Back lands on the issuer's sign-in, not ${page.url()}`);
  const shown = await page.textContent("body");
  assert.doesNotMatch(shown, new RegExp(`${reference}|Safe contact|447700900123|Chan Tai Man`));

  await page.goto(`${base()}/staff/queue`);
  assert.ok(page.url().startsWith(authorizePage()), `the queue after sign-out leads to sign-in, not ${page.url()}`);
  await context.close();
});

test("an operator can record a call with the keyboard alone", async () => {
  const reference = await newReport();
  const { context, page } = await signIn("operator", `/staff/cases/${reference}/call`);
  const active = () => page.evaluate(() => ({ name: document.activeElement?.name ?? "", id: document.activeElement?.id ?? "", text: document.activeElement?.textContent?.trim() ?? "" }));
  let focused;
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press("Tab");
    focused = await active();
    if (focused.name === "outcome") break;
  }
  assert.equal(focused.name, "outcome", "Tab reaches the outcome radios");
  assert.equal(focused.id, "outcome", "the group's first option takes focus");
  // The arrows move between the options (and choose); Space chooses the one focused.
  await page.keyboard.press("ArrowDown");
  assert.equal((await active()).id, "outcome-2");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Space");
  assert.equal(await page.isChecked("#outcome"), true, "Reached is chosen");
  assert.equal(await page.inputValue("input[name=outcome]:checked"), "reached");
  await page.keyboard.press("Tab");
  assert.equal((await active()).text, "Record the call", "Tab goes on to the button");
  await page.keyboard.press("Enter");
  await page.waitForURL(`${base()}/staff/cases/${reference}?done=call`);
  assert.equal(await banner(page), "The call was recorded.");
  assert.match((await page.locator(".timeline > li").first().textContent()).replace(/\s+/g, " "), /Call made.*Reached/);
  await context.close();
});

test("at 320 px wide and with text at 200 %, the queue and the case page do not scroll sideways", async () => {
  const reference = await newReport();
  const { context, page } = await signIn("operator", `/staff/cases/${reference}`, { width: 320, height: 640 });
  const problems = [];
  const pages = ["/staff/queue", `/staff/cases/${reference}`, "/staff/queue?sort=newest", `/staff/cases/${reference}/release`];
  for (const path of pages) {
    await page.goto(`${base()}${path}`);
    const over = await overflow(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (over > 0 || width > 320) problems.push(`${path} at 320 px: ${width} px wide (${over} px over)`);
    // What does not fit scrolls inside its own box: tables in a .table-wrap.
    const loose = await page.$$eval("table", (tables) => tables.filter((t) => !t.parentElement.classList.contains("table-wrap")).length);
    if (loose > 0) problems.push(`${path}: ${loose} table(s) outside a .table-wrap`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const path of pages) {
    await page.goto(`${base()}${path}`);
    await page.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
    const over = await overflow(page);
    if (over > 0) problems.push(`${path} with text at 200 %: ${over} px over`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("every console page passes axe with no serious or critical violation", async () => {
  const reference = await newReport();
  const serious = [];
  const unlinked = [];
  const check = async (page, name) => serious.push(...(await checkAccessibility(page, name)));
  const { context, page } = await signIn("operator", "/staff/queue", { bypassCSP: true });
  await check(page, "queue");
  await page.goto(`${base()}/staff/queue?sort=newest&channel=online`);
  assert.match(await page.textContent("main h2"), /^\d+ matching cases?$/);
  await check(page, "queue filtered");
  const bad = await page.goto(`${base()}/staff/queue?due_before=not-a-date&sort=sideways`);
  assert.equal(bad.status(), 422);
  assert.equal(await page.locator(".error-summary").count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("error-summary")), true, "the summary takes focus");
  unlinked.push(...(await unlinkedErrors(page, "queue filtered with an error")));
  await check(page, "queue filtered with an error");

  await waitForProposal(page, reference);
  await page.goto(`${base()}/staff/cases/${reference}`);
  await check(page, "case");
  for (const action of ACTIONS) {
    const shown = await page.goto(`${base()}/staff/cases/${reference}/${action}`);
    assert.equal(shown.status(), 200, action);
    await check(page, `${action} form`);
  }
  // Each form sent as it comes (a release or a withdrawal would act at once: not sent).
  for (const action of ["call", "assign", "consent", "force", "note", "withdraw-consent", "close", "erase", "confirm-phone"]) {
    await page.goto(`${base()}/staff/cases/${reference}/${action}`);
    if (action === "consent") await page.fill("#privacy_notice_version", "");
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.click("main button[type=submit]"),
    ]);
    await page.waitForLoadState();
    assert.equal(answer.status(), 422, `${action} sent empty is refused`);
    assert.ok(await page.locator(".error-summary").count() === 1 || action === "confirm-phone", `${action}: an error summary`);
    unlinked.push(...(await unlinkedErrors(page, `${action} form with errors`)));
    await check(page, `${action} form with errors`);
  }
  // The call form's errors, as a person reads them.
  await page.goto(`${base()}/staff/cases/${reference}/call`);
  await page.click("button:has-text('Record the call')");
  assert.match(await page.textContent(".error-summary"), /Answer this question/);
  assert.match(await page.textContent("#outcome-error"), /Answer this question/);
  assert.equal(await page.getAttribute(".error-summary a", "href"), "#outcome");
  assert.match(await page.title(), /^Error: /);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "error-summary", "the summary takes focus");
  // The erase form names the reference it wants.
  await page.goto(`${base()}/staff/cases/${reference}/erase`);
  await page.fill("#confirm_reference", NO_SUCH_CASE);
  await page.click("button:has-text('Erase the personal data')");
  assert.match(await page.textContent("#confirm_reference-error"), new RegExp(reference));
  assert.doesNotMatch((await timeline(page, reference)).join(" "), /erase/i, "nothing erased");

  // The banner after an action, and the pages a person may meet.
  await page.goto(`${base()}/staff/cases/${reference}/note`);
  await page.fill("#text", "Checked with axe.");
  await page.click("button:has-text('Add the note')");
  await page.waitForURL(`${base()}/staff/cases/${reference}?done=note`);
  await check(page, "case with a banner");
  await page.goto(`${base()}/staff/cases/${NO_SUCH_CASE}`);
  await check(page, "case not found");
  await page.goto(`${base()}/staff/cases/${reference}/no-such-action`);
  await check(page, "page not found");
  // A form whose token was tampered with: the refusal page.
  await page.goto(`${base()}/staff/cases/${reference}/note`);
  await page.fill("#text", "TAMPERED-NOTE");
  await page.evaluate(() => { document.querySelector("main input[name=csrf]").value = "tampered"; });
  const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("button:has-text('Add the note')")]);
  assert.equal(refused.status(), 403);
  await page.waitForLoadState();
  await check(page, "form refused (no token)");

  await page.goto(`${base()}/staff/queue`);
  await page.click("header button:has-text('Sign out')");
  await page.waitForURL(`${base()}/staff/signed-out`);
  await check(page, "signed out");
  await context.close();

  // The local runner's sign-in: a list of local users (no issuer configured).
  local = await startRunner(["--port", "0"], "console-local");
  const localPage = await fresh({ bypassCSP: true });
  await localPage.page.goto(`${local.url}/staff/cases/${NO_SUCH_CASE}`);
  assert.match(localPage.page.url(), /\/staff\/sign-in\?return_to=/);
  await check(localPage.page, "local sign-in");
  await localPage.page.click("button:has-text('Sign in')");
  await localPage.page.waitForURL(`${local.url}/staff/cases/${NO_SUCH_CASE}`);
  await localPage.context.close();
  local.stop();
  local = null;

  assert.deepEqual(serious, [], "serious or critical axe violations (all are in target/browser-artefacts/console-axe.json)");
  assert.deepEqual(unlinked, [], "error messages not tied to their fields");
});

test("a lead and a partner's advocate sign in to what their roles allow", async () => {
  const reference = await newReport();
  const serious = [];
  const check = async (page, name) => serious.push(...(await checkAccessibility(page, name)));

  const lead = await signIn("lead", "/staff/queue", { bypassCSP: true });
  assert.match(await lead.page.textContent("header"), /lead\.test \(lead\)/);
  assert.equal((await lead.page.textContent("h1")).trim(), "Work queue");
  await check(lead.page, "queue (lead)");
  // The lead hands this case to the London partner (not the one proposed first), with consent.
  await waitForProposal(lead.page, reference);
  const london = lead.page.locator("input[name=partner_id][value=example-london]");
  assert.equal(await london.count(), 1, "every partner can be chosen");
  await london.check();
  await lead.page.fill("#reason", "The reporter lives in London now.");
  await lead.page.click("button:has-text('Confirm')");
  await lead.page.waitForURL(`${base()}/staff/cases/${reference}?done=assign`);
  assert.match(await lead.page.textContent(".timeline"), /Why this organisation: The reporter lives in London now\./);
  await lead.page.goto(`${base()}/staff/cases/${reference}/consent`);
  await lead.page.getByLabel("Yes, consent given").check();
  await lead.page.getByLabel("Phone", { exact: true }).check();
  await lead.page.click("button:has-text('Record the decision')");
  await lead.page.waitForURL(`${base()}/staff/cases/${reference}?done=consent`);
  await waitForEmail((email) => addressedTo(email, "casework@london.partners.example") && names(email, reference), "to the London partner");
  await lead.context.close();

  const advocate = await signIn("advocate", "/staff/queue", { bypassCSP: true });
  assert.match(await advocate.page.textContent("header"), /advocate\.example-london \(advocate\)/);
  assert.equal((await advocate.page.textContent("h1")).trim(), "Your cases");
  assert.equal((await advocate.page.textContent("nav.service-navigation")).trim(), "Your cases");
  assert.equal(await advocate.page.locator(`a[href="/staff/cases/${reference}"]`).count(), 1, "the London case is listed");
  await check(advocate.page, "your cases (advocate)");
  await advocate.page.click(`a[href="/staff/cases/${reference}"]`);
  await advocate.page.waitForURL(`${base()}/staff/cases/${reference}`);
  const actions = await advocate.page.$$eval(".action-list a", (links) => links.map((a) => a.textContent.trim()));
  assert.deepEqual(actions, ["Record first contact made", "Add a note"], "an advocate's actions only");
  await check(advocate.page, "case (advocate)");
  await advocate.page.goto(`${base()}/staff/cases/${reference}/contact`);
  await check(advocate.page, "first contact form (advocate)");
  // What is not theirs: operators' actions and other cases look like nothing.
  const other = await newReport();
  await advocate.page.goto(`${base()}/staff/cases/${other}`);
  assert.equal((await advocate.page.textContent("h1")).trim(), "Case not found");
  const release = await advocate.page.goto(`${base()}/staff/cases/${reference}/release`);
  assert.equal(release.status(), 404, "no release page for an advocate");
  await advocate.context.close();

  assert.deepEqual(serious, [], "serious or critical axe violations");
});

test("the queue and a case are photographed at 1280 px", async () => {
  const reference = await newReport();
  const { context, page } = await signIn("operator", "/staff/queue");
  // A case with something on it: the worker's proposal and clocks, a call, a note.
  await waitForProposal(page, reference);
  await page.goto(`${base()}/staff/cases/${reference}/call`);
  await page.getByLabel("No answer").check();
  await page.click("button:has-text('Record the call')");
  await page.waitForURL(`${base()}/staff/cases/${reference}?done=call`);
  await page.goto(`${base()}/staff/queue`);
  await page.screenshot({ path: join(artefacts, "console-queue.png"), fullPage: true });
  copyFileSync(join(artefacts, "console-queue.png"), join(root, "docs/console-queue.png"));
  await page.goto(`${base()}/staff/cases/${reference}?done=call`);
  await page.screenshot({ path: join(artefacts, "console-case.png"), fullPage: true });
  await context.close();
});

// ---- part 2: a report by phone, the advocate's console, the lead's -----------------------------

/// Fills the console's "new report" form as an operator does on a call: the caller wants an
/// anonymous police referral and an advocate, gives a phone, spoke Cantonese with an interpreter.
async function fillPhoneReport(page) {
  await page.fill("#assisted-language_spoken", "Cantonese");
  await page.check("#assisted-interpreter_used-true");
  await page.fill("#incident-occurred_on", "20");
  await page.fill("#incident-occurred_on-month", "11");
  await page.fill("#incident-occurred_on-year", "2026");
  await page.check("#incident-types-verbal_abuse");
  await page.fill("#incident-description", "Two men shouted at me on the tram and followed me off it.");
  await page.fill("#incident-location-postcode", "M1 1AE");
  await page.check("#reporter-role-victim");
  await page.check("#consent-police-anonymous");
  await page.check("#consent-advocate_support-true");
  await page.fill("#contact-phone", "07700 900456");
}

test("an operator takes a phone report; the advocate picks it up once consent is recorded; the lead reads who read it", async () => {
  const serious = [];
  const check = async (page, name) => serious.push(...(await checkAccessibility(page, name)));
  const operator = await signIn("operator", "/staff/queue", { bypassCSP: true });
  const page = operator.page;
  await page.click("nav.service-navigation >> text=New report by phone");
  await page.waitForURL(`${base()}/staff/new-report?channel=phone`);
  assert.equal((await page.textContent("h1")).trim(), "New report by phone");
  const script = await page.textContent(".read-aloud");
  assert.match(script, /Read this to the caller/);
  assert.match(script, /without your name or contact details/, "what an anonymous referral means, from the form's words");
  assert.match(script, /Privacy notice version \d{4}-\d{2}/);
  await check(page, "new report by phone");

  // Sent half-filled: refused, everything typed kept, the summary linking to each question.
  await page.fill("#assisted-language_spoken", "Cantonese");
  await page.fill("#incident-location-postcode", "M1 1AE");
  const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("button:has-text('Send the report')")]);
  assert.equal(refused.status(), 422);
  await page.waitForLoadState();
  assert.equal(await page.inputValue("#assisted-language_spoken"), "Cantonese", "what was typed is kept");
  assert.equal(await page.inputValue("#incident-location-postcode"), "M1 1AE");
  assert.equal(await page.locator(".error-summary a[href='#incident-description']").count(), 1);
  assert.deepEqual(await unlinkedErrors(page, "new report with errors"), []);
  await check(page, "new report with errors");

  await fillPhoneReport(page);
  await page.click("button:has-text('Send the report')");
  await page.waitForLoadState();
  const taken = (await page.textContent(".banner-success h2")).trim();
  const reference = taken.match(/OYS-[0-9A-Z]{4}-[0-9A-Z]{4}/)[0];
  assert.match(await page.textContent(".banner-success"), /Their receipt/);
  const arrival = await page.textContent("section:has(h2:has-text('How the report came in'))");
  for (const shown of ["Phone", "operator.test", "Cantonese", "Police referral", "Advocate assignment"]) {
    assert.ok(arrival.includes(shown), `the case page shows ${shown}: ${arrival}`);
  }
  await check(page, "case just taken by phone");
  await page.screenshot({ path: join(artefacts, "console-phone-report.png"), fullPage: true });
  copyFileSync(join(artefacts, "console-phone-report.png"), join(root, "docs/console-phone-report.png"));

  // Not the advocate's yet: no consent to share.
  const advocate = await signIn("advocate", "/staff/queue", { bypassCSP: true });
  assert.equal(await advocate.page.locator(`a[href="/staff/cases/${reference}"]`).count(), 0, "not listed before consent");

  // The operator calls back, confirms the London partner, records consent given.
  await page.goto(`${base()}/staff/cases/${reference}/call`);
  await page.getByLabel("Reached", { exact: true }).check();
  await page.click("button:has-text('Record the call')");
  await page.waitForURL(`${base()}/staff/cases/${reference}?done=call`);
  await waitForProposal(page, reference);
  await page.check("input[name=partner_id][value=example-london]");
  await page.click("button:has-text('Confirm')");
  await page.waitForURL(`${base()}/staff/cases/${reference}?done=assign`);
  await page.goto(`${base()}/staff/cases/${reference}/consent`);
  await page.getByLabel("Yes, consent given").check();
  await page.getByLabel("Phone", { exact: true }).check();
  await page.click("button:has-text('Record the decision')");
  await page.waitForURL(`${base()}/staff/cases/${reference}?done=consent`);

  // Now theirs: listed with when it was shared and their clock; the handoff page; first contact.
  await advocate.page.goto(`${base()}/staff/queue`);
  const row = advocate.page.locator(`tr:has(a[href="/staff/cases/${reference}"])`);
  assert.equal(await row.count(), 1, "listed once consent is recorded");
  assert.match(await advocate.page.textContent("table.cases thead"), /Shared with you[\s\S]*Your call-back/);
  assert.match(await row.textContent(), /due in|due tomorrow|due today/);
  await check(advocate.page, "advocate's list with a case");
  await advocate.page.screenshot({ path: join(artefacts, "console-advocate.png"), fullPage: true });
  copyFileSync(join(artefacts, "console-advocate.png"), join(root, "docs/console-advocate.png"));
  await row.locator("a").click();
  await advocate.page.waitForURL(`${base()}/staff/cases/${reference}`);
  const handoff = await advocate.page.textContent("main");
  assert.ok(handoff.indexOf("Safe contact") < handoff.indexOf("What happened"), "the safe-contact card first");
  assert.match(handoff, /Two men shouted at me on the tram/, "in the reporter's own words");
  assert.doesNotMatch(handoff, /Police referral|Greater Manchester|Nation/, "no police choice, routes or nation");
  await advocate.page.click("text=Record first contact made");
  await advocate.page.click("button:has-text('Record first contact')");
  await advocate.page.waitForURL(`${base()}/staff/cases/${reference}?done=contact`);
  assert.equal(await banner(advocate.page), "First contact was recorded.");
  // Another partner's case, by URL: the same 404 page as no case at all.
  const other = await newReport();
  const elsewhere = await advocate.page.goto(`${base()}/staff/cases/${other}`);
  assert.equal(elsewhere.status(), 404);
  assert.equal((await advocate.page.textContent("h1")).trim(), "Case not found");
  await check(advocate.page, "another partner's case (advocate)");

  // Lead pages: refused to the operator and the advocate.
  for (const path of ["/staff/escalations", "/staff/caseload", "/staff/statistics", `/staff/cases/${reference}/audit`]) {
    assert.equal((await page.goto(`${base()}${path}`)).status(), 403, `${path} (operator)`);
    assert.equal((await advocate.page.goto(`${base()}${path}`)).status(), 403, `${path} (advocate)`);
    assert.equal((await page.textContent("h1")).trim(), "Your role cannot do this");
  }
  await check(page, "lead page refused (operator)");

  // The lead: the audit trail with the operator's and the advocate's reads.
  const lead = await signIn("lead", `/staff/cases/${reference}`, { bypassCSP: true });
  await lead.page.click("text=Read the audit trail");
  await lead.page.waitForURL(`${base()}/staff/cases/${reference}/audit`);
  const trail = await lead.page.textContent("table");
  for (const reader of ["operator.test", "advocate.example-london", "lead.test"]) {
    assert.match(trail, new RegExp(`${reader.replace(".", "\\.")}[\\s\\S]*Read the case`), `${reader} read it`);
  }
  assert.match(trail, /Took the report \(phone or webchat\)/);
  assert.match(await lead.page.textContent("main"), /London and South East/, "the handoff is listed as a disclosure");
  await check(lead.page, "audit trail (lead)");
  for (const [path, heading] of [["/staff/escalations", "Escalations"], ["/staff/caseload", "Caseload"], ["/staff/statistics", "Statistics awaiting publication"]]) {
    await lead.page.click(`nav.service-navigation a[href="${path}"]`);
    await lead.page.waitForURL(`${base()}${path}`);
    assert.equal((await lead.page.textContent("h1")).trim(), heading);
    await check(lead.page, `${heading} (lead)`);
  }
  await lead.page.goto(`${base()}/staff/caseload`);
  const london = await lead.page.textContent("tr:has(th:has-text('London and South East'))");
  assert.match(london, /\d/, "the London partner's open cases are counted");
  await lead.page.screenshot({ path: join(artefacts, "console-lead.png"), fullPage: true });
  copyFileSync(join(artefacts, "console-lead.png"), join(root, "docs/console-lead.png"));
  await lead.page.goto(`${base()}/staff/statistics`);
  assert.doesNotMatch(await lead.page.textContent("main"), /\b[1-9] \(published/, "no count below the threshold");

  // At 320 px the new pages fit.
  const problems = [];
  for (const [who, path] of [[lead.page, "/staff/new-report?channel=webchat"], [lead.page, `/staff/cases/${reference}/audit`], [lead.page, "/staff/caseload"], [lead.page, "/staff/statistics"], [advocate.page, "/staff/queue"]]) {
    await who.setViewportSize({ width: 320, height: 640 });
    await who.goto(`${base()}${path}`);
    const over = await overflow(who);
    if (over > 0) problems.push(`${path} at 320 px: ${over} px over`);
  }
  assert.deepEqual(problems, []);
  await Promise.all([operator.context.close(), advocate.context.close(), lead.context.close()]);
  assert.deepEqual(serious, [], "serious or critical axe violations");
});

test("an operator reaches the phone report form and chooses answers with the keyboard alone", async () => {
  const { context, page } = await signIn("operator", "/staff/queue");
  const active = () => page.evaluate(() => ({ id: document.activeElement?.id ?? "", text: document.activeElement?.textContent?.trim() ?? "" }));
  let focused;
  for (let i = 0; i < 20; i += 1) {
    await page.keyboard.press("Tab");
    focused = await active();
    if (focused.text === "New report by phone") break;
  }
  assert.equal(focused.text, "New report by phone", "Tab reaches the menu's link");
  await page.keyboard.press("Enter");
  await page.waitForURL(`${base()}/staff/new-report?channel=phone`);
  await page.focus("#assisted-language_spoken");
  await page.keyboard.type("Cantonese");
  await page.keyboard.press("Tab");
  assert.equal((await active()).id, "assisted-interpreter_used-true", "Tab goes on to the interpreter question");
  await page.keyboard.press("Space");
  assert.equal(await page.isChecked("#assisted-interpreter_used-true"), true);
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.isChecked("#assisted-interpreter_used-false"), true, "the arrows choose the other answer");
  await context.close();
});
