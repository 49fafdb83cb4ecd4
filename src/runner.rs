//! The local runner: serves the whole service with the embedded adapters (or the AWS ones), the
//! queue workers and the scheduled job, through the same builders the Lambda functions use
//! (`oys_web::operator_api`, the workers of `oys_application::workers`).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use oys_application::dispatch;
use oys_application::ports::{ManualClock, SystemClock};
use oys_application::send_once::EFFECT_LEASE;
use oys_application::workers::{poller, AdvocateAssignmentWorker, PoliceReferralWorker, RoutedWorker};
use oys_application::{reminders, AlertAddresses, Services};
use oys_aws as aws;
use oys_embedded as embedded;
use oys_embedded::{local_force_mailboxes, BUNDLED_PARTNERS};
use oys_lambda::config;
use oys_lambda::telemetry::{self, LogFormat};
use oys_shared::casework::RetentionPolicy;
use oys_web as http;
use oys_web::auth;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Backend {
    /// SQLite file, local queue and `.eml` outbox under --data-dir.
    Embedded,
    /// DynamoDB, SQS and SES through the AWS SDK (real AWS, or an emulator via AWS_ENDPOINT_URL).
    Aws,
}

#[derive(Debug, Parser)]
#[command(
    name = "on-your-side",
    version,
    about = "Runs the On Your Side reporting service locally.",
    after_help = "\
BACKENDS
  embedded (default)  Everything local: reports and queues in <data-dir>/on-your-side.sqlite3,
                      emails as .eml files in <data-dir>/outbox. Data survives restarts.
  aws                 The AWS adapters the Lambda functions use. Reads the same environment as
                      the functions: TABLE_NAME, POLICE_REFERRAL_QUEUE_URL,
                      ADVOCATE_ASSIGNMENT_QUEUE_URL, ALERT_SENDER_ADDRESS, OPERATOR_ALERT_ADDRESSES,
                      plus AWS_REGION and credentials. To use a local moto server instead of AWS:
                        moto_server -p 5000 &
                        AWS_ENDPOINT_URL=http://127.0.0.1:5000 AWS_REGION=eu-west-2 \\
                        AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \\
                        cargo run -- --backend aws --create-aws-resources

EXAMPLE
  curl -s http://127.0.0.1:3000/v1/reports -H 'content-type: application/json' -d @events/report-anonymous.json"
)]
struct Args {
    /// Port to listen on (0 picks a free one).
    #[arg(long, env = "PORT", default_value_t = 3000)]
    port: u16,

    /// Address to listen on.
    #[arg(long, env = "OYS_HOST", default_value = "127.0.0.1")]
    host: IpAddr,

    /// Where the embedded backend keeps its database and outbox.
    #[arg(long, env = "OYS_DATA_DIR", default_value = ".local-data")]
    data_dir: PathBuf,

    /// Which adapters to run on.
    #[arg(long, env = "OYS_BACKEND", value_enum, default_value_t = Backend::Embedded)]
    backend: Backend,

    /// The staff console's sign-in through an OpenID Connect issuer (as Cognito's managed login
    /// in AWS); without these, the console lists the local users (where local tokens are allowed).
    #[command(flatten)]
    console: oys_lambda::config::ConsoleConfig,

    /// With --backend aws: create a table, queues (with dead-letter queues) and a verified
    /// sender first, named with the prefix `oys-local` (for an emulator such as moto).
    #[arg(long)]
    create_aws_resources: bool,

    /// Sender of operator alerts (embedded backend, or created AWS resources).
    #[arg(long, env = "OYS_ALERT_FROM", default_value = "alerts@on-your-side.localhost")]
    alert_from: String,

    /// Operators' address that receives alerts (embedded backend, or created AWS resources).
    #[arg(long, env = "OYS_OPERATOR_ADDRESS", default_value = "operators@on-your-side.localhost")]
    operator_address: String,

    /// Leads' address that receives escalations.
    #[arg(long, env = "OYS_LEAD_ADDRESS", default_value = "leads@on-your-side.localhost")]
    lead_address: String,

    /// Days the narrative and the words of notes are kept after the last thing done on a case.
    #[arg(long, env = "OYS_RETENTION_DAYS", default_value_t = 365)]
    retention_days: u32,

    /// Days contact details are kept after the last thing done on a case (no longer than
    /// --retention-days).
    #[arg(long, env = "OYS_CONTACT_RETENTION_DAYS", default_value_t = 180)]
    contact_retention_days: u32,

