//! The shape of the code, checked from its source: imports point one way (domain ← use cases ←
//! adapters ← functions), adapters hold no business rule, the conformance suite calls every
//! port method. Each check names the file and line that breaks it.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `.rs` file under `dir`, recursively.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Lines of `files` (outside their `#[cfg(test)]` modules) that contain any of `needles`.
fn offending_lines(files: &[PathBuf], needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let text = read(file);
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (number, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for needle in needles {
                if line.contains(needle) {
                    let name = file.strip_prefix(root()).unwrap_or(file).display();
                    found.push(format!("{name}:{}: `{needle}` in: {}", number + 1, line.trim()));
                }
            }
        }
    }
    found
}

/// The service crate's use-case modules: everything but the adapters and the composition root.
fn use_case_files() -> Vec<PathBuf> {
    let service = root().join("service/src");
    let adapters =
        ["aws", "embedded", "http", "auth.rs", "mime.rs", "bootstrap", "bootstrap.rs", "telemetry.rs", "lib.rs"];
    sources(&service)
        .into_iter()
        .filter(|path| {
            let first = path.strip_prefix(&service).unwrap().components().next().unwrap();
            !adapters.contains(&first.as_os_str().to_str().unwrap())
        })
        .collect()
}

#[test]
fn the_domain_depends_on_nothing_of_the_service() {
    let manifest = read(&root().join("shared/Cargo.toml"));
    let dependencies = manifest.split("[dependencies]").nth(1).expect("a dependencies table");
    for outside in ["oys-service", "aws-", "tokio", "rusqlite", "axum", "lambda", "tracing"] {
        assert!(!dependencies.contains(outside), "the types crate must stay pure, but depends on {outside}");
    }
    let lines = offending_lines(
        &sources(&root().join("shared/src")),
        &["oys_service", "std::fs", "std::net", "Timestamp::now"],
    );
    assert!(lines.is_empty(), "the domain does I/O or reads the clock:\n{}", lines.join("\n"));
}

#[test]
fn use_cases_know_ports_not_adapters() {
    let files = use_case_files();
    assert!(files.iter().any(|f| f.ends_with("intake.rs")) && files.iter().any(|f| f.ends_with("casework.rs")));
    let adapters = [
        "crate::aws",
        "crate::embedded",
        "crate::http",
        "crate::bootstrap",
        "aws_sdk_",
        "aws_config",
        "rusqlite",
        "axum",
        "lambda_http",
        "lambda_runtime",
        "std::env::var",
    ];
    let lines = offending_lines(&files, &adapters);
    assert!(lines.is_empty(), "a use case reaches past its ports:\n{}", lines.join("\n"));
}

#[test]
fn adapters_persist_what_they_are_given_and_decide_nothing() {
    let service = root().join("service/src");
    let mut files = sources(&service.join("aws"));
    files.extend(sources(&service.join("embedded")));
    // The domain's rules, by name: an adapter calling or restating one decides what a case is.
    let rules = [
        "status(",
        "police_release_pending(",
        "redacted(",
        "has_free_text(",
        "caseload_changes(",
        "erased(",
        "erased_at =",
        "version +=",
        "listed_by_default",
        "CaseStatus::Closed",
        "MAX(",
        "RetentionPolicy::new",
        "rank_partners",
        "apply_event",
    ];
    let lines = offending_lines(&files, &rules);
    assert!(lines.is_empty(), "an adapter holds a business rule:\n{}", lines.join("\n"));
}

#[test]
fn the_conformance_suite_calls_every_port_method() {
    let ports = read(&root().join("service/src/ports.rs"));
    let suite = read(&root().join("tests/all/conformance.rs"));
    // `StaffIdentity` has one adapter (OpenID Connect), proven against the tests' own issuer in
    // `console.rs`: there is no second implementation for the suite to hold it to.
    let (before, after) = ports.split_once("pub trait StaffIdentity").expect("the identity port");
    let ports = format!("{before}{}", after.split_once("\n}\n").map_or("", |(_, rest)| rest));
    let methods: Vec<&str> = ports
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("async fn "))
        .map(|rest| rest.split('(').next().unwrap())
        .collect();
    assert!(methods.len() >= 30, "expected every port method, found {methods:?}");
    let uncalled: Vec<&&str> = methods.iter().filter(|m| !suite.contains(&format!(".{m}("))).collect();
    assert!(uncalled.is_empty(), "port methods the conformance suite never calls: {uncalled:?}");
}

#[test]
fn every_main_only_starts_its_builder() {
    let mut mains: Vec<PathBuf> = std::fs::read_dir(root().join("functions"))
        .unwrap()
        .map(|entry| entry.unwrap().path().join("src/main.rs"))
        .collect();
    mains.push(root().join("src/main.rs"));
    assert!(mains.len() >= 7);
    for main in mains {
        let lines = read(&main).lines().count();
        assert!(lines < 20, "{} has {lines} lines: wiring belongs in oys_service::bootstrap", main.display());
    }
}

