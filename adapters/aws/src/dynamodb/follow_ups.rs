//! `FollowUps` on DynamoDB: receipt hashes and failed-attempt counters.

use super::*;

/// A report's follow-up receipt, as its hash (`CASE#…` / `RECEIPT`).
#[derive(Serialize, Deserialize)]
pub(super) struct ReceiptItem {
    pub(super) hash: String,
}

/// A count of follow-up attempts in one window; DynamoDB's TTL removes it afterwards.
fn failed_attempts_pk(key: &str) -> String {
    format!("FOLLOW_UP_FAILURES#{key}")
}

#[async_trait]
impl FollowUps for DynamoStore {
    async fn set_receipt_hash(&self, reference: &Reference, hash: &str) -> Result<(), PortError> {
        let item = to_item(&ReceiptItem { hash: hash.to_string() }, case_pk(reference), "RECEIPT")?;
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(|e| err("set receipt", e))?;
        Ok(())
    }

    async fn receipt_hash(&self, reference: &Reference) -> Result<Option<String>, PortError> {
        let item: Option<ReceiptItem> = self.get(case_pk(reference), "RECEIPT".into()).await?;
        Ok(item.map(|item| item.hash))
    }

    async fn take_attempt(&self, key: &str, limit: u32, expires_at: Timestamp) -> Result<bool, PortError> {
        let taken = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(failed_attempts_pk(key)))
            .key(SK, s("FAILURES"))
            .update_expression("ADD #count :one SET #ttl = :expires")
            .condition_expression("attribute_not_exists(#count) OR #count < :limit")
            .expression_attribute_names("#count", "count")
            .expression_attribute_names("#ttl", TTL_ATTRIBUTE)
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":limit", n(limit.into()))
            .expression_attribute_values(":expires", n(expires_at.as_second()))
            .send()
            .await;
        match taken {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => Ok(false),
            Err(e) => Err(err("take attempt", e)),
        }
    }

    async fn give_back_attempt(&self, key: &str) -> Result<(), PortError> {
        let given = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(failed_attempts_pk(key)))
            .key(SK, s("FAILURES"))
            .update_expression("ADD #count :minus_one")
            .condition_expression("#count > :zero")
            .expression_attribute_names("#count", "count")
            .expression_attribute_values(":minus_one", n(-1))
            .expression_attribute_values(":zero", n(0))
            .send()
            .await;
        match given {
            Ok(_) => Ok(()),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => Ok(()),
            Err(e) => Err(err("give back attempt", e)),
        }
    }
}
