//! `StaffSessions` on DynamoDB: console sessions and sign-ins under way, gone by TTL.

use super::*;

/// Staff sessions and sign-ins under way: `STAFF#SESSION#<hash>` / `STAFF#SIGN_IN#<hash>`, sort
/// key `STAFF`, gone by the table's TTL once they end.
impl DynamoStore {
    async fn put_staff_item<T: Serialize>(
        &self,
        pk: String,
        value: &T,
        expires_at: Timestamp,
    ) -> Result<(), PortError> {
        let mut item = to_item(value, pk, "STAFF")?;
        item.insert(TTL_ATTRIBUTE.into(), n(expires_at.as_second()));
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(|e| err("store staff session", e))?;
        Ok(())
    }
}

fn session_pk(key: &str) -> String {
    format!("STAFF#SESSION#{key}")
}

fn sign_in_pk(key: &str) -> String {
    format!("STAFF#SIGN_IN#{key}")
}

#[async_trait]
impl StaffSessions for DynamoStore {
    async fn put_session(&self, key: &str, session: &StaffSession) -> Result<(), PortError> {
        self.put_staff_item(session_pk(key), session, session.ends_at()).await
    }

    async fn session(&self, key: &str) -> Result<Option<StaffSession>, PortError> {
        self.get_for("read staff session", session_pk(key), "STAFF".into()).await
    }

    async fn end_session(&self, key: &str) -> Result<(), PortError> {
        self.client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(session_pk(key)))
            .key(SK, s("STAFF"))
            .send()
            .await
            .map_err(|e| err("end staff session", e))?;
        Ok(())
    }

    async fn put_sign_in(&self, key: &str, pending: &PendingSignIn) -> Result<(), PortError> {
        self.put_staff_item(sign_in_pk(key), pending, pending.expires_at()).await
    }

    async fn take_sign_in(&self, key: &str) -> Result<Option<PendingSignIn>, PortError> {
        // A delete returns what it deleted: of two callbacks, only one gets the item.
        let output = self
            .client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(sign_in_pk(key)))
            .key(SK, s("STAFF"))
            .return_values(ReturnValue::AllOld)
            .send()
            .await
            .map_err(|e| err("take sign-in", e))?;
        output.attributes.map(from_item).transpose()
    }
}
