//! A durable local queue on SQLite with SQS's semantics where they matter: at-least-once
//! delivery, a visibility timeout after which an undeleted message is delivered again, a
//! receive count, and a dead-letter place for messages received `max_receives` times.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use rusqlite::params;

use oys_shared::routing::Route;

use super::Db;
use oys_application::ports::{Clock, MessageQueue, PortError, ReceivedMessage};

pub struct EmbeddedQueue {
    db: Db,
    max_receives: u32,
    clock: Arc<dyn Clock>,
}

fn queue_name(route: Route) -> String {
    route.as_str().to_string()
}

fn dead_letter_name(route: Route) -> String {
    format!("{}.dead", route.as_str())
}

impl EmbeddedQueue {
    /// The queue on a connection the store shares.
    pub(crate) fn on(db: Db, max_receives: u32, clock: Arc<dyn Clock>) -> Self {
        EmbeddedQueue { db, max_receives: max_receives.max(1), clock }
    }

    async fn receive_from(
        &self,
        queue: String,
        dead_letter: Option<String>,
        max: u32,
        visibility: Duration,
    ) -> Result<Vec<ReceivedMessage>, PortError> {
        let now = self.clock.now().as_millisecond();
        let visible_again = now + visibility.as_millis() as i64;
        let max_receives = self.max_receives;
        self.db
            .run("receive messages", move |connection| {
                let tx = connection.transaction()?;
                if let Some(dead_letter) = &dead_letter {
                    // Like an SQS redrive policy: a message already received `max_receives`
                    // times moves to the dead-letter place instead of being delivered again.
                    tx.execute(
                        "UPDATE queue_messages SET queue = ?1, receive_count = 0, receipt = NULL
                         WHERE queue = ?2 AND visible_at_ms <= ?3 AND receive_count >= ?4",
                        params![dead_letter, queue, now, max_receives],
                    )?;
                }
                let mut received = Vec::new();
                {
                    let mut select = tx.prepare(
                        "SELECT id, body, receive_count FROM queue_messages
                         WHERE queue = ?1 AND visible_at_ms <= ?2 ORDER BY sent_at_ms, id LIMIT ?3",
                    )?;
                    let rows = select.query_map(params![queue, now, max.clamp(1, 10)], |row| {
                        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, u32>(2)?))
                    })?;
                    for row in rows {
                        let (id, body, count) = row?;
                        let receipt = uuid::Uuid::new_v4().to_string();
                        received.push(ReceivedMessage { message_id: id, receipt, body, receive_count: count + 1 });
                    }
                }
                for message in &received {
                    tx.execute(
                        "UPDATE queue_messages SET receive_count = ?2, visible_at_ms = ?3, receipt = ?4 WHERE id = ?1",
                        params![message.message_id, message.receive_count, visible_again, message.receipt],
                    )?;
                }
                tx.commit()?;
                Ok(received)
            })
            .await
    }
}

#[async_trait]
impl MessageQueue for EmbeddedQueue {
    async fn send_body(&self, route: Route, body: &str) -> Result<String, PortError> {
        let id = uuid::Uuid::new_v4().to_string();
        let now = self.clock.now().as_millisecond();
        let (queue, body, message_id) = (queue_name(route), body.to_string(), id.clone());
        self.db
            .run("send message", move |connection| {
                connection.execute(
                    "INSERT INTO queue_messages (id, queue, body, sent_at_ms, visible_at_ms) VALUES (?1, ?2, ?3, ?4, ?4)",
                    params![message_id, queue, body, now],
                )?;
                Ok(())
            })
            .await?;
        Ok(id)
    }

    async fn receive(&self, route: Route, max: u32, visibility: Duration) -> Result<Vec<ReceivedMessage>, PortError> {
        self.receive_from(queue_name(route), Some(dead_letter_name(route)), max, visibility).await
    }

    async fn delete(&self, route: Route, receipt: &str) -> Result<(), PortError> {
        let (receipt, queues) = (receipt.to_string(), [queue_name(route), dead_letter_name(route)]);
        self.db
            .run("delete message", move |connection| {
                connection.execute(
                    "DELETE FROM queue_messages WHERE receipt = ?1 AND queue IN (?2, ?3)",
                    params![receipt, queues[0], queues[1]],
                )?;
                Ok(())
            })
            .await
    }

    async fn receive_dead_letters(&self, route: Route, max: u32) -> Result<Vec<ReceivedMessage>, PortError> {
        self.receive_from(dead_letter_name(route), None, max, Duration::from_secs(30)).await
    }
}
