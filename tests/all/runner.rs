//! The local runner as a newcomer uses it: `cargo run` serves on a port, takes a report,
//! writes the alert to the outbox, and keeps its data across restarts.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::support::{contract, event, http_client};

struct Runner {
    process: Child,
    base: String,
}

impl Drop for Runner {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn start(data_dir: &Path) -> Runner {
    start_with(data_dir, &[])
}

fn start_with(data_dir: &Path, extra: &[&str]) -> Runner {
    let mut process = Command::new(env!("CARGO_BIN_EXE_on-your-side"))
        .args(["--port", "0", "--data-dir"])
        .arg(data_dir)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the runner");
    let stdout = BufReader::new(process.stdout.take().unwrap());
    let mut printed = Vec::new();
    for line in stdout.lines() {
        let line = line.unwrap();
        if let Some(address) = line.strip_prefix("On Your Side is listening on ") {
            let base = address.trim().to_string();
            assert!(
                printed.iter().any(|l: &String| l.starts_with("Outbox:")),
                "tells where the outbox is: {printed:?}"
            );
            return Runner { process, base };
        }
        printed.push(line);
    }
    let _ = process.kill();
    let _ = process.wait();
    panic!("the runner stopped before listening: {printed:?}");
}

/// A fixture report dated yesterday, so the test does not depend on the day it runs.
fn dated_yesterday(fixture: &str) -> String {
    let mut body: serde_json::Value = serde_json::from_str(&event(fixture)).unwrap();
    let today = jiff::Timestamp::now().to_zoned_datetime(oys_shared::calendar::london()).date();
    let yesterday = today.yesterday().unwrap();
    body["incident"]["occurred_on"] = serde_json::json!(yesterday.to_string());
    body["incident"].as_object_mut().unwrap().remove("occurred_at");
    body.to_string()
}

fn submit(runner: &Runner, body: &str) -> http_client::HttpResponse {
    let answer = http_client::request(
        &runner.base,
        "POST",
        "/v1/reports",
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    );
    contract::check("POST", "/v1/reports", answer.status, answer.header("content-type"), answer.body.as_bytes());
    answer
}

#[test]
fn the_runner_serves_reports_writes_the_outbox_and_keeps_data_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let runner = start(dir.path());
    let health = http_client::request(&runner.base, "GET", "/health", &[], b"");
    assert_eq!(health.status, 200);
    let answer = submit(&runner, &dated_yesterday("report-anonymous.json"));
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert!(answer.body.contains("\"reference\":\"OYS-"), "{}", answer.body);
    // The runner's dispatcher sends the alert the report's write owes, within moments.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let alerts = loop {
        let alerts = std::fs::read_dir(dir.path().join("outbox")).map(|d| d.count()).unwrap_or(0);
        if alerts >= 1 || std::time::Instant::now() > deadline {
            break alerts;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(alerts, 1, "one alert .eml");
    drop(runner);

    let runner = start(dir.path());
    assert_eq!(submit(&runner, &dated_yesterday("report-full.json")).status, 201);
    // The workers run in the background: the proposal, and the police referral prepared for an
    // operator to release (a report from the public form never reaches a force unseen).
    let outbox = dir.path().join("outbox");
    let count = |expected: usize| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        loop {
            let emails = std::fs::read_dir(&outbox).unwrap().count();
            if emails >= expected || std::time::Instant::now() > deadline {
                return emails;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };
    assert_eq!(count(4), 4, "2 alerts, the release notice, the advocate proposal");
    let read_outbox = || -> Vec<String> {
        std::fs::read_dir(&outbox).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect()
    };
    assert!(!read_outbox().iter().any(|text| text.contains("police-referrals.localhost")), "held for release");
    let list = http_client::request(
        &runner.base,
        "GET",
        "/v1/cases?status=awaiting_call",
        &[("Authorization", "Bearer local-operator-token")],
        b"",
    );
    let held = list.body.split("\"reference\":\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let release = http_client::request(
        &runner.base,
        "POST",
        &format!("/v1/cases/{held}/events"),
        &[("Authorization", "Bearer local-operator-token"), ("Content-Type", "application/json")],
        br#"{"type":"police_referral_released"}"#,
    );
    assert_eq!(release.status, 201, "{}", release.body);
    assert_eq!(count(6), 6, "then the police referral and its notice");
    let referral =
        read_outbox().into_iter().find(|text| text.contains("To: <greater-manchester@police-referrals.localhost>"));
    assert!(referral.is_some(), "the anonymous referral went to the force's mailbox");
    let db = rusqlite::Connection::open(dir.path().join("on-your-side.sqlite3")).unwrap();
    let cases: i64 = db.query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0)).unwrap();
    assert_eq!(cases, 2, "the first report survived the restart");

