//! Configuration of the AWS functions, from environment variables set by the template.

use std::collections::HashMap;

use oys_shared::routing::Route;

/// The environment variables the functions read, with what each is for.
pub const VARIABLES: &[(&str, &str)] = &[
    ("TABLE_NAME", "DynamoDB table holding reports"),
    ("POLICE_REFERRAL_QUEUE_URL", "SQS queue of the police-referral worker"),
    ("ADVOCATE_ASSIGNMENT_QUEUE_URL", "SQS queue of the advocate-assignment worker"),
    ("ALERT_SENDER_ADDRESS", "verified SES identity that operator alerts come from"),
    ("OPERATOR_ALERT_ADDRESSES", "comma-separated operator addresses that receive alerts"),
];

#[derive(Debug, Clone, PartialEq)]
pub struct AwsSettings {
    pub table_name: String,
    pub police_referral_queue_url: String,
    pub advocate_assignment_queue_url: String,
    /// Dead-letter queue URLs, only needed by tools that read dead letters (tests, operators).
    pub police_referral_dlq_url: Option<String>,
    pub advocate_assignment_dlq_url: Option<String>,
    pub alert_sender: String,
    pub operator_alert_addresses: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ConfigError {
    #[error("missing environment variables: {}", .0.join(", "))]
    Missing(Vec<&'static str>),
}

impl AwsSettings {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads every variable and names all the missing ones at once.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut missing = Vec::new();
        let mut get = |name: &'static str| {
            let value = lookup(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
            if value.is_none() {
                missing.push(name);
            }
            value.unwrap_or_default()
        };
        let settings = AwsSettings {
            table_name: get("TABLE_NAME"),
            police_referral_queue_url: get("POLICE_REFERRAL_QUEUE_URL"),
            advocate_assignment_queue_url: get("ADVOCATE_ASSIGNMENT_QUEUE_URL"),
            alert_sender: get("ALERT_SENDER_ADDRESS"),
            operator_alert_addresses: get("OPERATOR_ALERT_ADDRESSES")
                .split(',')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            police_referral_dlq_url: lookup("POLICE_REFERRAL_DLQ_URL"),
            advocate_assignment_dlq_url: lookup("ADVOCATE_ASSIGNMENT_DLQ_URL"),
        };
        if missing.is_empty() {
            Ok(settings)
        } else {
            Err(ConfigError::Missing(missing))
        }
    }

    pub fn queue_urls(&self) -> HashMap<Route, (String, Option<String>)> {
        HashMap::from([
            (Route::PoliceReferral, (self.police_referral_queue_url.clone(), self.police_referral_dlq_url.clone())),
            (
                Route::AdvocateAssignment,
                (self.advocate_assignment_queue_url.clone(), self.advocate_assignment_dlq_url.clone()),
            ),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_every_missing_variable() {
        let err = AwsSettings::from_lookup(|name| (name == "TABLE_NAME").then(|| "reports".to_string())).unwrap_err();
        assert_eq!(
            err,
            ConfigError::Missing(vec![
                "POLICE_REFERRAL_QUEUE_URL",
                "ADVOCATE_ASSIGNMENT_QUEUE_URL",
                "ALERT_SENDER_ADDRESS",
                "OPERATOR_ALERT_ADDRESSES"
            ])
        );
        assert!(err.to_string().contains("POLICE_REFERRAL_QUEUE_URL, ADVOCATE_ASSIGNMENT_QUEUE_URL"));
    }

    #[test]
    fn reads_a_complete_environment() {
        let settings = AwsSettings::from_lookup(|name| {
            Some(match name {
                "OPERATOR_ALERT_ADDRESSES" => "a@example.org, b@example.org".to_string(),
                "POLICE_REFERRAL_DLQ_URL" | "ADVOCATE_ASSIGNMENT_DLQ_URL" => return None,
                other => format!("value-of-{other}"),
            })
        })
        .unwrap();
        assert_eq!(settings.operator_alert_addresses, vec!["a@example.org", "b@example.org"]);
        assert_eq!(settings.table_name, "value-of-TABLE_NAME");
    }
}
