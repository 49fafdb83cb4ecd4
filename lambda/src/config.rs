//! What each Lambda function reads from its environment, as types (clap's `env`): a missing
//! variable is named with every other missing one in a single error, an invalid one with why.
//! The template sets exactly these (`tests/all/infra.rs` reads them from here).

use std::collections::HashMap;

use clap::builder::NonEmptyStringValueParser;
use clap::{Args, CommandFactory, Parser};
use oys_aws::{address_list, AddressList, AlertConfig, QueueConfig, StoreConfig};
use oys_shared::advocate::Partner;
use oys_shared::casework::RetentionPolicy;

/// Days personal data is kept after the last thing done on a case (nothing is kept forever).
#[derive(Debug, Clone, Args)]
pub struct RetentionConfig {
    /// Contact details.
    #[arg(long, env = "CONTACT_RETENTION_DAYS")]
    pub contact_retention_days: u32,
    /// The narrative and the words of notes (no shorter than the contact details').
    #[arg(long, env = "RETENTION_DAYS")]
    pub retention_days: u32,
}

impl RetentionConfig {
    pub fn policy(&self) -> Result<RetentionPolicy, String> {
        RetentionPolicy::new(self.contact_retention_days, self.retention_days)
            .map_err(|e| format!("CONTACT_RETENTION_DAYS / RETENTION_DAYS: {e}"))
    }
}

/// `submit-report`: the public form's endpoint.
#[derive(Debug, Clone, Parser)]
#[command(name = "submit-report")]
pub struct SubmitReportConfig {
    /// The only AWS service it calls: a report or a follow-up is one write (with its outbox
    /// row); the messages and emails it owes are the outbox dispatcher's.
    #[command(flatten)]
    pub store: StoreConfig,
    #[command(flatten)]
    pub retention: RetentionConfig,
    /// The report form's origin, which CORS lets call the API from a browser.
    #[arg(long, env = "FORM_ORIGIN", value_parser = NonEmptyStringValueParser::new())]
    pub form_origin: String,
}

#[cfg(feature = "staff")]
/// `operator-api`: casework for staff (operators also take reports by phone and webchat).
#[derive(Debug, Clone, Parser)]
#[command(name = "operator-api")]
pub struct OperatorApiConfig {
    #[command(flatten)]
    pub store: StoreConfig,
    #[command(flatten)]
    pub retention: RetentionConfig,
    #[command(flatten)]
    pub police: PoliceConfig,
    #[command(flatten)]
    pub partners: PartnerConfig,
    /// Comma-separated CIDR blocks operator requests may come from; `0.0.0.0/0,::/0` for any.
    #[arg(long, env = "OPERATOR_ALLOWED_CIDRS", value_parser = allowed_sources)]
    pub operator_allowed_cidrs: oys_web::allowed_sources::AllowedSources,
    #[command(flatten)]
    pub console: ConsoleConfig,
}

#[cfg(feature = "staff")]
fn allowed_sources(list: &str) -> Result<oys_web::allowed_sources::AllowedSources, String> {
    oys_web::allowed_sources::AllowedSources::parse(list)
}

/// `police-referral`: the police-referral queue's worker.
#[derive(Debug, Clone, Parser)]
#[command(name = "police-referral")]
pub struct PoliceReferralConfig {
    #[command(flatten)]
    pub store: StoreConfig,
    #[command(flatten)]
    pub alerts: AlertConfig,
    #[command(flatten)]
    pub police: PoliceConfig,
}

/// `advocate-assignment`: the advocate-assignment queue's worker.
#[derive(Debug, Clone, Parser)]
#[command(name = "advocate-assignment")]
pub struct AdvocateAssignmentConfig {
    #[command(flatten)]
    pub store: StoreConfig,
    #[command(flatten)]
    pub alerts: AlertConfig,
    #[command(flatten)]
    pub partners: PartnerConfig,
}

/// `deadline-reminders`: the scheduled job (reminders, the routing sweeper, the retention purge,
/// the statistics publication).
#[derive(Debug, Clone, Parser)]
#[command(name = "deadline-reminders")]
pub struct DeadlineRemindersConfig {
    #[command(flatten)]
    pub store: StoreConfig,
    #[command(flatten)]
    pub alerts: AlertConfig,
    /// The sweeper sends routing messages a request could not.
    #[command(flatten)]
    pub queues: QueueConfig,
    /// Escalations go here; an empty list is refused (an overdue report would reach nobody).
    #[arg(long, env = "LEAD_ALERT_ADDRESSES", value_parser = address_list)]
    pub lead_alert_addresses: AddressList,
}

/// `outbox-dispatcher`: on the table's stream, sends what each new outbox row's report owes
/// (the routing messages, the operators' alerts).
#[derive(Debug, Clone, Parser)]
#[command(name = "outbox-dispatcher")]
pub struct OutboxDispatcherConfig {
    #[command(flatten)]
    pub store: StoreConfig,
    #[command(flatten)]
    pub alerts: AlertConfig,
    #[command(flatten)]
    pub queues: QueueConfig,
    /// Who a case's handoff goes to.
    #[command(flatten)]
    pub partners: PartnerConfig,
}

