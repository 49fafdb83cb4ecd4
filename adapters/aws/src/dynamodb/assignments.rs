//! `Assignments` on DynamoDB: advocate proposals and partners' caseloads.

use super::*;

#[async_trait]
impl Assignments for DynamoStore {
    async fn save_proposal(&self, proposal: &Proposal) -> Result<Proposal, PortError> {
        let pk = case_pk(&proposal.reference);
        if self.put_new(to_item(proposal, pk.clone(), "PROPOSAL")?).await? {
            return Ok(proposal.clone());
        }
        self.get(pk, "PROPOSAL".into()).await?.ok_or_else(|| PortError::new("save proposal", "vanished"))
    }

    async fn proposal(&self, reference: &Reference) -> Result<Option<Proposal>, PortError> {
        self.get(case_pk(reference), "PROPOSAL".into()).await
    }

    async fn partner_caseloads(&self) -> Result<HashMap<String, i64>, PortError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", s("PARTNERS"));
        let items = self.query_pages(query, None, "read partner caseloads").await?;
        #[derive(Deserialize)]
        struct Caseload {
            partner_id: String,
            open_cases: i64,
        }
        let caseloads: Vec<Caseload> = items.into_iter().map(from_item).collect::<Result<_, _>>()?;
        Ok(caseloads.into_iter().map(|c| (c.partner_id, c.open_cases)).collect())
    }
}
