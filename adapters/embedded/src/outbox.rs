//! The local mailer: each email is written as an `.eml` file (the MIME message SES would send),
//! named by time so the folder lists in order.
//!
//! Erasure must find a case's copies without reading every email (and without tripping over
//! files another erasure is deleting at the same moment): beside the outbox, an index holds one
//! folder per case with an empty file named after each of its emails.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;

use oys_application::mime::to_mime;
use oys_application::ports::{Clock, Mailer, OutgoingEmail, PortError};
use oys_shared::Reference;

pub struct OutboxMailer {
    dir: PathBuf,
    index: PathBuf,
    clock: Arc<dyn Clock>,
}

impl OutboxMailer {
    /// The outbox in `dir`, its index by case in `index`. An outbox kept before the index existed
    /// is indexed once, here.
    pub fn new(dir: &Path, index: &Path, clock: Arc<dyn Clock>) -> Result<Self, PortError> {
        std::fs::create_dir_all(dir).map_err(|e| PortError::new("create outbox", e))?;
        if !index.exists() {
            index_existing(dir, index).map_err(|e| PortError::new("index outbox", e))?;
        }
        Ok(OutboxMailer { dir: dir.to_path_buf(), index: index.to_path_buf(), clock })
    }
}

/// The header the outbox adds to name the case an email is about.
const ABOUT_HEADER: &str = "X-On-Your-Side-Case: ";

/// Builds the index of the emails already in `dir`, aside first so a crash leaves no half index.
fn index_existing(dir: &Path, index: &Path) -> std::io::Result<()> {
    let building = index.with_extension("building");
    match std::fs::remove_dir_all(&building) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::create_dir_all(&building)?;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "eml") {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&path)?).into_owned();
        let about = text.strip_prefix(ABOUT_HEADER).and_then(|rest| rest.lines().next()).and_then(Reference::parse);
        if let (Some(reference), Some(name)) = (about, path.file_name()) {
            let case = building.join(reference.as_str());
            std::fs::create_dir_all(&case)?;
            std::fs::write(case.join(name), b"")?;
        }
    }
    std::fs::rename(&building, index)
}

/// The message id of the email kept in `name` (`<stamp>-<uuid>.eml`).
fn message_id_of(name: &str) -> String {
    let id = name.trim_end_matches(".eml").split_once('-').map_or(name, |(_, id)| id);
    format!("{id}@on-your-side.localhost")
}

/// Where an effect's email is kept: already written, or to write under this name.
enum EffectFile {
    Sent(String),
    ToWrite(String),
}

/// The prefix of an effect's marker in its case's index folder.
const EFFECT_MARKER: &str = "effect-";

impl OutboxMailer {
    /// The file an effect's email is kept in, chosen once: a marker in the case's index names
    /// it, so an email recorded as an effect (`send_once`) is written once however often it is
    /// sent. A sender killed between sending and recording sends it again after the claim's
    /// lease, and finds it here: the local outbox delivers it exactly once. (SES cannot: there a
    /// kill in that moment repeats the one email.)
    async fn effect_file(&self, reference: &Reference, key: &str, fresh: String) -> Result<EffectFile, PortError> {
        let failed = |e| PortError::new("mark outbox effect", e);
        let case = self.index.join(reference.as_str());
        tokio::fs::create_dir_all(&case).await.map_err(failed)?;
        let marker = case.join(format!("{EFFECT_MARKER}{}", oys_shared::hex::sha256(key.as_bytes())));
        let name = match tokio::fs::read_to_string(&marker).await {
            Ok(name) => name,
            Err(e) if not_found(&e) => {
                // Written aside and linked into place: a marker is whole, and the first wins.
                let partial = case.join(format!(".{}.part", uuid::Uuid::new_v4()));
                tokio::fs::write(&partial, &fresh).await.map_err(failed)?;
                let linked = tokio::fs::hard_link(&partial, &marker).await;
                let _ = tokio::fs::remove_file(&partial).await;
                match linked {
                    Ok(()) => fresh,
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        tokio::fs::read_to_string(&marker).await.map_err(failed)?
                    }
                    Err(e) => return Err(failed(e)),
                }
            }
            Err(e) => return Err(failed(e)),
        };
        match tokio::fs::try_exists(self.dir.join(&name)).await.map_err(failed)? {
            true => Ok(EffectFile::Sent(name)),
            false => Ok(EffectFile::ToWrite(name)),
        }
    }
}

fn not_found(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::NotFound
}

#[async_trait]
impl Mailer for OutboxMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<String, PortError> {
        let fresh = || {
            let stamp = self.clock.now().strftime("%Y%m%dT%H%M%S%.3fZ");
            format!("{stamp}-{}.eml", uuid::Uuid::new_v4())
        };
        let name = match (&email.about, &email.effect) {
            (Some(reference), Some(tag)) => match self.effect_file(reference, &tag.key, fresh()).await? {
                EffectFile::Sent(name) => return Ok(message_id_of(&name)),
                EffectFile::ToWrite(name) => name,
            },
            _ => fresh(),
        };
        let message_id = message_id_of(&name);
        let path = self.dir.join(&name);
        let mut bytes = Vec::new();
        if let Some(reference) = &email.about {
            bytes.extend_from_slice(format!("{ABOUT_HEADER}{reference}\r\n").as_bytes());
            // Indexed before it is written: no copy of a case's email that erasure cannot find.
            let case = self.index.join(reference.as_str());
            tokio::fs::create_dir_all(&case).await.map_err(|e| PortError::new("index outbox", e))?;
            tokio::fs::write(case.join(&name), b"").await.map_err(|e| PortError::new("index outbox", e))?;
        }
        bytes.extend_from_slice(&to_mime(email, &message_id));
        // Write then rename, so a reader never sees half a message.
        let partial = path.with_extension("eml.part");
        tokio::fs::write(&partial, bytes).await.map_err(|e| PortError::new("write outbox", e))?;
        tokio::fs::rename(&partial, &path).await.map_err(|e| PortError::new("write outbox", e))?;
        Ok(message_id)
    }

    async fn erase_copies(&self, reference: &Reference) -> Result<usize, PortError> {
        // (An effect's marker is in the case's index folder too: its "copy" is never found.)
        let case = self.index.join(reference.as_str());
        let mut entries = match tokio::fs::read_dir(&case).await {
            Ok(entries) => entries,
            Err(e) if not_found(&e) => return Ok(0),
            Err(e) => return Err(PortError::new("read outbox index", e)),
        };
        let mut erased = 0;
        while let Some(entry) = entries.next_entry().await.map_err(|e| PortError::new("read outbox index", e))? {
            // Already gone (an erasure of the same case at the same time, or a send that failed
            // after indexing) is as good as deleted.
            match tokio::fs::remove_file(self.dir.join(entry.file_name())).await {
                Ok(()) => erased += 1,
                Err(e) if not_found(&e) => {}
                Err(e) => return Err(PortError::new("erase outbox copy", e)),
            }
            match tokio::fs::remove_file(entry.path()).await {
                Err(e) if !not_found(&e) => return Err(PortError::new("erase outbox index entry", e)),
                _ => {}
            }
        }
        Ok(erased)
    }
}
