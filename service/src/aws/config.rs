//! Configuration of the AWS functions, from environment variables set by the template.

use std::collections::HashMap;

use oys_shared::routing::Route;

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
    #[error("{0}")]
    Invalid(String),
}

/// The environment variables each function requires (the template must set them; the infra
/// test checks it). Optional ones: `RUST_LOG`, `*_DLQ_URL`.
pub const FUNCTION_ENVIRONMENT: &[(&str, &[&str])] = &[
    ("submit-report", &SUBMIT),
    ("police-referral", &["TABLE_NAME", "ALERT_SENDER_ADDRESS", "OPERATOR_ALERT_ADDRESSES", "POLICE_FORCE_MAILBOXES"]),
    ("advocate-assignment", &["TABLE_NAME", "ALERT_SENDER_ADDRESS", "OPERATOR_ALERT_ADDRESSES", "PARTNERS_JSON"]),
    (
        "operator-api",
        &[
            "TABLE_NAME",
            "POLICE_REFERRAL_QUEUE_URL",
            "ADVOCATE_ASSIGNMENT_QUEUE_URL",
            "ALERT_SENDER_ADDRESS",
            "OPERATOR_ALERT_ADDRESSES",
            "POLICE_FORCE_MAILBOXES",
            "RETENTION_DAYS",
            "CONTACT_RETENTION_DAYS",
            "PARTNERS_JSON",
        ],
    ),
    (
        "deadline-reminders",
        &[
            "TABLE_NAME",
            "POLICE_REFERRAL_QUEUE_URL",
            "ADVOCATE_ASSIGNMENT_QUEUE_URL",
            "ALERT_SENDER_ADDRESS",
            "OPERATOR_ALERT_ADDRESSES",
            "LEAD_ALERT_ADDRESSES",
        ],
    ),
    ("email-feedback", &["TABLE_NAME", "ALERT_SENDER_ADDRESS", "OPERATOR_ALERT_ADDRESSES"]),
];

const SUBMIT: [&str; 8] = [
    "TABLE_NAME",
    "POLICE_REFERRAL_QUEUE_URL",
    "ADVOCATE_ASSIGNMENT_QUEUE_URL",
    "ALERT_SENDER_ADDRESS",
    "OPERATOR_ALERT_ADDRESSES",
    // The origin of the report form CORS allows (the REST API passes the function's answers through).
    "FORM_ORIGIN",
    // Every report's personal data gets its expiry when it arrives.
    "RETENTION_DAYS",
    "CONTACT_RETENTION_DAYS",
];

/// Checks at start-up that every variable `function` requires is set, naming all missing ones.
pub fn require_environment(function: &str) -> Result<(), ConfigError> {
    let required =
        FUNCTION_ENVIRONMENT.iter().find(|(name, _)| *name == function).map(|(_, vars)| *vars).unwrap_or(&[]);
    let missing: Vec<&'static str> = required
        .iter()
        .copied()
        .filter(|var| std::env::var(var).map(|v| v.trim().is_empty()).unwrap_or(true))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ConfigError::Missing(missing))
    }
}

/// What every function needs: the table and where operator emails come from and go to.
#[derive(Debug, Clone, PartialEq)]
pub struct CommonSettings {
    pub table_name: String,
    pub alert_sender: String,
    pub operator_alert_addresses: Vec<String>,
}

/// Reads required variables, remembering every missing one so they are all named at once.
struct Required<'a, F: Fn(&str) -> Option<String>> {
    lookup: &'a F,
    missing: Vec<&'static str>,
}

impl<'a, F: Fn(&str) -> Option<String>> Required<'a, F> {
    fn new(lookup: &'a F) -> Self {
        Required { lookup, missing: Vec::new() }
    }

    fn get(&mut self, name: &'static str) -> String {
        let value = (self.lookup)(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        if value.is_none() {
            self.missing.push(name);
        }
        value.unwrap_or_default()
    }

    fn list(&mut self, name: &'static str) -> Vec<String> {
        self.get(name).split(',').map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect()
    }

    fn finish<T>(self, value: T) -> Result<T, ConfigError> {
        if self.missing.is_empty() {
            Ok(value)
        } else {
            Err(ConfigError::Missing(self.missing))
        }
    }
}

/// `LEAD_ALERT_ADDRESSES`: escalations go there. An empty list is refused at start-up: the job
/// would otherwise escalate to nobody, and an overdue report would go unnoticed.
pub fn lead_addresses(value: Option<&str>) -> Result<Vec<String>, ConfigError> {
    let value = value.ok_or(ConfigError::Missing(vec!["LEAD_ALERT_ADDRESSES"]))?;
    let addresses: Vec<String> = value.split(',').map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect();
    if addresses.is_empty() {
        return Err(ConfigError::Invalid(
            "LEAD_ALERT_ADDRESSES names no address: escalations would reach nobody".into(),
        ));
    }
    if let Some(bad) = addresses.iter().find(|a| oys_shared::fields::EmailAddress::parse(a).is_err()) {
        return Err(ConfigError::Invalid(format!("LEAD_ALERT_ADDRESSES: `{bad}` is not an email address")));
    }
    Ok(addresses)
}

impl CommonSettings {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut env = Required::new(&lookup);
        let settings = CommonSettings {
            table_name: env.get("TABLE_NAME"),
            alert_sender: env.get("ALERT_SENDER_ADDRESS"),
            operator_alert_addresses: env.list("OPERATOR_ALERT_ADDRESSES"),
        };
        env.finish(settings)
    }
}

impl AwsSettings {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads every variable and names all the missing ones at once.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut env = Required::new(&lookup);
        let settings = AwsSettings {
            table_name: env.get("TABLE_NAME"),
            police_referral_queue_url: env.get("POLICE_REFERRAL_QUEUE_URL"),
            advocate_assignment_queue_url: env.get("ADVOCATE_ASSIGNMENT_QUEUE_URL"),
            alert_sender: env.get("ALERT_SENDER_ADDRESS"),
            operator_alert_addresses: env.list("OPERATOR_ALERT_ADDRESSES"),
            police_referral_dlq_url: lookup("POLICE_REFERRAL_DLQ_URL"),
            advocate_assignment_dlq_url: lookup("ADVOCATE_ASSIGNMENT_DLQ_URL"),
        };
        env.finish(settings)
    }

    pub fn common(&self) -> CommonSettings {
        CommonSettings {
            table_name: self.table_name.clone(),
            alert_sender: self.alert_sender.clone(),
            operator_alert_addresses: self.operator_alert_addresses.clone(),
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
    fn an_empty_lead_list_is_refused() {
        assert_eq!(lead_addresses(Some("a@example.org, b@example.org")).unwrap().len(), 2);
        assert!(matches!(lead_addresses(Some(" , ")), Err(ConfigError::Invalid(_))));
        assert!(matches!(lead_addresses(Some("")), Err(ConfigError::Invalid(_))));
        assert!(matches!(lead_addresses(None), Err(ConfigError::Missing(_))));
        assert!(matches!(lead_addresses(Some("leads")), Err(ConfigError::Invalid(_))));
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