/// `email-feedback`: SES bounces, complaints and rejections, from SNS.
#[derive(Debug, Clone, Parser)]
#[command(name = "email-feedback")]
pub struct EmailFeedbackConfig {
    #[command(flatten)]
    pub store: StoreConfig,
    #[command(flatten)]
    pub alerts: AlertConfig,
}

/// The local runner on the AWS adapters (`--backend aws` without `--create-aws-resources`):
/// the resources the functions would use.
#[derive(Debug, Clone, Parser)]
#[command(name = "on-your-side --backend aws")]
pub struct AwsBackendConfig {
    #[command(flatten)]
    pub store: StoreConfig,
    #[command(flatten)]
    pub alerts: AlertConfig,
    #[command(flatten)]
    pub queues: QueueConfig,
}

/// Each force's referral mailbox.
#[derive(Debug, Clone, Args)]
pub struct PoliceConfig {
    /// A JSON object of force id → referral mailbox; a force without one is left to an operator.
    #[arg(long, env = "POLICE_FORCE_MAILBOXES", value_parser = force_mailboxes)]
    pub police_force_mailboxes: ForceMailboxes,
}

/// The partner organisations advocates work for.
#[derive(Debug, Clone, Args)]
pub struct PartnerConfig {
    /// The partner list as JSON (`config/partners.json` shows the shape); the examples are refused.
    #[arg(long, env = "PARTNERS_JSON", value_parser = production_partners)]
    pub partners_json: Partners,
}

/// Force id → referral mailbox.
#[derive(Debug, Clone, PartialEq)]
pub struct ForceMailboxes(pub HashMap<String, String>);

#[derive(Debug, Clone)]
pub struct Partners(pub Vec<Partner>);

fn force_mailboxes(json: &str) -> Result<ForceMailboxes, String> {
    oys_shared::police::parse_force_mailboxes(json).map(ForceMailboxes)
}

fn production_partners(json: &str) -> Result<Partners, String> {
    oys_shared::advocate::parse_production_partners(json).map(Partners)
}

/// Reads a function's configuration from the process environment (never its arguments: Lambda
/// passes none). The error names every missing variable, or the first invalid one and why.
pub fn from_env<C: Parser>() -> Result<C, ConfigError> {
    let name = C::command().get_name().to_string();
    C::try_parse_from([name]).map_err(|error| ConfigError(describe(&error)))
}

/// clap's error in the environment's terms: variable names, not the flags clap derives from them.
fn describe(error: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    // clap names an argument `--table-name <TABLE_NAME>`: the variable is in the brackets.
    let variable = |arg: &str| arg.split_once('<').and_then(|(_, v)| v.strip_suffix('>')).unwrap_or(arg).to_string();
    let variables: Vec<String> = match error.get(ContextKind::InvalidArg) {
        Some(ContextValue::Strings(args)) => args.iter().map(|a| variable(a)).collect(),
        Some(ContextValue::String(arg)) => vec![variable(arg)],
        _ => Vec::new(),
    };
    match error.kind() {
        ErrorKind::MissingRequiredArgument => format!("missing environment variables: {}", variables.join(", ")),
        ErrorKind::ValueValidation | ErrorKind::InvalidValue => {
            let why = std::error::Error::source(error).map(|e| e.to_string()).unwrap_or_else(|| "empty".into());
            format!("invalid environment variable {}: {why}", variables.join(", "))
        }
        _ => error.render().to_string(),
    }
}

/// What is wrong with a function's environment, in clap's words (which name the variables).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