    // An operator sees the new case with the documented local token.
    let list = http_client::request(
        &runner.base,
        "GET",
        "/v1/cases",
        &[("Authorization", "Bearer local-operator-token")],
        b"",
    );
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body.contains("awaiting_call"), "{}", list.body);
    assert_eq!(http_client::request(&runner.base, "GET", "/v1/cases", &[], b"").status, 401);

    // The operator calls, confirms the proposed partner and records consent to share.
    let reference = list.body.split("\"reference\":\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    for event in [
        r#"{"type":"call_made","outcome":"reached"}"#,
        r#"{"type":"assignment_confirmed","partner_id":"example-north-west"}"#,
        r#"{"type":"share_consent_given","partner_id":"example-north-west","channel":"phone","privacy_notice_version":"2026-01"}"#,
    ] {
        let answer = http_client::request(
            &runner.base,
            "POST",
            &format!("/v1/cases/{reference}/events"),
            &[("Authorization", "Bearer local-operator-token"), ("Content-Type", "application/json")],
            event.as_bytes(),
        );
        assert_eq!(answer.status, 201, "{event}: {}", answer.body);
    }
    let partner = http_client::request(
        &runner.base,
        "GET",
        &format!("/v1/cases/{reference}"),
        &[("Authorization", "Bearer local-advocate-example-north-west-token")],
        b"",
    );
    assert_eq!(partner.status, 200, "the partner's advocate sees the shared case");
    // The dispatcher sends the handoff the consent owes, and starts the advocate's clock.
    assert_eq!(count(7), 7, "the partner's handoff");
    let handoff =
        read_outbox().into_iter().filter(|text| text.contains("casework@north-west.partners.example")).count();
    assert_eq!(handoff, 1, "one handoff, to the partner");

    // The scheduled job as of five days later: the advocate's day-5 reminder, once.
    let in_five_days = jiff::Timestamp::now().checked_add(jiff::SignedDuration::from_hours(5 * 24)).unwrap();
    let run = |at: &jiff::Timestamp| {
        let output = Command::new(env!("CARGO_BIN_EXE_on-your-side"))
            .args(["--data-dir"])
            .arg(dir.path())
            .args(["run-reminders", "--at", &at.to_string()])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let first = run(&in_five_days);
    assert!(first.contains("reminders: 1"), "{first}");
    let second = run(&in_five_days);
    assert!(second.contains("reminders: 0") && second.contains("read: 0"), "{second}");
}

fn post_form(runner: &Runner, body: &str) -> http_client::HttpResponse {
    let answer = http_client::request(
        &runner.base,
        "POST",
        "/v1/reports",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body.as_bytes(),
    );
    contract::check("POST", "/v1/reports", answer.status, answer.header("content-type"), answer.body.as_bytes());
    answer
}

