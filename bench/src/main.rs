//! `scripts/bench`: each release Lambda function, started as Lambda starts it, against a
//! Lambda Runtime API emulator and a constant-time fake AWS endpoint (both in this crate).
//! Prints per function: init, the first invocation, warm invocations (wall and the function's
//! own CPU), peak RSS and AWS calls per invocation; writes the same as JSON.

mod fake_aws;
mod http;
mod runtime;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use serde_json::{json, Value};

use fake_aws::FakeAws;

#[derive(Parser)]
struct Args {
    /// Where the release function binaries are (`cargo build --release` puts them here).
    #[arg(long, default_value = "target/release")]
    bin_dir: PathBuf,
    /// Invocations per function after the first.
    #[arg(long, default_value_t = 300)]
    invocations: usize,
    /// The repository, for `events/` and `config/`.
    #[arg(long, default_value = ".")]
    repo: PathBuf,
    /// Where to write the figures as JSON.
    #[arg(long, default_value = "target/bench/functions.json")]
    json: PathBuf,
    /// Also measure the submissions with every AWS answer delayed this long (e.g. 8, about what
    /// a function in the region pays per call), beside the same at no delay, in one table.
    #[arg(long)]
    aws_latency_ms: Option<u64>,
}

const POLICE_QUEUE: &str = "http://127.0.0.1/123456789012/police-referral";
const ADVOCATE_QUEUE: &str = "http://127.0.0.1/123456789012/advocate-assignment";

#[tokio::main]
async fn main() -> Result<(), String> {
    let args = Args::parse();
    let fake = Arc::new(FakeAws::default());
    let endpoint = {
        let fake = fake.clone();
        http::serve(move |request| {
            let fake = fake.clone();
            async move {
                let latency = fake.latency();
                if !latency.is_zero() {
                    tokio::time::sleep(latency).await;
                }
                fake.answer(request)
            }
        })
        .await
    };
    let env = environment(&args.repo, endpoint)?;
    let n = args.invocations + 1;
    let read = |name: &str| read_json(&args.repo.join("events").join(name));

    let mut results = Vec::new();
    let full = read("apigw-rest-report-full.json")?;
    let anonymous = read("apigw-v2-submit-anonymous.json")?;
    // A fresh Idempotency-Key each time, so each invocation is a new report.
    for (what, event, header) in [
        ("full report (both routes, phone)", &full, "Idempotency-Key"),
        ("anonymous report", &anonymous, "idempotency-key"),
    ] {
        let events = (0..n).map(|i| with_key(event, i, header).to_string()).collect();
        results.push(measure(&args.bin_dir, "submit-report", what, &env, events, &fake, expect_status(201)).await?);
    }
    // The outbox dispatcher, on the stream records of the rows the submissions wrote (one
    // record per invocation): it sends the messages the workers are then fed.
    let stream_template = read("dynamodb-stream-outbox.json")?;
    let rows: Vec<(String, String)> = std::mem::take(&mut *fake.outbox_rows.lock().unwrap());
    if rows.len() < 2 * n {
        return Err(format!("only {} outbox rows: did submit-report fail?", rows.len()));
    }
    // The submissions ran in order: the full reports' rows first, then the anonymous ones'.
    for (what, rows) in [("a full report's row", &rows[..n]), ("an anonymous report's row", &rows[n..2 * n])] {
        let events = rows.iter().map(|(pk, sk)| stream_event(&stream_template, pk, sk).to_string()).collect();
        results.push(
            measure(&args.bin_dir, "outbox-dispatcher", what, &env, events, &fake, expect_no_batch_failures).await?,
        );
    }
    for (function, queue) in [("police-referral", POLICE_QUEUE), ("advocate-assignment", ADVOCATE_QUEUE)] {
        let template = read(&format!("sqs-{function}-batch.json"))?;
        let bodies: Vec<String> = fake
            .sent_messages
            .lock()
            .unwrap()
            .iter()
            .filter(|(url, _)| url == queue)
            .map(|(_, body)| body.clone())
            .take(n)
            .collect();
        if bodies.len() < n {
            return Err(format!("only {} messages for {function}: did submit-report fail?", bodies.len()));
        }
        let events = bodies.iter().map(|body| sqs_event(&template, body).to_string()).collect();
        results.push(
            measure(&args.bin_dir, function, "one routing message", &env, events, &fake, expect_no_batch_failures)
                .await?,
        );
    }
    let list = read("apigw-v2-operator-list-cases.json")?;
    let events = (0..n).map(|_| list.to_string()).collect();
    results.push(
        measure(&args.bin_dir, "operator-api", "list cases (operator)", &env, events, &fake, expect_status(200))
            .await?,
    );
    let scheduled = read("scheduler-deadline-reminders.json")?;
    let events = (0..n.min(51)).map(|_| scheduled.to_string()).collect();
    results.push(
        measure(&args.bin_dir, "deadline-reminders", "the scheduled job, nothing due", &env, events, &fake, |_| true)
            .await?,
    );

    print_table(&results);
    if let Some(latency) = args.aws_latency_ms {
        let latency = Duration::from_millis(latency);
        let submissions: Vec<&Value> = results.iter().filter(|r| r["function"] == "submit-report").collect();
        let mut slow = Vec::new();
        fake.set_latency(latency);
        for (what, event, header) in [
            ("full report (both routes, phone)", &full, "Idempotency-Key"),
            ("anonymous report", &anonymous, "idempotency-key"),
        ] {
            let events = (0..n).map(|i| with_key(event, i, header).to_string()).collect();
            slow.push(measure(&args.bin_dir, "submit-report", what, &env, events, &fake, expect_status(201)).await?);
        }
        fake.set_latency(Duration::ZERO);
        print_latency_table(&submissions, &slow, latency);
        for result in &mut slow {
            result["aws_latency_ms"] = json!(latency.as_millis() as u64);
        }
        results.extend(slow);
    }
    if let Some(dir) = args.json.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(&args.json, serde_json::to_string_pretty(&results).unwrap()).map_err(|e| e.to_string())?;
    println!("\n(written to {})", args.json.display());
    Ok(())
}

