//! The AWS resources a function talks to, as its configuration names them (clap's `env`: the
//! Lambda bootstrap flattens these into each function's configuration).

use std::collections::HashMap;

use clap::builder::NonEmptyStringValueParser;
use clap::Args;
use oys_shared::fields::EmailAddress;
use oys_shared::routing::Route;

#[derive(Debug, Clone)]
pub struct AwsSettings {
    pub store: StoreConfig,
    pub alerts: AlertConfig,
    /// Only the functions that send routing messages (intake, the sweeper) have queues.
    pub queues: Option<QueueConfig>,
}

/// The table every function uses.
#[derive(Debug, Clone, Args)]
pub struct StoreConfig {
    #[arg(long, env = "TABLE_NAME", value_parser = NonEmptyStringValueParser::new())]
    pub table_name: String,
}

/// Where operator alerts come from and go to.
#[derive(Debug, Clone, Args)]
pub struct AlertConfig {
    /// A verified SES identity.
    #[arg(long, env = "ALERT_SENDER_ADDRESS", value_parser = email_address)]
    pub alert_sender_address: String,
    /// Comma-separated.
    #[arg(long, env = "OPERATOR_ALERT_ADDRESSES", value_parser = address_list)]
    pub operator_alert_addresses: AddressList,
}

impl AlertConfig {
    /// For a function that sends no email (submit-report: its alerts are the dispatcher's). A
    /// send through it fails loudly (no sender, no recipient), and its start warms no SES client.
    pub fn none() -> AlertConfig {
        AlertConfig { alert_sender_address: String::new(), operator_alert_addresses: AddressList(Vec::new()) }
    }

    pub fn sends_email(&self) -> bool {
        !self.alert_sender_address.is_empty()
    }
}

/// The routing queues, for the functions that send routing messages.
#[derive(Debug, Clone, Args)]
pub struct QueueConfig {
    #[arg(long, env = "POLICE_REFERRAL_QUEUE_URL", value_parser = NonEmptyStringValueParser::new())]
    pub police_referral_queue_url: String,
    #[arg(long, env = "ADVOCATE_ASSIGNMENT_QUEUE_URL", value_parser = NonEmptyStringValueParser::new())]
    pub advocate_assignment_queue_url: String,
    /// Only tools that read dead letters need these (tests, operators' scripts).
    #[arg(long, env = "POLICE_REFERRAL_DLQ_URL")]
    pub police_referral_dlq_url: Option<String>,
    #[arg(long, env = "ADVOCATE_ASSIGNMENT_DLQ_URL")]
    pub advocate_assignment_dlq_url: Option<String>,
}

impl QueueConfig {
    /// Each route's queue URL and dead-letter queue URL.
    pub fn urls(&self) -> HashMap<Route, (String, Option<String>)> {
        HashMap::from([
            (Route::PoliceReferral, (self.police_referral_queue_url.clone(), self.police_referral_dlq_url.clone())),
            (
                Route::AdvocateAssignment,
                (self.advocate_assignment_queue_url.clone(), self.advocate_assignment_dlq_url.clone()),
            ),
        ])
    }
}

/// A comma-separated list of email addresses, at least one.
#[derive(Debug, Clone, PartialEq)]
pub struct AddressList(pub Vec<String>);

pub fn email_address(value: &str) -> Result<String, String> {
    let value = value.trim();
    EmailAddress::parse(value).map(|_| value.to_string()).map_err(|_| format!("`{value}` is not an email address"))
}

pub fn address_list(value: &str) -> Result<AddressList, String> {
    let addresses: Vec<String> = value.split(',').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect();
    if addresses.is_empty() {
        return Err("names no address: these alerts would reach nobody".into());
    }
    addresses.iter().try_for_each(|a| email_address(a).map(drop))?;
    Ok(AddressList(addresses))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_and_an_empty_list_refused() {
        assert_eq!(address_list("a@example.org, b@example.org").unwrap().0.len(), 2);
        assert!(address_list(" , ").is_err());
        assert!(address_list("leads").unwrap_err().contains("`leads`"));
    }
}
