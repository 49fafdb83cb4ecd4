//! `StaffSessions` on SQLite: console sessions and sign-ins under way.

use super::*;

impl EmbeddedStore {
    async fn put_staff_item(
        &self,
        key: &str,
        kind: &'static str,
        body: String,
        expires_at: Timestamp,
    ) -> Result<(), PortError> {
        let key = format!("{kind}#{key}");
        self.db
            .run("store staff session", move |connection| {
                // Rows long ended go as new ones arrive (SQLite has no TTL). Measured from the new
                // row's own end, not a clock: no item lives more than 12 hours, so whatever ended
                // 13 hours before this one ends is over by an hour at least.
                connection.execute(
                    "DELETE FROM staff_sessions WHERE expires_at < ?1",
                    [expires_at.as_second() - 13 * 3600],
                )?;
                connection.execute(
                    "INSERT OR REPLACE INTO staff_sessions (key, kind, body, expires_at) VALUES (?1, ?2, ?3, ?4)",
                    params![key, kind, body, expires_at.as_second()],
                )?;
                Ok(())
            })
            .await
    }
}

#[async_trait]
impl StaffSessions for EmbeddedStore {
    async fn put_session(&self, key: &str, session: &StaffSession) -> Result<(), PortError> {
        self.put_staff_item(key, "SESSION", to_json(session), session.ends_at()).await
    }

    async fn session(&self, key: &str) -> Result<Option<StaffSession>, PortError> {
        let key = format!("SESSION#{key}");
        self.db
            .run("read staff session", move |connection| {
                let body: Option<String> = connection
                    .query_row("SELECT body FROM staff_sessions WHERE key = ?1", [&key], |row| row.get(0))
                    .optional()?;
                body.map(|b| from_json(&b)).transpose()
            })
            .await
    }

    async fn end_session(&self, key: &str) -> Result<(), PortError> {
        let key = format!("SESSION#{key}");
        self.db
            .run("end staff session", move |connection| {
                connection.execute("DELETE FROM staff_sessions WHERE key = ?1", [&key])?;
                Ok(())
            })
            .await
    }

    async fn put_sign_in(&self, key: &str, pending: &PendingSignIn) -> Result<(), PortError> {
        self.put_staff_item(key, "SIGN_IN", to_json(pending), pending.expires_at()).await
    }

    async fn take_sign_in(&self, key: &str) -> Result<Option<PendingSignIn>, PortError> {
        let key = format!("SIGN_IN#{key}");
        self.db
            .run("take sign-in", move |connection| {
                let body: Option<String> = connection
                    .query_row("DELETE FROM staff_sessions WHERE key = ?1 RETURNING body", [&key], |row| row.get(0))
                    .optional()?;
                body.map(|b| from_json(&b)).transpose()
            })
            .await
    }
}