async fn measure(
    bin_dir: &Path,
    function: &str,
    what: &str,
    env: &[(String, String)],
    events: Vec<String>,
    fake: &Arc<FakeAws>,
    expect: impl Fn(&str) -> bool,
) -> Result<Value, String> {
    eprintln!("{function}: {what} × {}", events.len());
    let binary = bin_dir.join(function);
    let snapshot = {
        let fake = fake.clone();
        move || fake.calls()
    };
    let run = runtime::run_function(&binary, env, events, &snapshot).await?;
    let bad: Vec<&runtime::Invocation> = run.invocations.iter().filter(|i| i.failed || !expect(&i.answer)).collect();
    if let Some(first) = bad.first() {
        return Err(format!(
            "{function}: {} of {} invocations failed; first: {}",
            bad.len(),
            run.invocations.len(),
            first.answer
        ));
    }
    let first = &run.invocations[0];
    let warm = &run.invocations[1..];
    let ms = |d: Duration| (d.as_secs_f64() * 1e5).round() / 100.0;
    let quantiles = |pick: fn(&runtime::Invocation) -> Duration| {
        let mut values: Vec<Duration> = warm.iter().map(pick).collect();
        values.sort();
        let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
        (ms(at(0.5)), ms(at(0.99)))
    };
    let (wall_p50, wall_p99) = quantiles(|i| i.wall);
    let (cpu_p50, cpu_p99) = quantiles(|i| i.cpu);
    let calls: BTreeMap<String, f64> = run
        .calls_at_end
        .iter()
        .map(|(op, count)| (op.clone(), *count - run.calls_at_init.get(op).copied().unwrap_or(0)))
        .filter(|(_, count)| *count > 0)
        .map(|(op, count)| (op, count as f64 / run.invocations.len() as f64))
        .collect();
    Ok(json!({
        "function": function,
        "what": what,
        "invocations": run.invocations.len(),
        "init_ms": ms(run.init),
        "init_cpu_ms": ms(run.init_cpu),
        "first_wall_ms": ms(first.wall),
        "first_cpu_ms": ms(first.cpu),
        "warm_wall_p50_ms": wall_p50,
        "warm_wall_p99_ms": wall_p99,
        "warm_cpu_p50_ms": cpu_p50,
        "warm_cpu_p99_ms": cpu_p99,
        "peak_rss_mb": (run.peak_rss as f64 / 1048576.0 * 10.0).round() / 10.0,
        "aws_calls_per_invocation": calls,
    }))
}

fn print_table(results: &[Value]) {
    println!("| function | event | init ms (CPU) | first invocation ms: wall / CPU | warm wall ms p50 / p99 | warm CPU ms p50 / p99 | peak RSS MB | AWS calls per invocation |");
    println!("|---|---|---|---|---|---|---|---|");
    for r in results {
        let calls: Vec<String> = r["aws_calls_per_invocation"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(op, n)| format!("{op} {}", n.as_f64().unwrap_or(0.0)))
            .collect();
        println!(
            "| {} | {} | {} ({}) | {} / {} | {} / {} | {} / {} | {} | {} |",
            r["function"].as_str().unwrap_or_default(),
            r["what"].as_str().unwrap_or_default(),
            r["init_ms"],
            r["init_cpu_ms"],
            r["first_wall_ms"],
            r["first_cpu_ms"],
            r["warm_wall_p50_ms"],
            r["warm_wall_p99_ms"],
            r["warm_cpu_p50_ms"],
            r["warm_cpu_p99_ms"],
            r["peak_rss_mb"],
            calls.join(", ")
        );
    }
}