/// The environment variables each function requires, from the configuration types above: the
/// template must set them, and nothing else (the infra test checks both).
pub fn function_environment() -> Vec<(String, Vec<String>)> {
    fn required<C: CommandFactory>() -> (String, Vec<String>) {
        let command = C::command();
        let vars = command
            .get_arguments()
            .filter(|arg| arg.is_required_set())
            .filter_map(|arg| arg.get_env().map(|env| env.to_string_lossy().into_owned()))
            .collect();
        (command.get_name().to_string(), vars)
    }
    #[cfg_attr(not(feature = "staff"), allow(unused_mut))] // the operator API is added below
    let mut environment = vec![
        required::<SubmitReportConfig>(),
        required::<PoliceReferralConfig>(),
        required::<AdvocateAssignmentConfig>(),
        required::<DeadlineRemindersConfig>(),
        required::<OutboxDispatcherConfig>(),
        required::<EmailFeedbackConfig>(),
        // Cognito's trigger reads no environment.
        ("pre-token-generation".to_string(), Vec::new()),
    ];
    #[cfg(feature = "staff")]
    environment.insert(1, required::<OperatorApiConfig>());
    environment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_variables_not_the_flags_clap_derives() {
        let missing = EmailFeedbackConfig::try_parse_from(["email-feedback", "--table-name", "reports"]).unwrap_err();
        assert_eq!(
            describe(&missing),
            "missing environment variables: ALERT_SENDER_ADDRESS, OPERATOR_ALERT_ADDRESSES",
            "every missing one at once"
        );
        let args = ["email-feedback", "--table-name", "", "--alert-sender-address", "a@example.org"];
        let empty =
            EmailFeedbackConfig::try_parse_from(args.iter().chain(&["--operator-alert-addresses", "b@example.org"]))
                .unwrap_err();
        assert!(describe(&empty).starts_with("invalid environment variable TABLE_NAME"), "{}", describe(&empty));
        let args = ["email-feedback", "--table-name", "t", "--alert-sender-address", "a@example.org"];
        let nobody =
            EmailFeedbackConfig::try_parse_from(args.iter().chain(&["--operator-alert-addresses", "SECRET-ish"]))
                .unwrap_err();
        assert_eq!(
            describe(&nobody),
            "invalid environment variable OPERATOR_ALERT_ADDRESSES: `SECRET-ish` is not an email address"
        );
    }

    #[test]
    fn every_function_requires_its_table_and_alert_addresses() {
        let environment = function_environment();
        assert_eq!(environment.len(), if cfg!(feature = "staff") { 8 } else { 7 });
        for (function, vars) in environment.iter().filter(|(f, _)| f != "pre-token-generation") {
            assert!(vars.iter().any(|v| v == "TABLE_NAME"), "{function} lacks TABLE_NAME");
            // submit-report sends nothing (its one call is the report's transaction), nor does
            // operator-api: what either owes is the outbox dispatcher's.
            let sends = !["submit-report", "operator-api"].contains(&function.as_str());
            for var in ["ALERT_SENDER_ADDRESS", "OPERATOR_ALERT_ADDRESSES", "POLICE_REFERRAL_QUEUE_URL"] {
                // Only the dispatcher and the sweeper (the scheduled job) send routing messages.
                let sends_messages = ["outbox-dispatcher", "deadline-reminders"].contains(&function.as_str());
                let needed = sends && (var != "POLICE_REFERRAL_QUEUE_URL" || sends_messages);
                if needed {
                    assert!(vars.iter().any(|v| v == var), "{function} lacks {var}");
                } else if !sends {
                    assert!(!vars.iter().any(|v| v == var), "{function} needs no {var}");
                }
            }
            assert!(!vars.iter().any(|v| v.ends_with("_DLQ_URL")), "dead-letter queue URLs are optional");
        }
        let submit = &environment.iter().find(|(f, _)| f == "submit-report").unwrap().1;
        assert!(submit.iter().any(|v| v == "RETENTION_DAYS") && submit.iter().any(|v| v == "FORM_ORIGIN"));
    }
}

#[cfg(feature = "staff")]
/// The staff console's sign-in (Cognito managed login). All four, or none: without them the
/// console's pages say it is not set up, and the API works as before.
#[derive(Debug, Clone, clap::Args)]
pub struct ConsoleConfig {
    /// The console's own origin, e.g. the operator API's URL (`StaffConsoleUrl`).
    #[arg(long, env = "CONSOLE_URL")]
    pub console_url: Option<String>,
    /// The ID tokens' issuer: `https://cognito-idp.<region>.amazonaws.com/<pool id>`.
    #[arg(long, env = "CONSOLE_ISSUER")]
    pub console_issuer: Option<String>,
    /// The console's app client.
    #[arg(long, env = "CONSOLE_CLIENT_ID")]
    pub console_client_id: Option<String>,
    /// Managed login's base URL: `https://<prefix>.auth.<region>.amazoncognito.com`.
    #[arg(long, env = "CONSOLE_LOGIN_URL")]
    pub console_login_url: Option<String>,
}

#[cfg(feature = "staff")]
impl ConsoleConfig {
    /// The console's sign-in, `Off` when none of it is set; an error when only part is.
    pub fn sign_in(&self) -> Result<oys_web::ConsoleSignIn, String> {
        let parts = [&self.console_url, &self.console_issuer, &self.console_client_id, &self.console_login_url];
        let given = parts.iter().filter(|p| p.as_deref().is_some_and(|v| !v.is_empty())).count();
        if given == 0 {
            return Ok(oys_web::ConsoleSignIn::Off);
        }
        if given < parts.len() {
            return Err("CONSOLE_URL, CONSOLE_ISSUER, CONSOLE_CLIENT_ID and CONSOLE_LOGIN_URL go together".into());
        }
        let value = |v: &Option<String>| v.clone().unwrap_or_default();
        let settings = oys_web::OidcSettings {
            issuer: value(&self.console_issuer),
            client_id: value(&self.console_client_id),
            login_url: value(&self.console_login_url),
            console_url: value(&self.console_url),
        };
        let client = oys_web::OidcClient::new(settings)?;
        Ok(oys_web::ConsoleSignIn::Oidc(std::sync::Arc::new(client)))
    }
}
