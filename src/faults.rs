//! Fault injection for the local runner's outage tests (`scripts/outage-test`), off unless the
//! hidden `--fault-injection` flag is given, and only on the embedded backend. It wraps the
//! embedded queue and mailer in adapters that fail while a switch file exists in the data
//! folder: `<data-dir>/faults/queue-down` (sends, receives and deletes fail, as when SQS is
//! unreachable) and `<data-dir>/faults/mail-down` (sends fail, as when SES is). Nothing here is
//! part of any Lambda function; the domain and the use cases do not know it exists.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use oys_application::ports::{Mailer, MessageQueue, OutgoingEmail, PortError, ReceivedMessage};
use oys_application::Services;
use oys_shared::routing::Route;
use oys_shared::Reference;

/// Where the switch files live.
pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("faults")
}

/// Wraps `services`' queue and mailer so each fails while its switch file exists.
pub fn wrap(services: &mut Services, data_dir: &Path) -> std::io::Result<PathBuf> {
    let folder = folder(data_dir);
    std::fs::create_dir_all(&folder)?;
    let queue = Switch(folder.join("queue-down"));
    let mail = Switch(folder.join("mail-down"));
    services.queue = Arc::new(FaultyQueue { inner: services.queue.clone(), switch: queue });
    services.mailer = Arc::new(FaultyMailer { inner: services.mailer.clone(), switch: mail });
    Ok(folder)
}

/// On while its file exists (one `stat` per call: only with `--fault-injection`).
struct Switch(PathBuf);

impl Switch {
    fn check(&self, operation: &'static str) -> Result<(), PortError> {
        if self.0.exists() {
            Err(PortError::transient(operation, "injected outage (--fault-injection)"))
        } else {
            Ok(())
        }
    }
}

struct FaultyQueue {
    inner: Arc<dyn MessageQueue>,
    switch: Switch,
}

#[async_trait]
impl MessageQueue for FaultyQueue {
    async fn send_body(&self, route: Route, body: &str) -> Result<String, PortError> {
        self.switch.check("send message")?;
        self.inner.send_body(route, body).await
    }
    async fn receive(&self, route: Route, max: u32, visibility: Duration) -> Result<Vec<ReceivedMessage>, PortError> {
        self.switch.check("receive messages")?;
        self.inner.receive(route, max, visibility).await
    }
    async fn delete(&self, route: Route, receipt: &str) -> Result<(), PortError> {
        self.switch.check("delete message")?;
        self.inner.delete(route, receipt).await
    }
    async fn receive_dead_letters(&self, route: Route, max: u32) -> Result<Vec<ReceivedMessage>, PortError> {
        self.switch.check("receive dead letters")?;
        self.inner.receive_dead_letters(route, max).await
    }
}

struct FaultyMailer {
    inner: Arc<dyn Mailer>,
    switch: Switch,
}

#[async_trait]
impl Mailer for FaultyMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<String, PortError> {
        self.switch.check("send email")?;
        self.inner.send(email).await
    }
    async fn erase_copies(&self, reference: &Reference) -> Result<usize, PortError> {
        self.inner.erase_copies(reference).await
    }
}