/// The submissions' wall time with the fake endpoint answering at once and after `latency`:
/// what each AWS call on the request path costs a reporter waiting for the answer.
fn print_latency_table(instant: &[&Value], slow: &[Value], latency: Duration) {
    let ms = latency.as_millis();
    println!("\n| submit-report, event | AWS calls per submission | warm wall ms p50 / p99 at 0 ms | at {ms} ms per AWS call |");
    println!("|---|---|---|---|");
    for (fast, slow) in instant.iter().zip(slow) {
        let calls: f64 =
            fast["aws_calls_per_invocation"].as_object().into_iter().flatten().filter_map(|(_, n)| n.as_f64()).sum();
        println!(
            "| {} | {} | {} / {} | {} / {} |",
            fast["what"].as_str().unwrap_or_default(),
            calls,
            fast["warm_wall_p50_ms"],
            fast["warm_wall_p99_ms"],
            slow["warm_wall_p50_ms"],
            slow["warm_wall_p99_ms"]
        );
    }
}

fn expect_status(status: u16) -> impl Fn(&str) -> bool {
    move |answer| serde_json::from_str::<Value>(answer).is_ok_and(|a| a["statusCode"] == status)
}

fn expect_no_batch_failures(answer: &str) -> bool {
    serde_json::from_str::<Value>(answer).is_ok_and(|a| a["batchItemFailures"].as_array().is_some_and(Vec::is_empty))
}

fn with_key(event: &Value, i: usize, header: &str) -> Value {
    let mut event = event.clone();
    let key = format!("bench-{}-{i}", uuid::Uuid::new_v4().simple());
    event["headers"][header] = json!(key);
    if event["multiValueHeaders"].is_object() {
        event["multiValueHeaders"][header] = json!([key]);
    }
    event
}

/// An SQS event of one record carrying `body`, shaped like the template's first record.
fn sqs_event(template: &Value, body: &str) -> Value {
    let mut record = template["Records"][0].clone();
    record["messageId"] = json!(uuid::Uuid::new_v4().to_string());
    record["body"] = json!(body);
    json!({ "Records": [record] })
}

/// A stream batch of one outbox row's insert, keys only, shaped as `template`'s first record.
fn stream_event(template: &Value, pk: &str, sk: &str) -> Value {
    let mut record = template["Records"][0].clone();
    record["eventID"] = json!(uuid::Uuid::new_v4().simple().to_string());
    record["dynamodb"]["Keys"] = json!({ "pk": { "S": pk }, "sk": { "S": sk } });
    json!({ "Records": [record] })
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// What every function reads (each takes what it needs), plus what Lambda itself sets.
/// The CA bundle of Fedora-family systems (provided.al2023's, the template's) and Debian's.
const CA_BUNDLES: [&str; 2] = ["/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/certs/ca-certificates.crt"];

fn environment(repo: &Path, endpoint: u16) -> Result<Vec<(String, String)>, String> {
    // The example partners are refused in production settings: the same partners, renamed.
    let partners = std::fs::read_to_string(repo.join("config/partners.json")).map_err(|e| e.to_string())?;
    let partners = partners.replace("example-", "bench-").replace(".example", ".bench-partners.org.uk");
    let pairs = [
        ("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{endpoint}")),
        ("AWS_REGION", "eu-west-2".into()),
        ("AWS_DEFAULT_REGION", "eu-west-2".into()),
        ("AWS_ACCESS_KEY_ID", "bench".into()),
        ("AWS_SECRET_ACCESS_KEY", "bench".into()),
        ("AWS_LAMBDA_FUNCTION_NAME", "bench".into()),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256".into()),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bench".into()),
        ("AWS_LAMBDA_LOG_STREAM_NAME", "bench".into()),
        ("AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH", "true".into()),
        ("RUST_LOG", "info".into()),
        ("TABLE_NAME", "on-your-side".into()),
        ("ALERT_SENDER_ADDRESS", "alerts@on-your-side.org.uk".into()),
        ("OPERATOR_ALERT_ADDRESSES", "operators@on-your-side.org.uk".into()),
        ("LEAD_ALERT_ADDRESSES", "leads@on-your-side.org.uk".into()),
        ("POLICE_REFERRAL_QUEUE_URL", POLICE_QUEUE.into()),
        ("ADVOCATE_ASSIGNMENT_QUEUE_URL", ADVOCATE_QUEUE.into()),
        ("FORM_ORIGIN", "https://report.on-your-side.org.uk".into()),
        ("POLICE_FORCE_MAILBOXES", r#"{"greater-manchester":"referrals@gmp.police.uk"}"#.into()),
        ("PARTNERS_JSON", partners),
        ("OPERATOR_ALLOWED_CIDRS", "0.0.0.0/0,::/0".into()),
        ("RETENTION_DAYS", "365".into()),
        ("CONTACT_RETENTION_DAYS", "180".into()),
    ];
    let mut pairs: Vec<(String, String)> = pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    // As the template does (SSL_CERT_FILE, provided.al2023's bundle), with this machine's bundle.
    if let Some(bundle) = CA_BUNDLES.iter().find(|path| Path::new(path).is_file()) {
        pairs.push(("SSL_CERT_FILE".into(), bundle.to_string()));
    }
    Ok(pairs)
}
