//! `Effects` on DynamoDB: disclosures and notices, each claimed, then recorded once.

use super::*;

#[async_trait]
impl Effects for DynamoStore {
    async fn record_effect(&self, reference: &Reference, effect: &EffectRecord) -> Result<bool, PortError> {
        self.put_new(to_item(effect, case_pk(reference), &format!("EFFECT#{}", effect.key))?).await
    }

    async fn claim_effect(
        &self,
        reference: &Reference,
        key: &str,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<EffectClaim, PortError> {
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .item(PK, s(case_pk(reference)))
            .item(SK, s(format!("CLAIM#{key}")))
            .item("lease_until", n(lease_until.as_second()))
            .condition_expression("attribute_not_exists(pk) OR lease_until < :now")
            .expression_attribute_values(":now", n(now.as_second()))
            .send()
            .await;
        match result {
            Ok(_) => Ok(EffectClaim::Claimed),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => {
                Ok(EffectClaim::Busy)
            }
            Err(e) => Err(err("claim effect", e)),
        }
    }

    async fn release_effect_claim(&self, reference: &Reference, key: &str) -> Result<(), PortError> {
        self.client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(case_pk(reference)))
            .key(SK, s(format!("CLAIM#{key}")))
            .send()
            .await
            .map_err(|e| err("release effect claim", e))?;
        Ok(())
    }

    async fn mark_undelivered(
        &self,
        reference: &Reference,
        key: &str,
        status: DeliveryStatus,
    ) -> Result<Option<EffectRecord>, PortError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(case_pk(reference)))
            .key(SK, s(format!("EFFECT#{key}")))
            .update_expression("SET delivery = :status")
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_values(":status", s(status.as_str()))
            .return_values(ReturnValue::AllOld)
            .send()
            .await;
        match result {
            Ok(output) => output.attributes.map(from_item).transpose(),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => Ok(None),
            Err(e) => Err(err("mark effect undelivered", e)),
        }
    }

    async fn recorded(&self, reference: &Reference) -> Result<Vec<EffectRecord>, PortError> {
        self.query_prefix(reference, "EFFECT#").await
    }
}
