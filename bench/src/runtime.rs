//! A Lambda Runtime API emulator: starts one function binary as Lambda would (its
//! `AWS_LAMBDA_RUNTIME_API` pointing here), hands it one event per `next` poll, and measures.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, Mutex};

use crate::http::{self, Request, Response};

/// What one invocation took, as the harness saw it.
pub struct Invocation {
    /// From handing over the event to receiving the answer.
    pub wall: Duration,
    /// CPU the function's process used from its previous `next` poll to its next one.
    pub cpu: Duration,
    /// The function's answer (or error document).
    pub answer: String,
    pub failed: bool,
}

pub struct Run {
    /// Process start to the first `next` poll: everything the function does at init.
    pub init: Duration,
    pub init_cpu: Duration,
    pub invocations: Vec<Invocation>,
    /// Peak resident memory (VmHWM), bytes.
    pub peak_rss: u64,
    /// The fake endpoint's call counts after init and at the end.
    pub calls_at_init: std::collections::BTreeMap<String, u64>,
    pub calls_at_end: std::collections::BTreeMap<String, u64>,
}

enum Seen {
    Poll,
    Answer { body: String, failed: bool, at: Instant },
}

/// Runs `binary` with `env`, feeding it `events` one at a time.
pub async fn run_function(
    binary: &Path,
    env: &[(String, String)],
    events: Vec<String>,
    calls: &dyn Fn() -> std::collections::BTreeMap<String, u64>,
) -> Result<Run, String> {
    let (event_tx, event_rx) = mpsc::channel::<(String, String)>(1);
    let event_rx = Arc::new(Mutex::new(event_rx));
    let (seen_tx, mut seen_rx) = mpsc::unbounded_channel::<Seen>();
    let port = http::serve(move |request: Request| {
        let (event_rx, seen_tx) = (event_rx.clone(), seen_tx.clone());
        async move { runtime_api(request, &event_rx, &seen_tx).await }
    })
    .await;

    // A file, not a pipe: nobody reads a pipe while measuring, and a full one would block it.
    let stderr_path = std::env::temp_dir().join(format!("oys-bench-{}.stderr", std::process::id()));
    let stderr = std::fs::File::create(&stderr_path).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut child = tokio::process::Command::new(binary)
        .env_clear()
        .envs(env.iter().cloned())
        .env("AWS_LAMBDA_RUNTIME_API", format!("127.0.0.1:{port}"))
        .stdout(std::process::Stdio::null())
        .stderr(stderr)
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let pid = child.id().ok_or("no pid")?;
    let wait = Duration::from_secs(20);
    let first_poll = async {
        match tokio::time::timeout(wait, seen_rx.recv()).await {
            Ok(Some(Seen::Poll)) => Ok(()),
            _ => Err("no first `next` poll within 20 s".to_string()),
        }
    };
    if let Err(error) = first_poll.await {
        let _ = child.start_kill();
        let _ = child.wait().await;
        return Err(format!("{error}; stderr: {}", std::fs::read_to_string(&stderr_path).unwrap_or_default()));
    }
    let init = started.elapsed();
    let mut cpu_before = process_cpu(pid);
    let init_cpu = cpu_before;
    let calls_at_init = calls();

    let mut invocations = Vec::with_capacity(events.len());
    for event in events {
        let sent = Instant::now();
        event_tx.send((uuid::Uuid::new_v4().to_string(), event)).await.map_err(|_| "runtime API gone")?;
        let (answer, failed, answered) = loop {
            match tokio::time::timeout(wait, seen_rx.recv()).await {
                Ok(Some(Seen::Answer { body, failed, at })) => break (body, failed, at),
                Ok(Some(Seen::Poll)) => continue,
                _ => return Err("no answer within 20 s".into()),
            }
        };
        // Work done after answering (before polling again) belongs to this invocation too.
        match tokio::time::timeout(wait, seen_rx.recv()).await {
            Ok(Some(Seen::Poll)) => {}
            _ => return Err("no `next` poll after an answer".into()),
        }
        let cpu_after = process_cpu(pid);
        invocations.push(Invocation {
            wall: answered - sent,
            cpu: cpu_after.saturating_sub(cpu_before),
            answer,
            failed,
        });
        cpu_before = cpu_after;
    }
    let peak_rss = peak_rss(pid);
    let calls_at_end = calls();
    let _ = child.start_kill();
    let _ = child.wait().await;
    let _ = std::fs::remove_file(&stderr_path);
    Ok(Run { init, init_cpu, invocations, peak_rss, calls_at_init, calls_at_end })
}

async fn runtime_api(
    request: Request,
    events: &Mutex<mpsc::Receiver<(String, String)>>,
    seen: &mpsc::UnboundedSender<Seen>,
) -> Response {
    let path = request.path.trim_start_matches("/2018-06-01/runtime/");
    if request.method == "GET" && path == "invocation/next" {
        let _ = seen.send(Seen::Poll);
        let Some((id, event)) = events.lock().await.recv().await else {
            return Response::new(500, "text/plain", "harness finished");
        };
        let deadline =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_millis() + 30_000;
        let mut response = Response::new(200, "application/json", event);
        response.headers.extend([
            ("lambda-runtime-aws-request-id".into(), id),
            ("lambda-runtime-deadline-ms".into(), deadline.to_string()),
            (
                "lambda-runtime-invoked-function-arn".into(),
                "arn:aws:lambda:eu-west-2:123456789012:function:bench".into(),
            ),
            ("lambda-runtime-trace-id".into(), "Root=1-00000000-000000000000000000000000;Sampled=0".into()),
        ]);
        return response;
    }
    let failed = path.ends_with("/error");
    if request.method == "POST" && (path.ends_with("/response") || failed) {
        let body = String::from_utf8_lossy(&request.body).into_owned();
        let _ = seen.send(Seen::Answer { body, failed, at: Instant::now() });
        return Response::new(202, "application/json", "{}");
    }
    if path == "init/error" {
        let _ = seen.send(Seen::Answer {
            body: String::from_utf8_lossy(&request.body).into_owned(),
            failed: true,
            at: Instant::now(),
        });
    }
    Response::new(202, "application/json", "{}")
}

/// CPU time of every thread of `pid` so far, from the scheduler's nanosecond accounting.
fn process_cpu(pid: u32) -> Duration {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return Duration::ZERO };
    let nanos: u64 = tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    Duration::from_nanos(nanos)
}

fn peak_rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}
