//! Embedded adapters for running without AWS: one SQLite file holds reports and queues (so data
//! survives restarts), and emails land as `.eml` files in an outbox folder a person can open.

mod migrations;
mod outbox;
mod queue;
mod store;

pub use outbox::OutboxMailer;
pub use queue::EmbeddedQueue;
pub use store::{EmbeddedStore, DEADLINES_DUE_SQL};

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use oys_application::ports::{Clock, PortError};
use oys_application::services::{AlertAddresses, Services};
use oys_shared::casework::RetentionPolicy;

/// Where the embedded adapters keep their data.
#[derive(Debug, Clone)]
pub struct EmbeddedPaths {
    pub database: PathBuf,
    pub outbox: PathBuf,
    /// The outbox's emails by case, so erasure finds a case's copies without reading them all.
    pub outbox_index: PathBuf,
}

impl EmbeddedPaths {
    pub fn in_dir(dir: &Path) -> Self {
        EmbeddedPaths {
            database: dir.join("on-your-side.sqlite3"),
            outbox: dir.join("outbox"),
            outbox_index: dir.join("outbox-index"),
        }
    }
}

/// The use-case dependencies on embedded adapters.
pub fn services(
    paths: &EmbeddedPaths,
    alerts: AlertAddresses,
    retention: RetentionPolicy,
    clock: Arc<dyn Clock>,
    max_receives: u32,
) -> Result<Services, PortError> {
    // One connection for the store and the queue: two connections to one file make each
    // writer wait for the other's lock in SQLite's busy handler, which sleeps (measured with
    // scripts/bench-runner: p99 above 300 ms for reports with both routes).
    let db = Db::open(&paths.database)?;
    Ok(Services::new(
        Arc::new(EmbeddedStore::on(db.clone())),
        Arc::new(EmbeddedQueue::on(db, max_receives, clock.clone())),
        Arc::new(OutboxMailer::new(&paths.outbox, &paths.outbox_index, clock.clone())?),
        clock,
        alerts,
        retention,
    ))
}

/// The partner list shipped in the repository: examples, for the local runner and tests (a
/// deployed function refuses them).
pub const BUNDLED_PARTNERS: &str = include_str!("../../../config/partners.json");

/// A referral mailbox for every force, on a local domain: for the local runner and tests.
pub fn local_force_mailboxes() -> std::collections::HashMap<String, String> {
    oys_shared::geography::all_forces()
        .map(|force| (force.to_string(), format!("{force}@police-referrals.localhost")))
        .collect()
}

/// One SQLite connection shared by the adapters; calls run on the blocking pool. At most
/// `BLOCKING_CALLS` calls hold a blocking thread at once (one working, the next ready to take
/// the lock): the rest wait as tasks, not as hundreds of parked threads (measured: 280 threads
/// and a profile led by the kernel's task switches).
#[derive(Clone)]
pub(crate) struct Db(Arc<Mutex<Connection>>, Arc<tokio::sync::Semaphore>);

const BLOCKING_CALLS: usize = 2;

impl Db {
    pub(crate) fn open(path: &Path) -> Result<Db, PortError> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| PortError::new("create data folder", e))?;
        }
        let mut connection = Connection::open(path).map_err(|e| PortError::new("open database", e))?;
        connection
            // WAL with synchronous=NORMAL: the file cannot be corrupted by a crash; a power cut may
            // lose the last commit, acceptable for a laptop (AWS runs on DynamoDB).
            // A 32 MiB page cache: with the default 2 MiB most page reads were pread calls.
            .execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA cache_size = -32768;")
            .map_err(|e| PortError::new("configure database", e))?;
        migrations::migrations().to_latest(&mut connection).map_err(|e| PortError::new("migrate database", e))?;
        Ok(Db(Arc::new(Mutex::new(connection)), Arc::new(tokio::sync::Semaphore::new(BLOCKING_CALLS))))
    }

    pub(crate) async fn run<T: Send + 'static>(
        &self,
        operation: &'static str,
        work: impl FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, PortError> {
        let permit = self.1.clone().acquire_owned().await.map_err(|e| PortError::new(operation, e))?;
        let db = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let mut connection = db.lock().map_err(|_| PortError::new(operation, "database lock poisoned"))?;
            work(&mut connection).map_err(|e| PortError::new(operation, e))
        })
        .await
        .map_err(|e| PortError::new(operation, e))?
    }
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("stored types serialise")
}

pub(crate) fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}