    /// The partner organisations as JSON (`config/partners.json` shows the shape); default: the
    /// examples in that file.
    #[arg(long, env = "PARTNERS_JSON")]
    partners_json: Option<String>,

    /// Requests a client (by IP address) may make in a burst before it is answered 429; 0 turns
    /// the limit off (load tests). In AWS the WAF rate rule does this.
    #[arg(long, env = "OYS_RATE_LIMIT_BURST", default_value_t = 30)]
    rate_limit_burst: u32,

    /// Requests per second a client's allowance refills by.
    #[arg(long, env = "OYS_RATE_LIMIT_PER_SECOND", default_value_t = 2)]
    rate_limit_per_second: u64,

    /// Seconds between runs of the scheduled job (deadline reminders, routing sweeper,
    /// retention purge, statistics publication); in AWS it runs every 15 minutes.
    #[arg(long, default_value_t = 60)]
    job_every: u64,

    /// Local outage tests only (embedded backend): the queue and the mailer fail while the file
    /// `<data-dir>/faults/queue-down` or `<data-dir>/faults/mail-down` exists.
    #[arg(long, hide = true)]
    fault_injection: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Run the scheduled job once, as of a chosen time, on the local data, and exit.
    /// Example: cargo run -- run-reminders --at 2026-11-29T10:00:00Z
    RunReminders {
        /// The time the job believes it is (RFC 3339); default now.
        #[arg(long)]
        at: Option<jiff::Timestamp>,
    },
    /// Store generated reports spread over the last complete months, through the same intake
    /// as the API (each as of its own time), then publish the statistics of the months that
    /// have closed, and exit. For trying `/stats` locally. Example: cargo run -- seed --reports 300
    Seed {
        #[arg(long, default_value_t = 300)]
        reports: u32,
        /// How many complete months before the settled one to spread them over.
        #[arg(long, default_value_t = 6)]
        months: u32,
    },
}

