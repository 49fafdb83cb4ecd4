//! The lead's pages: a case's audit trail, the escalations, the caseload, and the months
//! awaiting publication. Each comes from a `Casework` use case that refuses anyone not a lead,
//! so an operator or advocate reaching one by URL gets "your role cannot do this".

use axum::extract::{Path, State};
use axum::response::Response;

use oys_shared::calendar::uk_time;
use oys_shared::oversight::ClockState;
use oys_shared::statistics::{Dimension, Outlook};
use oys_shared::Reference;

use super::pages::{no_case, refused, render, words, Chrome};
use super::{ConsoleState, SignedIn};

#[derive(askama::Template)]
#[template(path = "console/audit.html")]
struct AuditPage {
    chrome: Chrome,
    reference: String,
    /// (when, who, role, what)
    entries: Vec<(String, String, String, String)>,
    /// (when, to whom, what, under which consent, delivery)
    disclosures: Vec<(String, String, String, String, String)>,
}

/// What an audit action says, in words.
fn action_words(action: &str) -> String {
    match action {
        "read" => "Read the case".into(),
        "export" => "Exported everything held".into(),
        "erase" => "Erased the personal data".into(),
        "audit_read" => "Read the audit trail".into(),
        "report_taken" => "Took the report (phone or webchat)".into(),
        other => match other.strip_prefix("event:") {
            Some(event) => format!("Recorded: {}", words(event).to_lowercase()),
            None => words(other),
        },
    }
}

/// `GET /staff/cases/{reference}/audit`: who read, exported or disclosed what, and when.
pub(super) async fn audit_trail(
    State(state): State<ConsoleState>,
    signed_in: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    let now = state.casework.services.clock.now();
    let Some(reference) = Reference::parse(&raw) else {
        return no_case(&signed_in, now);
    };
    let trail = match state.casework.audit_trail(signed_in.caller(), &reference).await {
        Ok(trail) => trail,
        Err(error) => return refused(error, &signed_in, now),
    };
    let page = AuditPage {
        chrome: Chrome::signed_in(&format!("Audit trail of {reference}"), &signed_in, now),
        reference: reference.to_string(),
        entries: trail
            .reads_and_exports
            .iter()
            .rev()
            .map(|e| (uk_time(e.at), e.actor.clone(), words(e.role.as_str()), action_words(&e.action)))
            .collect(),
        disclosures: trail
            .disclosures
            .iter()
            .rev()
            .map(|d| {
                (
                    uk_time(d.at),
                    d.recipient.clone(),
                    d.detail.clone(),
                    d.consent.clone().unwrap_or_else(|| "Not recorded".into()),
                    words(d.delivery.as_str()),
                )
            })
            .collect(),
    };
    render(&page)
}

#[derive(askama::Template)]
#[template(path = "console/escalations.html")]
struct EscalationsPage {
    chrome: Chrome,
    /// (reference, what is overdue, whose, escalated at, clock wording)
    rows: Vec<(String, String, String, String, String)>,
    partial: bool,
}

/// The name of a partner organisation, or its id if it is not (or no longer) configured.
fn partner_name(state: &ConsoleState, id: &str) -> String {
    state.casework.partners.iter().find(|p| p.id == id).map_or_else(|| id.to_string(), |p| p.name.clone())
}

/// `GET /staff/escalations`: overdue clocks past their escalation time, longest overdue first.
pub(super) async fn escalations(State(state): State<ConsoleState>, signed_in: SignedIn) -> Response {
    let now = state.casework.services.clock.now();
    let oversight = match state.casework.oversight(signed_in.caller()).await {
        Ok(oversight) => oversight,
        Err(error) => return refused(error, &signed_in, now),
    };
    let rows = oversight
        .escalations
        .iter()
        .map(|e| {
            (
                e.reference.to_string(),
                words(e.kind.describe()),
                e.partner_id.as_deref().map_or_else(|| "The helpline".into(), |p| partner_name(&state, p)),
                uk_time(e.escalated_at),
                e.clock.wording.clone(),
            )
        })
        .collect();
    let page = EscalationsPage {
        chrome: Chrome::signed_in("Escalations", &signed_in, now),
        rows,
        partial: oversight.listed_limit_reached,
    };
    render(&page)
}

