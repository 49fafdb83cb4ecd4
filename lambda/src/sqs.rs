//! An SQS batch as Lambda's event source mapping hands it over: each record's body read as a
//! routing message for the worker's route, handed to the application, and the records that
//! failed answered back (`ReportBatchItemFailures`), so SQS retries only those.

use std::future::Future;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};

use oys_application::workers::{handle_deliveries, Delivery, Outcome, RoutedWorker, WorkerError};
use oys_shared::routing::{Route, RoutingMessage};

/// Hands every record of `event` to `worker`.
pub async fn handle_batch<W: RoutedWorker + ?Sized>(worker: &W, event: SqsEvent) -> SqsBatchResponse {
    process_batch(event, worker.route(), |message| worker.handle(message)).await
}

/// Hands every record of `event`, read as a routing message for `route`, to `handle`.
pub async fn process_batch<F, Fut>(event: SqsEvent, route: Route, handle: F) -> SqsBatchResponse
where
    F: Fn(RoutingMessage) -> Fut,
    Fut: Future<Output = Result<Outcome, WorkerError>>,
{
    let deliveries = event
        .records
        .into_iter()
        .map(|record| {
            let receive_count = record.attributes.get("ApproximateReceiveCount").cloned().unwrap_or_default();
            let body = record.body.as_deref().unwrap_or_default();
            Delivery::read(record.message_id.unwrap_or_default(), receive_count, body, route)
        })
        .collect();
    let mut response = SqsBatchResponse::default();
    for message_id in handle_deliveries(deliveries, handle).await {
        response.add_failure(message_id);
    }
    response
}
