//! One SQS batch: each record parsed and handled on its own, failures (including a panic)
//! reported per record, never failing its neighbours.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use futures_util::FutureExt;
use tracing::{error, info, warn, Instrument};

use oys_shared::routing::{Route, RoutingMessage, ROUTING_MESSAGE_SCHEMA};

use crate::routed::{Outcome, WorkerError};

/// Handles every record of `event` with `handle`, for the worker of `route`.
pub async fn process_batch<F, Fut>(event: SqsEvent, route: Route, handle: F) -> SqsBatchResponse
where
    F: Fn(RoutingMessage) -> Fut,
    Fut: Future<Output = Result<Outcome, WorkerError>>,
{
    let mut response = SqsBatchResponse::default();
    for record in event.records {
        let message_id = record.message_id.clone().unwrap_or_default();
        let receive_count = record.attributes.get("ApproximateReceiveCount").cloned().unwrap_or_default();
        let span = tracing::info_span!("record", %message_id, %receive_count, reference = tracing::field::Empty);
        let succeeded = async {
            let message = match parse(record.body.as_deref().unwrap_or_default(), route) {
                Ok(message) => message,
                Err(problem) => {
                    // The body is not echoed: a misrouted message could hold anything.
                    error!(problem, "malformed record; it will be retried and then dead-lettered");
                    return false;
                }
            };
            tracing::Span::current().record("reference", message.reference.as_str());
            match AssertUnwindSafe(handle(message)).catch_unwind().await {
                Ok(Ok(outcome)) => {
                    info!(?outcome, "record handled");
                    true
                }
                Ok(Err(error)) => {
                    warn!(%error, "record failed; it will be retried");
                    false
                }
                Err(_panic) => {
                    error!("record handler panicked; it will be retried");
                    false
                }
            }
        }
        .instrument(span)
        .await;
        if !succeeded {
            response.add_failure(message_id);
        }
    }
    response
}

/// Reads a routing message meant for `route`; the error names the problem, not the content.
fn parse(body: &str, route: Route) -> Result<RoutingMessage, &'static str> {
    let message: RoutingMessage = serde_json::from_str(body).map_err(|e| match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => "not JSON",
        _ => "not a routing message",
    })?;
    if message.schema_version != ROUTING_MESSAGE_SCHEMA {
        return Err("unknown schema version");
    }
    if message.route != route {
        return Err("message for another route");
    }
    Ok(message)
}
