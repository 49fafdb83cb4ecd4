//! The local mailer: each email is written as an `.eml` file (the MIME message SES would send),
//! named by time so the folder lists in order.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;

use crate::email::to_mime;
use crate::ports::{Clock, Mailer, OutgoingEmail, PortError};

pub struct OutboxMailer {
    dir: PathBuf,
    clock: Arc<dyn Clock>,
}

impl OutboxMailer {
    pub fn new(dir: &Path, clock: Arc<dyn Clock>) -> Result<Self, PortError> {
        std::fs::create_dir_all(dir).map_err(|e| PortError::new("create outbox", e))?;
        Ok(OutboxMailer { dir: dir.to_path_buf(), clock })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[async_trait]
impl Mailer for OutboxMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<String, PortError> {
        let id = uuid::Uuid::new_v4();
        let message_id = format!("{id}@on-your-side.localhost");
        let stamp = self.clock.now().strftime("%Y%m%dT%H%M%S%.3fZ");
        let path = self.dir.join(format!("{stamp}-{id}.eml"));
        let bytes = to_mime(email, &message_id);
        // Write then rename, so a reader never sees half a message.
        let partial = path.with_extension("eml.part");
        tokio::fs::write(&partial, bytes).await.map_err(|e| PortError::new("write outbox", e))?;
        tokio::fs::rename(&partial, &path).await.map_err(|e| PortError::new("write outbox", e))?;
        Ok(message_id)
    }
}
