//! The route queues on SQS. Each queue has a dead-letter queue (redrive policy in the
//! template), so a message that keeps failing ends there instead of looping.

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_sqs::error::DisplayErrorContext;
use aws_sdk_sqs::types::MessageSystemAttributeName;
use aws_sdk_sqs::Client;

use oys_shared::routing::Route;

use oys_application::ports::{MessageQueue, PortError, ReceivedMessage};

pub struct SqsQueue {
    client: Client,
    /// Per route: the queue URL and, where configured, its dead-letter queue URL.
    urls: HashMap<Route, (String, Option<String>)>,
}

impl SqsQueue {
    pub fn new(client: Client, urls: HashMap<Route, (String, Option<String>)>) -> Self {
        SqsQueue { client, urls }
    }

    fn url(&self, route: Route) -> Result<&str, PortError> {
        self.urls.get(&route).map(|(url, _)| url.as_str()).ok_or_else(|| PortError::new("queue url", route))
    }

    async fn receive_from(&self, url: &str, max: u32, visibility: Duration) -> Result<Vec<ReceivedMessage>, PortError> {
        let output = self
            .client
            .receive_message()
            .queue_url(url)
            .max_number_of_messages(max.clamp(1, 10) as i32)
            .visibility_timeout(visibility.as_secs() as i32)
            .message_system_attribute_names(MessageSystemAttributeName::ApproximateReceiveCount)
            .send()
            .await
            .map_err(|e| PortError::new("receive messages", DisplayErrorContext(e)))?;
        Ok(output
            .messages
            .unwrap_or_default()
            .into_iter()
            .map(|m| ReceivedMessage {
                receive_count: m
                    .attributes
                    .as_ref()
                    .and_then(|a| a.get(&MessageSystemAttributeName::ApproximateReceiveCount))
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(1),
                message_id: m.message_id.unwrap_or_default(),
                receipt: m.receipt_handle.unwrap_or_default(),
                body: m.body.unwrap_or_default(),
            })
            .collect())
    }
}

#[async_trait]
impl MessageQueue for SqsQueue {
    async fn send_body(&self, route: Route, body: &str) -> Result<String, PortError> {
        let output = self
            .client
            .send_message()
            .queue_url(self.url(route)?)
            .message_body(body)
            .send()
            .await
            .map_err(|e| PortError::new("send message", DisplayErrorContext(e)))?;
        Ok(output.message_id.unwrap_or_default())
    }

    async fn receive(&self, route: Route, max: u32, visibility: Duration) -> Result<Vec<ReceivedMessage>, PortError> {
        self.receive_from(self.url(route)?, max, visibility).await
    }

    async fn delete(&self, route: Route, receipt: &str) -> Result<(), PortError> {
        self.client
            .delete_message()
            .queue_url(self.url(route)?)
            .receipt_handle(receipt)
            .send()
            .await
            .map_err(|e| PortError::new("delete message", DisplayErrorContext(e)))?;
        Ok(())
    }

    async fn receive_dead_letters(&self, route: Route, max: u32) -> Result<Vec<ReceivedMessage>, PortError> {
        let dlq = self
            .urls
            .get(&route)
            .and_then(|(_, dlq)| dlq.as_deref())
            .ok_or_else(|| PortError::new("dead-letter queue url", format!("{route}: not configured")))?;
        self.receive_from(dlq, max, Duration::from_secs(30)).await
    }
}