#[derive(askama::Template)]
#[template(path = "console/caseload.html")]
struct CaseloadPage {
    chrome: Chrome,
    clock_headings: Vec<&'static str>,
    /// (organisation, counts by clock state, total)
    partners: Vec<(String, Vec<usize>, usize)>,
    /// (state of the flow, what it waits for, count)
    statuses: Vec<(String, usize)>,
    open: usize,
    partial: bool,
}

/// `GET /staff/caseload`: open cases per partner by clock state, and per state of the flow.
pub(super) async fn caseload(State(state): State<ConsoleState>, signed_in: SignedIn) -> Response {
    let now = state.casework.services.clock.now();
    let oversight = match state.casework.oversight(signed_in.caller()).await {
        Ok(oversight) => oversight,
        Err(error) => return refused(error, &signed_in, now),
    };
    let load = oversight.caseload;
    let page = CaseloadPage {
        chrome: Chrome::signed_in("Caseload", &signed_in, now),
        clock_headings: ClockState::ALL.iter().map(|s| s.heading()).collect(),
        partners: load
            .by_partner
            .iter()
            .map(|line| {
                let name = line
                    .partner_id
                    .as_deref()
                    .map_or_else(|| "No organisation confirmed yet".into(), |p| partner_name(&state, p));
                (name, line.by_clock.to_vec(), line.total)
            })
            .collect(),
        statuses: load.by_status.iter().map(|(s, n)| (words(s.as_str()), *n)).collect(),
        open: load.open,
        partial: oversight.listed_limit_reached,
    };
    render(&page)
}

/// A figure as the preview shows it: never a count below the threshold.
struct FigureView {
    label: String,
    shown: String,
    /// `published`, `withheld` or `uncertain` (the tag's colour).
    outlook: &'static str,
}

fn figure(label: String, outlook: Outlook) -> FigureView {
    let (shown, class) = match outlook {
        Outlook::Published(count) => (format!("{count} (published within ±2)"), "published"),
        Outlook::Withheld => ("Withheld".to_string(), "withheld"),
        Outlook::DependsOnNoise => ("May be withheld: depends on the noise".to_string(), "uncertain"),
    };
    FigureView { label, shown, outlook: class }
}

struct MonthView {
    month: String,
    publishes_on: String,
    threshold: u64,
    totals: Vec<FigureView>,
    tables: Vec<(String, Vec<FigureView>)>,
}

#[derive(askama::Template)]
#[template(path = "console/statistics.html")]
struct StatisticsPage {
    chrome: Chrome,
    months: Vec<MonthView>,
}

fn dimension_heading(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::IncidentType => "Incident types",
        Dimension::Motivation => "Motivations",
        Dimension::Nation => "Nations",
        Dimension::Channel => "Channels",
    }
}

/// `GET /staff/statistics`: what the statistics page will show for each month not yet
/// published, and which figures will be withheld.
pub(super) async fn statistics(State(state): State<ConsoleState>, signed_in: SignedIn) -> Response {
    let now = state.casework.services.clock.now();
    let months = match state.casework.statistics_outlook(signed_in.caller()).await {
        Ok(months) => months,
        Err(error) => return refused(error, &signed_in, now),
    };
    let months = months
        .into_iter()
        .map(|(outlook, publishes_on)| MonthView {
            month: outlook.month.clone(),
            publishes_on,
            threshold: outlook.threshold,
            totals: vec![
                figure("Reports".into(), outlook.reports),
                figure("Referred to the police".into(), outlook.referred_to_police),
                figure("Asked for an advocate".into(), outlook.asked_for_advocate),
            ],
            tables: outlook
                .tables
                .iter()
                .map(|(dimension, cells)| {
                    let figures = cells.iter().map(|(category, o)| figure(words(category), *o)).collect();
                    (dimension_heading(*dimension).to_string(), figures)
                })
                .collect(),
        })
        .collect();
    render(&StatisticsPage { chrome: Chrome::signed_in("Statistics awaiting publication", &signed_in, now), months })
}