/// One crafted body once aborted the whole process (a form key with tens of thousands of dots
/// built a value so deep that dropping it overflowed the stack). The same server must answer
/// it with a field error and then take a valid report.
#[test]
fn no_crafted_body_stops_the_runner_and_errors_do_not_echo_the_request() {
    let dir = tempfile::tempdir().unwrap();
    let runner = start(dir.path());

    let deep_key = vec!["a"; 30_000].join(".");
    let deep = post_form(&runner, &format!("{deep_key}=1"));
    assert_eq!(deep.status, 422, "{}", &deep.body[..deep.body.len().min(300)]);
    assert!(deep.body.len() < 2_000, "the answer does not grow with the key: {} bytes", deep.body.len());

    // 8,000 unknown keys: at most 50 errors, then one `too_many_errors`; a small answer.
    let many: Vec<String> = (0..8_000).map(|i| format!("k{i}=1")).collect();
    let many = post_form(&runner, &many.join("&"));
    assert_eq!(many.status, 422);
    assert!(many.body.len() < 20_000, "answer of {} bytes", many.body.len());
    let errors: serde_json::Value = serde_json::from_str(&many.body).unwrap();
    assert!(errors["errors"].as_array().unwrap().len() <= 51, "{}", many.body);

    // A 60 kB unknown JSON key is echoed as a short prefix at most.
    let long_key = "x".repeat(60_000);
    let json = submit(&runner, &format!(r#"{{"{long_key}": 1}}"#));
    assert_eq!(json.status, 422);
    assert!(!json.body.contains(&"x".repeat(41)), "echoed more than 40 characters of the key");
    assert!(json.body.len() < 4_000, "answer of {} bytes", json.body.len());

    // Deeply nested JSON is refused by the parser's depth limit, not by the stack.
    let nested = format!("{}{}", "[".repeat(150_000), "]".repeat(150_000));
    assert_eq!(submit(&runner, &nested).status, 413, "over 256 KiB");
    let nested = format!("{}{}", "[".repeat(30_000), "]".repeat(30_000));
    assert_eq!(submit(&runner, &nested).status, 400);

    // The same process still takes reports.
    let after = submit(&runner, &dated_yesterday("report-anonymous.json"));
    assert_eq!(after.status, 201, "{}", after.body);
}

#[test]
fn a_client_over_its_rate_limit_is_answered_429_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let runner = start_with(dir.path(), &["--rate-limit-burst", "3", "--rate-limit-per-second", "1"]);
    let answers: Vec<_> = (0..6).map(|_| http_client::request(&runner.base, "GET", "/health", &[], b"")).collect();
    assert_eq!(answers[0].status, 200);
    let limited = answers.iter().find(|a| a.status == 429).expect("the burst of 3 is exceeded within 6 requests");
    let retry_after: u64 = limited.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    let body: serde_json::Value = serde_json::from_str(&limited.body).unwrap();
    assert_eq!(body["errors"][0]["code"], "rate_limited", "{body}");
    // A report sent while limited is refused and nothing is stored.
    let report = submit(&runner, &dated_yesterday("report-anonymous.json"));
    assert_eq!(report.status, 429);
    assert_eq!(std::fs::read_dir(dir.path().join("outbox")).map(|d| d.count()).unwrap_or(0), 0);
}

#[test]
fn the_runner_explains_its_options() {
    let output = Command::new(env!("CARGO_BIN_EXE_on-your-side")).arg("--help").output().unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    for needle in ["--port", "--data-dir", "--backend", "AWS_ENDPOINT_URL", "outbox"] {
        assert!(help.contains(needle), "--help mentions {needle}:\n{help}");
    }
}

/// Each Lambda function's binary, started with an empty environment, stops at once and logs
/// every variable it needs, in one line (CloudWatch shows the whole list on the first failure).
#[cfg(feature = "installed-tools")]
#[test]
fn a_function_that_is_not_configured_names_every_missing_variable_and_stops() {
    let environment = oys_lambda::config::function_environment();
    // The binaries `scripts/test` built before the tests (a test builds nothing itself).
    let target = std::env::current_exe().unwrap().parent().unwrap().parent().unwrap().to_path_buf();
    for (function, _) in &environment {
        assert!(target.join(function).exists(), "{function} is built by scripts/test before the tests run");
    }
    // A function that reads no environment (Cognito's trigger) has nothing to name.
    for (function, required) in environment.iter().filter(|(_, required)| !required.is_empty()) {
        let output = Command::new(target.join(function))
            .env_clear()
            .env("AWS_REGION", "eu-west-2")
            .output()
            .unwrap_or_else(|e| panic!("{function} starts: {e}"));
        assert!(!output.status.success(), "{function} must not start unconfigured");
        let logged = String::from_utf8_lossy(&output.stdout);
        let line =
            logged.lines().find(|l| l.contains("not configured")).unwrap_or_else(|| panic!("{function}: {logged}"));
        let log: serde_json::Value = serde_json::from_str(line).expect("a JSON log line");
        let error = log["fields"]["error"].as_str().unwrap();
        assert_eq!(error, format!("missing environment variables: {}", required.join(", ")), "{function}");
    }
}