/// Runs the service until Ctrl-C (or runs the scheduled job once and returns).
pub async fn run() -> Result<(), Box<dyn std::error::Error>> {
    telemetry::init(LogFormat::Text);
    let args = Args::parse();
    let partners = oys_shared::advocate::parse_partners(args.partners_json.as_deref().unwrap_or(BUNDLED_PARTNERS))?;
    let alerts = AlertAddresses { from: args.alert_from.clone(), operators: vec![args.operator_address.clone()] };
    let retention = RetentionPolicy::new(args.contact_retention_days, args.retention_days)?;

    let services = match args.backend {
        Backend::Embedded => {
            std::fs::create_dir_all(&args.data_dir)?;
            let data_dir = std::fs::canonicalize(&args.data_dir)?;
            let paths = embedded::EmbeddedPaths::in_dir(&data_dir);
            println!("Data:    {}", paths.database.display());
            println!("Outbox:  {}  (one .eml file per email)", paths.outbox.display());
            embedded::services(&paths, alerts, retention, Arc::new(SystemClock), LOCAL_MAX_RECEIVES)?
        }
        Backend::Aws => {
            let sdk = aws::load_sdk_config().await;
            let clients = aws::AwsClients::new(&sdk);
            let settings = if args.create_aws_resources {
                let names = aws::provision::ResourceNames {
                    prefix: format!("oys-local-{}", std::process::id()),
                    alert_sender: args.alert_from.clone(),
                    operator_alert_addresses: vec![args.operator_address.clone()],
                    max_receive_count: LOCAL_MAX_RECEIVES,
                };
                aws::provision::create_resources(&clients, &names).await?
            } else {
                let config = config::from_env::<config::AwsBackendConfig>()?;
                aws::AwsSettings { store: config.store, alerts: config.alerts, queues: Some(config.queues) }
            };
            println!("Table:   {}", settings.store.table_name);
            if let Some(queues) = &settings.queues {
                println!("Queues:  {} , {}", queues.police_referral_queue_url, queues.advocate_assignment_queue_url);
            }
            aws::services(&clients, &settings, retention, None)
        }
    };
    // The dispatcher hands cases off to these partners (the same list the console offers).
    let mut services = Services { partners: partners.clone(), ..services };
    if args.fault_injection {
        if args.backend != Backend::Embedded {
            return Err("--fault-injection is for the embedded backend only".into());
        }
        let folder = crate::faults::wrap(&mut services, &std::fs::canonicalize(&args.data_dir)?)?;
        println!("Faults:  injected while {0}/queue-down or {0}/mail-down exists", folder.display());
    }
    let services = Arc::new(services);
    oys_application::load_reference_data();
    let leads = vec![args.lead_address.clone()];

    if let Some(Command::RunReminders { at }) = args.command {
        let at = at.unwrap_or_else(jiff::Timestamp::now);
        let services = Services { clock: Arc::new(ManualClock::new(at)), ..(*services).clone() };
        let summary = reminders::run(&services, &leads).await?;
        println!("Scheduled job as of {at}: {summary:?}");
        return Ok(());
    }

    if let Some(Command::Seed { reports, months }) = args.command {
        let summary = crate::seed::seed(&services, reports, months).await?;
        println!("{summary}");
        return Ok(());
    }

    tokio::spawn(run_job(services.clone(), leads, Duration::from_secs(args.job_every.max(1))));

    // The outbox dispatcher, draining the rows each report's write left, as the table's stream
    // feeds the outbox-dispatcher function in AWS.
    println!("Dispatcher: drains the outbox every {} ms", OUTBOX_POLL.as_millis());
    tokio::spawn(run_dispatcher(services.clone()));

    // The workers, fed from the queues as Lambda's SQS event source would feed them.
    let police = Arc::new(PoliceReferralWorker::new((*services).clone(), local_force_mailboxes()));
    let advocate = Arc::new(AdvocateAssignmentWorker::new((*services).clone(), partners.clone()));
    println!("Workers: police-referral (mailboxes <force>@police-referrals.localhost), advocate-assignment");
    tokio::spawn(run_worker(services.clone(), police));
    tokio::spawn(run_worker(services.clone(), advocate));

    // The fixed staff tokens are for a laptop: refused when the runner is pointed at real AWS.
    let local_allowed = local_tokens_allowed(args.backend, std::env::var("AWS_ENDPOINT_URL").ok().as_deref());
    let users = if local_allowed {
        println!(
            "Staff:   Authorization: Bearer local-operator-token | local-lead-token | local-advocate-<partner-id>-token"
        );
        auth::local_users(&partners.iter().map(|p| p.id.clone()).collect::<Vec<_>>())
    } else {
        println!("Staff:   local staff tokens refused: the AWS backend is not an emulator on this machine");
        Default::default()
    };

    if let Some(warning) = exposure_warning(args.host) {
        eprintln!("{warning}");
    }
    // The console signs in through an issuer if one is configured, else (on a laptop) by
    // choosing a local user: never with no sign-in at all.
    let console = match args.console.sign_in()? {
        http::ConsoleSignIn::Off if local_allowed => http::ConsoleSignIn::LocalUsers(auth::local_sign_in_list(&users)),
        other => other,
    };
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(args.host, args.port)).await?;
    println!("Console: http://{}/staff/ (staff console)", listener.local_addr()?);
    // Last: whoever starts the runner may stop reading its output at this line.
    println!("On Your Side is listening on http://{}", listener.local_addr()?);
    let mailboxes = local_force_mailboxes();
    let router =
        http::operator_api((*services).clone(), partners, mailboxes, auth::Authenticator::LocalTokens(users), console);
    let router = with_rate_limit(router, args.rate_limit_burst, args.rate_limit_per_second);
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// Per-client rate limiting by peer address (tower_governor): past the burst a client gets
/// `429` with `Retry-After` and a JSON error like every other answer.
fn with_rate_limit(router: axum::Router, burst: u32, per_second: u64) -> axum::Router {
    if burst == 0 {
        return router;
    }
    let config = tower_governor::governor::GovernorConfigBuilder::default()
        .per_millisecond((1000 / per_second.clamp(1, 1000)).max(1))
        .burst_size(burst)
        .finish()
        .expect("a burst above 0 and a refill period above 0 make a valid quota");
    router.layer(tower_governor::GovernorLayer::new(config).error_handler(|error| {
        let wait = match error {
            tower_governor::GovernorError::TooManyRequests { wait_time, .. } => wait_time.max(1),
            _ => 1,
        };
        http::rate_limited(wait)
    }))
}

/// What the runner says when bound where other machines can reach it.
fn exposure_warning(host: IpAddr) -> Option<String> {
    (!host.is_loopback()).then(|| {
        format!(
            "WARNING: listening on {host} makes this runner reachable from other machines. It has no TLS and \
             its staff tokens are public (docs/using.md): use it only on a network you trust."
        )
    })
}

/// Whether the fixed local staff tokens may be used: only on the embedded backend, or on an AWS
/// endpoint at a loopback address (an emulator such as moto), never against real AWS.
fn local_tokens_allowed(backend: Backend, endpoint: Option<&str>) -> bool {
    match backend {
        Backend::Embedded => true,
        Backend::Aws => endpoint.is_some_and(is_loopback_url),
    }
}

