//! `Effects` on SQLite: disclosures and notices, each claimed, then recorded once.

use super::*;

#[async_trait]
impl Effects for EmbeddedStore {
    async fn record_effect(&self, reference: &Reference, effect: &EffectRecord) -> Result<bool, PortError> {
        let (reference, effect) = (reference.to_string(), effect.clone());
        self.db
            .run("record effect", move |connection| {
                let inserted = connection.execute(
                    "INSERT OR IGNORE INTO effects (reference, key, effect) VALUES (?1, ?2, ?3)",
                    params![reference, effect.key, to_json(&effect)],
                )?;
                Ok(inserted == 1)
            })
            .await
    }

    async fn claim_effect(
        &self,
        reference: &Reference,
        key: &str,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<EffectClaim, PortError> {
        let (reference, key) = (reference.to_string(), key.to_string());
        self.db
            .run("claim effect", move |connection| {
                let changed = connection.execute(
                    "INSERT INTO effect_claims (reference, key, lease_until) VALUES (?1, ?2, ?3)
                     ON CONFLICT (reference, key) DO UPDATE SET lease_until = excluded.lease_until
                     WHERE effect_claims.lease_until < ?4",
                    params![reference, key, lease_until.as_second(), now.as_second()],
                )?;
                Ok(if changed == 1 { EffectClaim::Claimed } else { EffectClaim::Busy })
            })
            .await
    }

    async fn release_effect_claim(&self, reference: &Reference, key: &str) -> Result<(), PortError> {
        let (reference, key) = (reference.to_string(), key.to_string());
        self.db
            .run("release effect claim", move |connection| {
                connection
                    .execute("DELETE FROM effect_claims WHERE reference = ?1 AND key = ?2", params![reference, key])?;
                Ok(())
            })
            .await
    }

    async fn mark_undelivered(
        &self,
        reference: &Reference,
        key: &str,
        status: DeliveryStatus,
    ) -> Result<Option<EffectRecord>, PortError> {
        let (reference, key) = (reference.to_string(), key.to_string());
        self.db
            .run("mark effect undelivered", move |connection| {
                let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let before: Option<String> = transaction
                    .query_row(
                        "SELECT effect FROM effects WHERE reference = ?1 AND key = ?2",
                        params![reference, key],
                        |row| row.get(0),
                    )
                    .optional()?;
                let Some(before) = before else { return Ok(None) };
                let before: EffectRecord = from_json(&before)?;
                let after = EffectRecord { delivery: status, ..before.clone() };
                transaction.execute(
                    "UPDATE effects SET effect = ?3 WHERE reference = ?1 AND key = ?2",
                    params![reference, key, to_json(&after)],
                )?;
                transaction.commit()?;
                Ok(Some(before))
            })
            .await
    }

    async fn recorded(&self, reference: &Reference) -> Result<Vec<EffectRecord>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("read effects", move |connection| {
                let mut statement = connection.prepare("SELECT effect FROM effects WHERE reference = ?1")?;
                let rows = statement.query_map([&reference], |row| row.get::<_, String>(0))?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }
}
