//! The local mailer: each email is written as an `.eml` file (the MIME message SES would send),
//! named by time so the folder lists in order.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;

use crate::mime::to_mime;
use crate::ports::{Clock, Mailer, OutgoingEmail, PortError};
use oys_shared::Reference;

pub struct OutboxMailer {
    dir: PathBuf,
    clock: Arc<dyn Clock>,
}

impl OutboxMailer {
    pub fn new(dir: &Path, clock: Arc<dyn Clock>) -> Result<Self, PortError> {
        std::fs::create_dir_all(dir).map_err(|e| PortError::new("create outbox", e))?;
        Ok(OutboxMailer { dir: dir.to_path_buf(), clock })
    }
}

/// The header the outbox adds to name the case an email is about, so erasure can find it.
const ABOUT_HEADER: &str = "X-On-Your-Side-Case: ";

#[async_trait]
impl Mailer for OutboxMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<String, PortError> {
        let id = uuid::Uuid::new_v4();
        let message_id = format!("{id}@on-your-side.localhost");
        let stamp = self.clock.now().strftime("%Y%m%dT%H%M%S%.3fZ");
        let path = self.dir.join(format!("{stamp}-{id}.eml"));
        let mut bytes = Vec::new();
        if let Some(reference) = &email.about {
            bytes.extend_from_slice(format!("{ABOUT_HEADER}{reference}\r\n").as_bytes());
        }
        bytes.extend_from_slice(&to_mime(email, &message_id));
        // Write then rename, so a reader never sees half a message.
        let partial = path.with_extension("eml.part");
        tokio::fs::write(&partial, bytes).await.map_err(|e| PortError::new("write outbox", e))?;
        tokio::fs::rename(&partial, &path).await.map_err(|e| PortError::new("write outbox", e))?;
        Ok(message_id)
    }

    async fn erase_copies(&self, reference: &Reference) -> Result<usize, PortError> {
        let header = format!("{ABOUT_HEADER}{reference}\r\n");
        let mut entries = tokio::fs::read_dir(&self.dir).await.map_err(|e| PortError::new("read outbox", e))?;
        let mut erased = 0;
        while let Some(entry) = entries.next_entry().await.map_err(|e| PortError::new("read outbox", e))? {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "eml") {
                continue;
            }
            let bytes = tokio::fs::read(&path).await.map_err(|e| PortError::new("read outbox", e))?;
            if bytes.starts_with(header.as_bytes()) {
                tokio::fs::remove_file(&path).await.map_err(|e| PortError::new("erase outbox copy", e))?;
                erased += 1;
            }
        }
        Ok(erased)
    }
}