fn is_loopback_url(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.rsplit_once(':').map_or(authority, |(host, _)| host),
    };
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Polls a route's queue and hands batches to its worker, like the Lambda SQS event source:
/// failed records come back after the visibility timeout, and after the queue's maximum
/// receives they move to its dead-letter place.
async fn run_worker(services: Arc<Services>, worker: Arc<dyn RoutedWorker>) {
    let route = worker.route();
    loop {
        match poller::poll_once(services.queue.as_ref(), route, WORKER_VISIBILITY, |m| worker.handle(m)).await {
            Ok(summary) if summary.received > 0 => continue,
            Ok(_) => tokio::time::sleep(Duration::from_secs(1)).await,
            Err(error) => {
                tracing::error!(%error, %route, "polling the queue failed");
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
        }
    }
}

/// Drains the outbox: at once while rows keep coming, every `OUTBOX_POLL` when it is empty,
/// and once a second while what is owed cannot be delivered (a queue or mail outage).
async fn run_dispatcher(services: Arc<Services>) {
    loop {
        let pause = match dispatch::drain_outbox(&*services, services.clock.now(), OUTBOX_BATCH).await {
            Ok(drain) if drain.failed > 0 && drain.dispatched == 0 => Duration::from_secs(1),
            Ok(drain) if drain.rows > 0 => continue,
            Ok(_) => OUTBOX_POLL,
            Err(error) => {
                tracing::error!(%error, "reading the outbox failed");
                Duration::from_secs(1)
            }
        };
        tokio::time::sleep(pause).await;
    }
}

/// How often an empty outbox is read again: the local alert's and messages' delay at most.
const OUTBOX_POLL: Duration = Duration::from_millis(50);
/// Rows per drain (different reports' dispatched at once).
const OUTBOX_BATCH: usize = 25;

/// How long a received message stays hidden before a failed one is tried again.
const WORKER_VISIBILITY: Duration = Duration::from_secs(30);

/// Receives before a local message moves to the dead-letter place: enough for the redeliveries
/// to outlast an effect's claim (`send_once::EFFECT_LEASE`, 125 s). A worker killed between
/// claiming an effect and recording it leaves the claim held; its message must still be there
/// when the claim lapses, or the report is never routed (`scripts/crash-test` found this with
/// 5 receives of 30 s). In AWS the queues hold a message 5 × 180 s, which outlasts it too.
const LOCAL_MAX_RECEIVES: u32 = EFFECT_LEASE.as_secs().div_ceil(WORKER_VISIBILITY.as_secs()) as u32 + 2;

/// The scheduled job, as EventBridge Scheduler runs it in AWS: reminders, sweeper, purge.
async fn run_job(services: Arc<Services>, leads: Vec<String>, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        match reminders::run(&services, &leads).await {
            Ok(summary) if summary != Default::default() => tracing::info!(?summary, "scheduled job"),
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "scheduled job failed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_runner_reachable_from_other_machines_says_so() {
        assert!(exposure_warning("127.0.0.1".parse().unwrap()).is_none());
        assert!(exposure_warning("::1".parse().unwrap()).is_none());
        assert!(exposure_warning("0.0.0.0".parse().unwrap()).unwrap().starts_with("WARNING"));
        assert!(exposure_warning("192.168.1.20".parse().unwrap()).is_some());
    }

    #[test]
    fn a_message_outlives_the_claim_of_a_worker_that_died() {
        let last_receive = WORKER_VISIBILITY * (LOCAL_MAX_RECEIVES - 1);
        assert!(last_receive >= EFFECT_LEASE + WORKER_VISIBILITY, "{last_receive:?}");
    }

    #[test]
    fn staff_tokens_only_on_this_machine() {
        assert!(local_tokens_allowed(Backend::Embedded, None));
        assert!(local_tokens_allowed(Backend::Aws, Some("http://127.0.0.1:5000")));
        assert!(local_tokens_allowed(Backend::Aws, Some("http://localhost:4566/")));
        assert!(local_tokens_allowed(Backend::Aws, Some("http://[::1]:5000")));
        assert!(!local_tokens_allowed(Backend::Aws, None), "real AWS");
        assert!(!local_tokens_allowed(Backend::Aws, Some("https://dynamodb.eu-west-2.amazonaws.com")));
        assert!(!local_tokens_allowed(Backend::Aws, Some("http://127.0.0.1.example.org:5000")));
        assert!(!local_tokens_allowed(Backend::Aws, Some("http://10.0.0.5:5000")));
    }
}
