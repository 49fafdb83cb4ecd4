//! The two adapter sets every behaviour is checked on: embedded (SQLite, local queue, outbox)
//! and AWS (DynamoDB, SQS, SES on moto), each with fresh resources per test.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use aws_sdk_dynamodb::types::AttributeValue;
use jiff::Timestamp;
use oys_application::casework::Casework;
use oys_application::ports::ManualClock;
use oys_application::workers::{poller, AdvocateAssignmentWorker, PoliceReferralWorker};
use oys_application::{AlertAddresses, Services};
use oys_aws::{provision::ResourceNames, AwsClients, AwsSettings};
use oys_embedded::{EmbeddedPaths, BUNDLED_PARTNERS};
use oys_shared::routing::Route;
use oys_web::auth::{local_users, Authenticator};

use super::http_client;
use super::moto;

/// The report form's origin in tests (CORS).
pub const FORM_ORIGIN: &str = "https://report.example.org";

/// Receives before a message is dead-lettered, in tests (small, to keep them quick).
pub const MAX_RECEIVES: u32 = 3;

pub struct Backend {
    pub services: Services,
    pub clock: Arc<ManualClock>,
    /// This test's own operator address: moto's sent mail is global to the server.
    pub operator_address: String,
    /// This test's own id, for mailboxes no other test uses.
    pub id: String,
    probe: Probe,
    _dir: Option<tempfile::TempDir>,
}

enum Probe {
    Embedded { paths: EmbeddedPaths },
    Moto { clients: AwsClients, settings: AwsSettings },
}

/// An email as a person would read it.
#[derive(Debug, Clone)]
pub struct Email {
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
    /// The MIME message as sent (encoded).
    pub raw: String,
}

/// Retention in tests: contact details 10 days, the rest 30 days after the last activity.
pub const TEST_RETENTION: oys_shared::casework::RetentionPolicy =
    oys_shared::casework::RetentionPolicy { contact_days: 10, narrative_days: 30 };

/// The fixed "now" tests start at: Tuesday 24 November 2026, 10:00 UK time.
pub fn start_time() -> Timestamp {
    "2026-11-24T10:00:00Z".parse().unwrap()
}

fn unique() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_string()
}

impl Backend {
    pub async fn embedded() -> Backend {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = EmbeddedPaths::in_dir(dir.path());
        let clock = Arc::new(ManualClock::new(start_time()));
        let id = unique();
        let operator_address = format!("operators-{id}@on-your-side.test");
        let alerts =
            AlertAddresses { from: "alerts@on-your-side.test".into(), operators: vec![operator_address.clone()] };
        let services = oys_embedded::services(&paths, alerts, TEST_RETENTION, clock.clone(), MAX_RECEIVES)
            .expect("embedded services");
        let services = with_partners(services);
        Backend { services, clock, operator_address, id, probe: Probe::Embedded { paths }, _dir: Some(dir) }
    }

    pub async fn moto() -> Backend {
        Self::moto_with(moto::clients().await).await
    }

    /// On moto, through the given clients (e.g. with an interceptor recording the calls).
    pub async fn moto_with(clients: AwsClients) -> Backend {
        let id = unique();
        let operator_address = format!("operators-{id}@on-your-side.test");
        let names = ResourceNames {
            prefix: format!("t{id}"),
            alert_sender: format!("alerts-{id}@on-your-side.test"),
            operator_alert_addresses: vec![operator_address.clone()],
            max_receive_count: MAX_RECEIVES,
        };
        let settings = oys_aws::provision::create_resources(&clients, &names).await.expect("create moto resources");
        let clock = Arc::new(ManualClock::new(start_time()));
        let services = with_partners(oys_aws::services(&clients, &settings, TEST_RETENTION, Some(clock.clone())));
        Backend { services, clock, operator_address, id, probe: Probe::Moto { clients, settings }, _dir: None }
    }

