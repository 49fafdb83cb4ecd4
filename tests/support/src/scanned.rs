//! Counts, on the wire, how many items DynamoDB examined for each index queried: the
//! `ScannedCount` of every Query answer, by the `IndexName` of its request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::config::interceptors::{
    AfterDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_dynamodb::error::BoxError;

#[derive(Clone, Debug, Default)]
pub struct ScannedCounter {
    /// The index of the request in flight (the code under test queries one at a time).
    in_flight: Arc<Mutex<Option<String>>>,
    by_index: Arc<Mutex<HashMap<String, u64>>>,
}

impl ScannedCounter {
    pub fn reset(&self) {
        self.by_index.lock().unwrap().clear();
    }

    pub fn on_index(&self, index: &str) -> u64 {
        self.by_index.lock().unwrap().get(index).copied().unwrap_or(0)
    }

    /// A moto backend whose DynamoDB client reports to this counter.
    pub async fn moto_backend(&self) -> crate::Backend {
        use crate::moto;
        let main = moto::sdk_config().await;
        let mail = moto::sdk_config_for(moto::mail_server()).await;
        let clients = oys_aws::AwsClients {
            dynamodb: aws_sdk_dynamodb::Client::from_conf(
                aws_sdk_dynamodb::config::Builder::from(&main).interceptor(self.clone()).build(),
            ),
            sqs: aws_sdk_sqs::Client::new(&main),
            ses: aws_sdk_ses::Client::new(&mail),
        };
        crate::Backend::moto_with(clients).await
    }
}

impl Intercept for ScannedCounter {
    fn name(&self) -> &'static str {
        "ScannedCounter"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let body: serde_json::Value =
            serde_json::from_slice(context.request().body().bytes().unwrap_or_default()).unwrap_or_default();
        let is_query = context.request().headers().get("x-amz-target").is_some_and(|target| target.ends_with(".Query"));
        *self.in_flight.lock().unwrap() = is_query.then(|| body["IndexName"].as_str().unwrap_or("(table)").to_string());
        Ok(())
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(index) = self.in_flight.lock().unwrap().take() else { return Ok(()) };
        let scanned = match context.output_or_error() {
            Ok(output) => output
                .downcast_ref::<aws_sdk_dynamodb::operation::query::QueryOutput>()
                .map_or(0, |query| query.scanned_count.max(0) as u64),
            Err(_) => 0,
        };
        *self.by_index.lock().unwrap().entry(index).or_default() += scanned;
        Ok(())
    }
}
