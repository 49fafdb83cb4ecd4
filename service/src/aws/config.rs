//! The AWS resources a function talks to, as its configuration names them.

use crate::bootstrap::config::{AlertConfig, QueueConfig, StoreConfig};

#[derive(Debug, Clone)]
pub struct AwsSettings {
    pub store: StoreConfig,
    pub alerts: AlertConfig,
    /// Only the functions that send routing messages (intake, the sweeper) have queues.
    pub queues: Option<QueueConfig>,
}