    /// The settings the functions would read, on moto.
    /// The embedded database's files on disk (the database and its write-ahead log).
    pub fn database_files(&self) -> Option<Vec<PathBuf>> {
        match &self.probe {
            Probe::Embedded { paths } => {
                let wal = PathBuf::from(format!("{}-wal", paths.database.display()));
                Some(vec![paths.database.clone(), wal])
            }
            Probe::Moto { .. } => None,
        }
    }

    /// SQLite's query plan for a statement on the embedded database (`None` on moto).
    pub fn query_plan(&self, sql: &str) -> Option<String> {
        let Probe::Embedded { paths } = &self.probe else { return None };
        let db = rusqlite::Connection::open(&paths.database).unwrap();
        let mut statement = db.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let count = statement.parameter_count();
        let params: Vec<i64> = vec![0; count];
        let rows = statement
            .query_map(rusqlite::params_from_iter(params), |row| row.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect::<Vec<_>>();
        Some(rows.join("\n"))
    }

    pub fn is_embedded(&self) -> bool {
        matches!(self.probe, Probe::Embedded { .. })
    }

    /// The AWS clients of a moto backend (`None` on the embedded one).
    pub fn aws_clients(&self) -> Option<&oys_aws::AwsClients> {
        match &self.probe {
            Probe::Moto { clients, .. } => Some(clients),
            Probe::Embedded { .. } => None,
        }
    }

    pub fn aws_settings(&self) -> Option<AwsSettings> {
        match &self.probe {
            Probe::Moto { settings, .. } => Some(settings.clone()),
            Probe::Embedded { .. } => None,
        }
    }

    /// The public router, built as the `submit-report` function builds it.
    pub fn router(&self) -> axum::Router {
        oys_web::submit_report(self.services.clone(), FORM_ORIGIN).expect("a valid form origin")
    }

    /// Casework on this backend: the shipped example partners, this test's police mailboxes.
    pub fn casework(&self) -> Arc<Casework> {
        Arc::new(Casework {
            services: self.services.clone(),
            partners: oys_shared::advocate::parse_partners(BUNDLED_PARTNERS).unwrap(),
            force_mailboxes: self.police_mailboxes(),
        })
    }

    /// The operator routes, built as the `operator-api` function builds them, with the local
    /// runner's tokens.
    pub fn full_router(&self) -> axum::Router {
        let users = local_users(&self.partner_ids());
        let console = oys_web::ConsoleSignIn::LocalUsers(oys_web::auth::local_sign_in_list(&users));
        self.operator_router_with_console(Authenticator::LocalTokens(users), console)
    }

    /// The operator routes, built as the `operator-api` function builds them.
    pub fn operator_router(&self, auth: Authenticator) -> axum::Router {
        self.operator_router_with_console(auth, oys_web::ConsoleSignIn::Off)
    }

    /// The operator routes with the staff console signing in as `console` says.
    pub fn operator_router_with_console(&self, auth: Authenticator, console: oys_web::ConsoleSignIn) -> axum::Router {
        let partners = oys_shared::advocate::parse_partners(BUNDLED_PARTNERS).unwrap();
        oys_web::operator_api(self.services.clone(), partners, self.police_mailboxes(), auth, console)
    }

    fn partner_ids(&self) -> Vec<String> {
        oys_shared::advocate::parse_partners(BUNDLED_PARTNERS).unwrap().into_iter().map(|p| p.id).collect()
    }

    /// How many reports the store holds.
    pub async fn case_count(&self) -> usize {
        match &self.probe {
            Probe::Embedded { paths } => {
                let db = rusqlite::Connection::open(&paths.database).unwrap();
                db.query_row("SELECT COUNT(*) FROM cases", [], |row| row.get::<_, i64>(0)).unwrap() as usize
            }
            Probe::Moto { clients, settings } => {
                // Every page: a scan stops at 1 MB.
                let (mut count, mut start) = (0, None);
                loop {
                    let scan = clients
                        .dynamodb
                        .scan()
                        .table_name(&settings.store.table_name)
                        .filter_expression("sk = :case")
                        .expression_attribute_values(":case", AttributeValue::S("CASE".into()))
                        .set_exclusive_start_key(start)
                        .send()
                        .await
                        .unwrap();
                    count += scan.count as usize;
                    start = scan.last_evaluated_key.filter(|key| !key.is_empty());
                    if start.is_none() {
                        return count;
                    }
                }
            }
        }
    }

    /// Every item the store holds, as text: for checking what is (not) kept anywhere.
    pub async fn everything_stored(&self) -> String {
        match &self.probe {
            Probe::Embedded { paths } => {
                let db = rusqlite::Connection::open(&paths.database).unwrap();
                let mut out = String::new();
                // Every table there is, so a table added later cannot hide personal data.
                let tables: Vec<String> = db
                    .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
                    .unwrap()
                    .query_map([], |row| row.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect();
                assert!(tables.len() >= 10, "{tables:?}");
                for table in tables {
                    let mut statement = db.prepare(&format!("SELECT * FROM {table}")).unwrap();
                    let columns = statement.column_count();
                    let rows = statement
                        .query_map([], |row| {
                            Ok((0..columns)
                                .map(|i| match row.get_ref(i).unwrap() {
                                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                                    other => format!("{other:?}"),
                                })
                                .collect::<Vec<_>>()
                                .join("|"))
                        })
                        .unwrap();
                    for row in rows {
                        out.push_str(&row.unwrap());
                        out.push('\n');
                    }
                }
                out
            }
            Probe::Moto { clients, settings } => {
                // Every page: a scan stops at 1 MB, and what is past it must be seen too.
                let mut out = String::new();
                let mut start = None;
                loop {
                    let scan = clients
                        .dynamodb
                        .scan()
                        .table_name(&settings.store.table_name)
                        .set_exclusive_start_key(start)
                        .send()
                        .await
                        .unwrap();
                    out.push_str(&format!("{:?}\n", scan.items.unwrap_or_default()));
                    start = scan.last_evaluated_key.filter(|key| !key.is_empty());
                    if start.is_none() {
                        return out;
                    }
                }
            }
        }
    }

    /// Runs the dispatcher over every outbox row, as the table's stream (the runner's drain
    /// locally) does right after each write: what reports and changes owe is sent.
    pub async fn dispatch(&self) -> oys_application::dispatch::DrainSummary {
        let mut total = oys_application::dispatch::DrainSummary::default();
        loop {
            let drain =
                oys_application::dispatch::drain_outbox(&self.services, jiff::Timestamp::MAX, 100).await.unwrap();
            total.rows += drain.rows;
            total.dispatched += drain.dispatched;
            total.failed += drain.failed;
            // Rows that failed stay: stop rather than read them again.
            if drain.rows == 0 || drain.dispatched == 0 {
                return total;
            }
        }
    }

    /// Receives (and keeps hidden) every message now on a route's queue, once the outbox is
    /// dispatched.
    pub async fn drain(&self, route: Route) -> Vec<String> {
        self.dispatch().await;
        let mut bodies = Vec::new();
        loop {
            let batch = self.services.queue.receive(route, 10, Duration::from_secs(300)).await.unwrap();
            if batch.is_empty() {
                return bodies;
            }
            bodies.extend(batch.into_iter().map(|m| m.body));
        }
    }

    /// The emails sent to this test's operator address, decoded.
    pub async fn emails(&self) -> Vec<Email> {
        self.emails_to(&self.operator_address).await
    }

    /// A referral mailbox per force, this test's own.
    pub fn police_mailboxes(&self) -> HashMap<String, String> {
        oys_shared::geography::all_forces().map(|force| (force.to_string(), self.police_mailbox(force))).collect()
    }

    pub fn police_mailbox(&self, force: &str) -> String {
        format!("{force}-{}@police-referrals.test", self.id)
    }

    pub fn police_worker(&self) -> PoliceReferralWorker {
        PoliceReferralWorker::new(self.services.clone(), self.police_mailboxes())
    }

    pub fn advocate_worker(&self) -> AdvocateAssignmentWorker {
        let partners = oys_shared::advocate::parse_partners(BUNDLED_PARTNERS).unwrap();
        AdvocateAssignmentWorker::new(self.services.clone(), partners)
    }

    /// Feeds both route queues to their workers until they are empty, as the Lambda event
    /// sources would; failed records come straight back (visibility 0) until dead-lettered.
    pub async fn run_workers(&self) {
        self.dispatch().await;
        let (police, advocate) = (self.police_worker(), self.advocate_worker());
        for _ in 0..50 {
            let p = poller::poll_once(self.services.queue.as_ref(), Route::PoliceReferral, Duration::ZERO, |message| {
                police.handle(message)
            })
            .await
            .unwrap();
            let a =
                poller::poll_once(self.services.queue.as_ref(), Route::AdvocateAssignment, Duration::ZERO, |message| {
                    advocate.handle(message)
                })
                .await
                .unwrap();
            if p.received == 0 && a.received == 0 {
                return;
            }
        }
        panic!("the queues did not drain");
    }

    /// An operator releases the police referral of a report from the public form, as the
    /// `police_referral_released` event does, and the referral goes to the force.
    pub async fn release_police_referral(&self, reference: &oys_shared::Reference) {
        let operator = oys_shared::casework::Caller {
            user: "operator.release".into(),
            roles: vec![oys_shared::casework::StaffRole::Operator],
            partner_id: None,
        };
        let event = serde_json::json!({"type": "police_referral_released"});
        self.casework()
            .record_event(&operator, reference, oys_shared::casework::parse_event(&event).unwrap())
            .await
            .expect("the release is recorded");
        // The release owes the referral; the dispatcher and the police-referral worker send it.
        self.run_workers().await;
    }

    /// The emails sent to `address`, decoded.
    pub async fn emails_to(&self, address: &str) -> Vec<Email> {
        self.all_emails().await.into_iter().filter(|email| email.to.iter().any(|to| to == address)).collect()
    }

    /// Every email this backend's mailer has sent (on moto: the whole server's), decoded, once
    /// the outbox is dispatched.
    pub async fn all_emails(&self) -> Vec<Email> {
        self.dispatch().await;
        let raws: Vec<String> = match &self.probe {
            Probe::Embedded { paths } => {
                let mut files: Vec<PathBuf> = std::fs::read_dir(&paths.outbox)
                    .map(|dir| {
                        dir.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "eml")).collect()
                    })
                    .unwrap_or_default();
                files.sort();
                files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
            }
            Probe::Moto { .. } => {
                // moto serialises its state while other tests write to it, and now and then
                // answers with an error: ask again.
                let data = (0..5)
                    .find_map(|_| {
                        let response =
                            http_client::request(&moto::mail_server().endpoint, "GET", "/moto-api/data.json", &[], b"");
                        serde_json::from_str::<serde_json::Value>(&response.body).ok()
                    })
                    .expect("moto's data.json");
                data["ses"]["RawMessage"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|m| m["raw_data"].as_str().map(str::to_string))
                    .collect()
            }
        };
        raws.into_iter().map(|raw| decode(&raw)).collect()
    }
}

pub fn decode(raw: &str) -> Email {
    let message = mail_parser::MessageParser::default().parse(raw.as_bytes()).expect("a MIME message");
    let to = message
        .to()
        .map(|addresses| addresses.iter().filter_map(|a| a.address().map(str::to_string)).collect())
        .unwrap_or_default();
    Email {
        to,
        subject: message.subject().unwrap_or_default().to_string(),
        text: message.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        raw: raw.to_string(),
    }
}

/// The bundled partners on the services, as the dispatcher (which sends handoffs) has them.
fn with_partners(services: Services) -> Services {
    Services { partners: oys_shared::advocate::parse_partners(BUNDLED_PARTNERS).unwrap(), ..services }
}