#[test]
fn casework_reaches_the_police_through_the_referral_use_case_not_the_worker() {
    let lines = offending_lines(&[root().join("service/src/casework.rs")], &["crate::workers", "PoliceReferralWorker"]);
    assert!(lines.is_empty(), "casework imports a worker:\n{}", lines.join("\n"));
}

#[test]
fn each_use_case_reaches_only_the_ports_and_use_cases_it_names() {
    // The table of which ports each use case uses (docs/architecture.md, "Where things live"), as
    // a check: a use case that starts using another port, or calling into another use case (which
    // brings that one's ports), must say so here (and there). Every use-case module is in the table.
    let table: &[(&str, &[&str], &[&str])] = &[
        ("intake.rs", &["reports", "queue", "mailer", "clock", "alerts", "retention"], &["follow_up", "send_once"]),
        ("send_once.rs", &["effects", "mailer", "clock", "alerts"], &[]),
        ("referral.rs", &["reports", "effects", "deadlines", "clock"], &["routed", "send_once"]),
        ("routed.rs", &["reports"], &[]),
        ("workers/advocate.rs", &["assignments", "deadlines", "effects", "clock"], &["routed", "send_once", "batch"]),
        ("workers/police.rs", &[], &["referral", "routed", "batch"]),
        ("workers/batch.rs", &[], &["routed"]),
        ("workers/poller.rs", &[], &[]),
        ("workers/mod.rs", &[], &["routed"]),
        (
            "casework.rs",
            &["reports", "cases", "deadlines", "effects", "assignments", "audit", "clock", "retention", "statistics"],
            &["intake", "referral", "retention", "routed", "send_once", "statistics"],
        ),
        ("reminders.rs", &["deadlines", "clock", "alerts"], &["intake", "retention", "send_once", "statistics"]),
        ("retention.rs", &["personal_data", "reports", "cases", "effects", "mailer", "alerts"], &["send_once"]),
        ("feedback.rs", &["effects", "mailer", "alerts"], &[]),
        ("statistics.rs", &["statistics", "clock"], &[]),
        ("follow_up.rs", &["follow_ups", "reports", "cases", "clock", "alerts", "retention"], &["intake"]),
        ("staff_sign_in.rs", &["sessions", "clock"], &[]),
    ];
    let ports = [
        "reports",
        "effects",
        "deadlines",
        "cases",
        "assignments",
        "audit",
        "personal_data",
        "follow_ups",
        "statistics",
        "queue",
        "mailer",
        "clock",
        "alerts",
        "retention",
        "sessions",
    ];
    let service = root().join("service/src");
    let files: Vec<String> = use_case_files()
        .iter()
        .map(|path| path.strip_prefix(&service).unwrap().display().to_string())
        .filter(|file| file != "ports.rs" && file != "services.rs")
        .collect();
    // A module's name as others refer to it: `crate::workers::batch` or, beside it, `super::batch`.
    let module =
        |file: &str| file.trim_end_matches(".rs").trim_end_matches("/mod").rsplit('/').next().unwrap().to_string();
    let mut problems = Vec::new();
    for file in &files {
        let Some((_, names, callees)) = table.iter().find(|(name, _, _)| name == file) else {
            problems.push(format!("{file} is a use case missing from the table"));
            continue;
        };
        let source = read(&service.join(file));
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        // `svc\n    .deadlines\n    .save(…)` reads as `svc.deadlines.save(…)`.
        let joined: String = code.split('\n').map(str::trim).collect::<Vec<_>>().join("");
        for holder in ["svc.", "self.services.", "services."] {
            for port in ports {
                if joined.contains(&format!("{holder}{port}.")) && !names.contains(&port) {
                    problems.push(format!("{file} uses the port `{port}`, which it does not name"));
                }
            }
        }
        let mut called = Vec::new();
        for other in files.iter().filter(|other| *other != file) {
            let path = other.trim_end_matches(".rs").trim_end_matches("/mod").replace('/', "::");
            let same_folder = other.contains('/') && file.split('/').next() == other.split('/').next();
            let refers = joined.contains(&format!("crate::{path}::"))
                || joined.contains(&format!("crate::{path}{{"))
                || joined.contains(&format!("crate::{path};"))
                || (same_folder && joined.contains(&format!("super::{}", module(other))));
            if refers {
                called.push(module(other));
            }
        }
        // Exact both ways: every call named, every name called.
        for other_module in &called {
            if !callees.contains(&other_module.as_str()) {
                problems.push(format!("{file} calls into the use case `{other_module}`, which it does not name"));
            }
        }
        for callee in *callees {
            if !called.iter().any(|other_module| other_module == callee) {
                problems.push(format!("{file} names `{callee}`, which it does not call"));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
