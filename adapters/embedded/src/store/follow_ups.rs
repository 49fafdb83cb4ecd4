//! `FollowUps` on SQLite: receipt hashes and failed-attempt counters.

use super::*;

#[async_trait]
impl FollowUps for EmbeddedStore {
    async fn set_receipt_hash(&self, reference: &Reference, hash: &str) -> Result<(), PortError> {
        let (reference, hash) = (reference.to_string(), hash.to_string());
        self.db
            .run("set receipt", move |connection| {
                connection.execute(
                    "INSERT INTO receipts (reference, hash) VALUES (?1, ?2)
                     ON CONFLICT (reference) DO UPDATE SET hash = excluded.hash",
                    params![reference, hash],
                )?;
                Ok(())
            })
            .await
    }

    async fn receipt_hash(&self, reference: &Reference) -> Result<Option<String>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("read receipt", move |connection| {
                connection
                    .query_row("SELECT hash FROM receipts WHERE reference = ?1", [&reference], |row| row.get(0))
                    .optional()
            })
            .await
    }

    async fn take_attempt(&self, key: &str, limit: u32, expires_at: Timestamp) -> Result<bool, PortError> {
        let key = key.to_string();
        self.db
            .run("take attempt", move |connection| {
                // Each key names its window and every window ends on the hour: rows of windows
                // that ended before this one are never asked for again, so they are swept here.
                connection.execute("DELETE FROM failed_attempts WHERE expires_at < ?1", [expires_at.as_second()])?;
                let taken = connection
                    .query_row(
                        "INSERT INTO failed_attempts (key, count, expires_at) VALUES (?1, 1, ?2)
                         ON CONFLICT (key) DO UPDATE SET count = count + 1 WHERE count < ?3 RETURNING count",
                        params![key, expires_at.as_second(), limit],
                        |row| row.get::<_, u32>(0),
                    )
                    .optional()?;
                Ok(taken.is_some())
            })
            .await
    }

    async fn give_back_attempt(&self, key: &str) -> Result<(), PortError> {
        let key = key.to_string();
        self.db
            .run("give back attempt", move |connection| {
                connection
                    .execute("UPDATE failed_attempts SET count = count - 1 WHERE key = ?1 AND count > 0", [key])?;
                Ok(())
            })
            .await
    }
}
