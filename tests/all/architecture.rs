//! The shape of the code where the compiler cannot hold it. The layers are crates (domain
//! `shared/` ← use cases `application/` ← adapters `adapters/*`, web `web/` ← bootstrap
//! `lambda/` ← `functions/*`), so a use case importing axum does not compile; what is checked
//! here is that no manifest adds the dependency that would let it, that the domain does no I/O,
//! that adapters hold no business rule, and that the conformance suite calls every port method.
//! Each check names the file and line that breaks it.

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

/// `text` without its `#[cfg(test)] mod … { … }` blocks, wherever they are (a test module in the
/// middle of a file hides nothing after it). Lines are kept as blank lines so numbers still match.
fn without_test_modules(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("#[cfg(test)]") {
        let (before, from) = rest.split_at(start);
        kept.push_str(before);
        // The item the attribute is on: up to its opening brace, then to the matching one.
        let Some(open) = from.find('{') else { break };
        let mut depth = 0;
        let mut end = from.len();
        for (i, c) in from[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        kept.extend(from[..end].matches('\n').map(|_| '\n'));
        rest = &from[end..];
    }
    kept.push_str(rest);
    kept
}

/// Lines of `files` (outside their test modules and comments) that contain any of `needles`.
fn offending_lines(files: &[PathBuf], needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let code = without_test_modules(&read(file));
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

/// The application crate's use-case modules: all but the ports, the wiring and the helpers.
fn use_case_files() -> Vec<PathBuf> {
    let application = root().join("application/src");
    let not_use_cases = ["mime.rs", "telemetry.rs", "lib.rs", "ports.rs", "services.rs"];
    sources(&application)
        .into_iter()
        .filter(|path| !not_use_cases.contains(&path.strip_prefix(&application).unwrap().to_str().unwrap()))
        .collect()
}

/// The `[dependencies]` of a manifest (optional ones included), by name.
fn dependencies(manifest: &str) -> Vec<String> {
    let text = read(&root().join(manifest));
    let table = text.split("\n[dependencies]\n").nth(1).unwrap_or_else(|| panic!("{manifest}: no [dependencies]"));
    let table = table.split("\n[").next().unwrap();
    table
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split(['=', '.', ' ']).next().unwrap().to_string())
        .collect()
}

#[test]
fn each_layer_depends_only_on_the_layers_inside_it() {
    // The crates the compiler then keeps each layer from reaching: a use case cannot name axum
    // if the application crate does not depend on it.
    let outer =
        ["axum", "tower", "tower-http", "hyper", "lambda_http", "lambda_runtime", "aws_lambda_events", "rusqlite"];
    let layers: &[(&str, &[&str], &[&str])] = &[
        ("shared/Cargo.toml", &[], &["tokio", "tracing", "aws-", "oys-"]),
        ("application/Cargo.toml", &["oys-shared"], &["aws-", "serde_dynamo", "clap", "askama"]),
        ("adapters/aws/Cargo.toml", &["oys-shared", "oys-application"], &[]),
        ("adapters/embedded/Cargo.toml", &["oys-shared", "oys-application"], &["aws-"]),
        ("web/Cargo.toml", &["oys-shared", "oys-application"], &["aws-", "serde_dynamo"]),
        ("lambda/Cargo.toml", &["oys-shared", "oys-application", "oys-aws", "oys-web"], &[]),
    ];
    let mut problems = Vec::new();
    for (manifest, inner, also_forbidden) in layers {
        for dependency in dependencies(manifest) {
            let own = dependency.starts_with("oys-");
            let allowed_outer = match *manifest {
                "web/Cargo.toml" => ["axum", "tower-http", "lambda_http"].contains(&dependency.as_str()),
                "lambda/Cargo.toml" => dependency.starts_with("lambda") || dependency == "aws_lambda_events",
                "adapters/embedded/Cargo.toml" => dependency == "rusqlite",
                _ => false,
            };
            if (own && !inner.contains(&dependency.as_str()))
                || (outer.contains(&dependency.as_str()) && !allowed_outer)
                || also_forbidden.iter().any(|f| dependency.starts_with(f))
            {
                problems.push(format!("{manifest} depends on {dependency}"));
            }
        }
    }
    // Each function links only the bootstrap, with the features of what it serves.
    for function in std::fs::read_dir(root().join("functions")).unwrap() {
        let manifest = format!("functions/{}/Cargo.toml", function.unwrap().file_name().to_str().unwrap());
        for dependency in dependencies(&manifest) {
            if dependency.starts_with("oys-") && dependency != "oys-lambda" {
                problems.push(format!("{manifest} depends on {dependency}: functions start through oys-lambda"));
            }
        }
        let staff = read(&root().join(&manifest)).contains("\"staff\"");
        if staff != manifest.contains("operator-api") {
            problems.push(format!("{manifest}: only operator-api links the staff side"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_domain_does_no_io_and_reads_no_clock() {
    let lines = offending_lines(
        &sources(&root().join("shared/src")),
        &["std::fs", "std::net", "std::env", "Timestamp::now", "SystemTime::now"],
    );
    assert!(lines.is_empty(), "the domain does I/O or reads the clock:\n{}", lines.join("\n"));
}

#[test]
fn use_cases_read_no_environment() {
    // Configuration reaches a use case as a value the bootstrap read, never from the process.
    let files = use_case_files();
    assert!(files.iter().any(|f| f.ends_with("intake.rs")) && files.iter().any(|f| f.ends_with("casework.rs")));
    let lines = offending_lines(&files, &["std::env", "env!("]);
    assert!(lines.is_empty(), "a use case reads its environment:\n{}", lines.join("\n"));
}

#[test]
fn use_cases_take_and_return_types_not_json() {
    // The edges (web, Lambda bootstrap) parse JSON and form bodies into commands; a use case that
    // took a `serde_json::Value` would parse, and answer, in a shape no type holds.
    let mut files = use_case_files();
    files.push(root().join("application/src/ports.rs"));
    let lines =
        offending_lines(&files, &["serde_json::Value", "Value}", "Value,", "&Value", ": Value", "-> Value", "json!("]);
    assert!(lines.is_empty(), "a use case handles raw JSON:\n{}", lines.join("\n"));
}

#[test]
fn adapters_persist_what_they_are_given_and_decide_nothing() {
    let mut files = sources(&root().join("adapters/aws/src"));
    // The embedded database's migrations are the one exception: version 3 works out, once, the
    // listings of cases stored before the use cases handed them in (`list_existing_cases`).
    files.extend(sources(&root().join("adapters/embedded/src")).into_iter().filter(|f| !f.ends_with("migrations.rs")));
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
        "CaseListing::of",
        "CaseListing {",
    ];
    let lines = offending_lines(&files, &rules);
    assert!(lines.is_empty(), "an adapter holds a business rule:\n{}", lines.join("\n"));
}

#[test]
fn the_conformance_suite_calls_every_port_method() {
    let ports = read(&root().join("application/src/ports.rs"));
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
        assert!(lines < 20, "{} has {lines} lines: wiring belongs in oys-lambda", main.display());
    }
}

#[test]
fn casework_reaches_the_police_through_the_referral_use_case_not_the_worker() {
    let lines =
        offending_lines(&[root().join("application/src/casework.rs")], &["crate::workers", "PoliceReferralWorker"]);
    assert!(lines.is_empty(), "casework imports a worker:\n{}", lines.join("\n"));
}

#[test]
fn each_use_case_declares_its_ports_and_takes_nothing_else() {
    // Which ports a use case reaches is its type: a module's `Ports` (`use_case_ports!`) names
    // them, and its functions take `&impl Ports`, so reaching another port does not compile.
    // What the compiler cannot see is a use case that takes all of `Services` instead.
    let mut problems = Vec::new();
    for file in use_case_files() {
        let code = without_test_modules(&read(&file));
        let name = file.strip_prefix(root()).unwrap().display().to_string();
        let uses_ports = code.contains("svc") || code.contains("services");
        if uses_ports && !code.contains("use_case_ports!") {
            problems.push(format!("{name} reaches ports but declares no `Ports`"));
        }
        for (number, line) in code.lines().enumerate() {
            let takes_all = line.contains("&Services") || line.contains(": Services") || line.contains("<Services>");
            if takes_all && !line.trim_start().starts_with("//") {
                problems.push(format!("{name}:{}: takes `Services`, not its `Ports`: {}", number + 1, line.trim()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
