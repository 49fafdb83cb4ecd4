//! The console's pages: the work queue, the case page, the actions' forms and what follows
//! them. Each reads or changes a case only through `Casework`, as the API does.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::{json, Value};

use oys_shared::calendar::uk_time;
use oys_shared::case_history::EventRecord;
use oys_shared::case_record::ContactDetails;
use oys_shared::casework::{parse_event, CallOutcome, CaseEvent, CaseStatus, StaffRole};
use oys_shared::geography::{self, Nation};
use oys_shared::report::{Channel, IncidentType, PRIVACY_NOTICE_VERSION};
use oys_shared::staff_session::WARN_BEFORE;
use oys_shared::work_queue::{by_urgency, clock, QueueRow};
use oys_shared::{ErrorCode, FieldError, Reference};

use super::{query_param, ConsoleState, FormFields, SignedIn, SCRIPT, STYLES};
use oys_application::casework::{CaseDetail, CaseError, CaseLine, CaseView};
use oys_application::referral::{PoliceReferrals, Prepared};

/// What every console page carries: its title, the assets, and who is signed in.
pub(super) struct Chrome {
    pub title: String,
    pub styles: &'static str,
    pub script: &'static str,
    pub staff: Option<StaffBar>,
}

/// The signed-in bar: who, in what role, sign-out, and the idle warning's timings.
pub(super) struct StaffBar {
    pub user: String,
    pub role: &'static str,
    pub csrf: String,
    pub operator: bool,
    pub lead: bool,
    pub idle_seconds: i64,
    pub warn_seconds: i64,
}

impl Chrome {
    pub fn signed_out(title: &str) -> Chrome {
        Chrome { title: title.to_string(), styles: STYLES.name(), script: SCRIPT.name(), staff: None }
    }

    pub(super) fn signed_in(title: &str, signed_in: &SignedIn, now: jiff::Timestamp) -> Chrome {
        let session = &signed_in.session;
        let caller = &session.caller;
        Chrome {
            staff: Some(StaffBar {
                user: caller.user.clone(),
                role: caller.main_role().as_str(),
                csrf: session.anti_forgery.clone(),
                operator: caller.is_operator(),
                lead: caller.is_lead(),
                idle_seconds: session.seconds_left(now),
                warn_seconds: WARN_BEFORE.as_secs(),
            }),
            ..Chrome::signed_out(title)
        }
    }
}

pub(super) fn render(page: &impl askama::Template) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!(%error, "console page did not render");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[derive(askama::Template)]
#[template(path = "console/notice.html")]
struct Notice {
    chrome: Chrome,
    heading: String,
    lines: Vec<String>,
    link: Option<(String, String)>,
}

pub(super) fn notice(
    chrome: Chrome,
    status: StatusCode,
    heading: &str,
    line: &str,
    link: Option<(&str, &str)>,
) -> Response {
    let page = Notice {
        heading: heading.to_string(),
        chrome,
        lines: vec![line.to_string()],
        link: link.map(|(a, b)| (a.to_string(), b.to_string())),
    };
    (status, render(&page)).into_response()
}

pub(super) fn unavailable() -> Response {
    let response = notice(
        Chrome::signed_out("Service unavailable"),
        StatusCode::SERVICE_UNAVAILABLE,
        "Sorry, the service is unavailable",
        "Nothing was changed. Try again in a minute.",
        None,
    );
    crate::retry_after(response, crate::UNAVAILABLE_RETRY_SECONDS)
}

/// A form without the session's anti-forgery token: refused, nothing changed.
pub(super) fn forged() -> Response {
    notice(
        Chrome::signed_out("Not sent"),
        StatusCode::FORBIDDEN,
        "This form could not be accepted",
        "Nothing was changed. Go back, reload the page and try again.",
        Some(("/staff/queue", "Go to the work queue")),
    )
}

/// Any other console URL: sign-in first, then "not found".
pub(super) async fn unknown_page(_signed_in: SignedIn) -> Response {
    not_found().await
}

pub(super) async fn not_found() -> Response {
    notice(
        Chrome::signed_out("Page not found"),
        StatusCode::NOT_FOUND,
        "Page not found",
        "Check the address, or go back to the work queue.",
        Some(("/staff/queue", "Go to the work queue")),
    )
}

/// A page for a case the caller cannot see: the same whether or not it exists.
pub(super) fn no_case(signed_in: &SignedIn, now: jiff::Timestamp) -> Response {
    notice(
        Chrome::signed_in("Case not found", signed_in, now),
        StatusCode::NOT_FOUND,
        "Case not found",
        "There is no case with this reference that you can see.",
        Some(("/staff/queue", "Go to the work queue")),
    )
}

pub(super) fn refused(error: CaseError, signed_in: &SignedIn, now: jiff::Timestamp) -> Response {
    match error {
        CaseError::NotFound => no_case(signed_in, now),
        CaseError::Forbidden | CaseError::Unauthenticated => notice(
            Chrome::signed_in("Not allowed", signed_in, now),
            StatusCode::FORBIDDEN,
            "Your role cannot do this",
            "Ask a helpline operator or lead.",
            Some(("/staff/queue", "Go to the work queue")),
        ),
        CaseError::Port(error) => {
            tracing::error!(%error, "{}", oys_application::telemetry::failures::OPERATOR_REQUEST_FAILED);
            unavailable()
        }
        CaseError::Invalid(_) | CaseError::ErasureIncomplete(_) => unavailable(),
    }
}

/// Words for a stable value: `verbal_abuse` → "verbal abuse".
pub(super) fn words(value: &str) -> String {
    let spaced = value.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

fn yes_no(value: Option<bool>) -> String {
    match value {
        Some(true) => "Yes".into(),
        Some(false) => "No".into(),
        None => "Not said".into(),
    }
}

// ---- the work queue ---------------------------------------------------------------------------

pub(super) struct RowView {
    reference: String,
    received: String,
    /// When consent to share with the advocate's organisation was recorded (their list).
    shared: String,
    categories: String,
    channel: String,
    status: String,
    clock: Option<(String, bool)>,
    /// The reporter is not sure yet about the police and asked to talk it through.
    police_undecided: bool,
}

impl RowView {
    fn of(row: &QueueRow) -> RowView {
        let l = &row.listing;
        RowView {
            reference: l.reference.to_string(),
            received: uk_time(l.received_at),
            shared: l.shared_at.map(uk_time).unwrap_or_default(),
            categories: l.incident_types.iter().map(|t| words(t.as_str())).collect::<Vec<_>>().join(", "),
            channel: words(l.channel.as_str()),
            status: words(l.status.as_str()),
            clock: row.clock.as_ref().map(|c| (c.wording.clone(), c.overdue)),
            police_undecided: l.police_undecided,
        }
    }

    /// A line of a case list: an advocate's holds no categories or channel, and shows none.
    fn of_line(line: &CaseLine, now: jiff::Timestamp) -> RowView {
        match line {
            CaseLine::Staff(listing) => RowView::of(&QueueRow {
                clock: listing.next_due_at.map(|due| clock(due, now)),
                listing: listing.clone(),
            }),
            CaseLine::Advocate(a) => RowView {
                reference: a.reference.to_string(),
                received: uk_time(a.received_at),
                shared: a.shared_at.map(uk_time).unwrap_or_default(),
                categories: String::new(),
                channel: String::new(),
                status: words(a.status.as_str()),
                clock: a.next_due_at.map(|due| clock(due, now)).map(|c| (c.wording, c.overdue)),
                police_undecided: false,
            },
        }
    }
}

/// When a listed case was received, and when its next clock is due.
fn times(line: &CaseLine) -> (jiff::Timestamp, Option<jiff::Timestamp>) {
    match line {
        CaseLine::Staff(l) => (l.received_at, l.next_due_at),
        CaseLine::Advocate(a) => (a.received_at, a.next_due_at),
    }
}

pub(super) struct SectionView {
    id: &'static str,
    heading: &'static str,
    rows: Vec<RowView>,
}

/// A `<select>` option.
pub(super) struct Choice {
    value: String,
    label: String,
    hint: String,
    checked: bool,
}

impl Choice {
    fn new(value: &str, label: &str, current: &str) -> Choice {
        Choice { value: value.into(), label: label.into(), hint: String::new(), checked: value == current }
    }
}

pub(super) struct Filters {
    /// (name, label, options) of each `<select>`.
    selects: Vec<(&'static str, &'static str, Vec<Choice>)>,
    due_before: String,
    /// Field → message.
    errors: Vec<(String, String)>,
    any: bool,
}

#[derive(askama::Template)]
#[template(path = "console/queue.html")]
struct QueuePage {
    chrome: Chrome,
    filters: Filters,
    sections: Vec<SectionView>,
    /// With a filter: the matching cases, a page of them.
    matching: Option<Vec<RowView>>,
    total: usize,
    page: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
    advocate: bool,
}

const PAGE_SIZE: usize = 50;

/// The queue's filters as given: each value checked, errors said of the filter's own field.
struct FilterQuery {
    status: Option<CaseStatus>,
    due_before: Option<jiff::Timestamp>,
    nation: Option<Nation>,
    channel: Option<Channel>,
    incident_type: Option<IncidentType>,
    sort: String,
    page: usize,
    raw: Vec<(String, String)>,
    errors: Vec<(String, String)>,
}

fn filter_query(query: Option<&str>) -> FilterQuery {
    let mut f = FilterQuery {
        status: None,
        due_before: None,
        nation: None,
        channel: None,
        incident_type: None,
        sort: "due".into(),
        page: 1,
        raw: vec![],
        errors: vec![],
    };
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        let (key, value) = (key.into_owned(), value.trim().to_string());
        if value.is_empty() {
            continue;
        }
        let mut bad = |message: &str| f.errors.push((key.clone(), message.to_string()));
        match key.as_str() {
            "status" => f.status = CaseStatus::parse(&value).or_else(|| (bad("Choose a status from the list"), None).1),
            "due_before" => {
                f.due_before = oys_shared::calendar::uk_time_or_date(&value)
                    .or_else(|| (bad("Enter a date, for example 2026-12-31"), None).1)
            }
            "nation" => f.nation = Nation::parse(&value).or_else(|| (bad("Choose a nation from the list"), None).1),
            "channel" => f.channel = Channel::parse(&value).or_else(|| (bad("Choose a channel from the list"), None).1),
            "incident_type" => {
                f.incident_type =
                    IncidentType::parse(&value).or_else(|| (bad("Choose an incident type from the list"), None).1)
            }
            "sort" if ["due", "newest", "oldest"].contains(&value.as_str()) => f.sort = value.clone(),
            "sort" => bad("Choose how to sort from the list"),
            "page" => f.page = value.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
            _ => continue,
        }
        if key != "page" {
            f.raw.push((key, value));
        }
    }
    f
}

fn choices<T: Copy>(all: &[T], as_str: fn(T) -> &'static str, current: Option<T>) -> Vec<Choice> {
    let current = current.map(as_str).unwrap_or_default();
    std::iter::once(Choice::new("", "Any", current))
        .chain(all.iter().map(|v| Choice::new(as_str(*v), &words(as_str(*v)), current)))
        .collect()
}

/// `GET /staff/queue`: what is waiting, by section; or, with filters, the matching cases.
pub(super) async fn queue(
    State(state): State<ConsoleState>,
    signed_in: SignedIn,
    RawQuery(query): RawQuery,
) -> Response {
    let casework = &state.casework;
    let now = casework.services.clock.now();
    let caller = signed_in.caller();
    let f = filter_query(query.as_deref());
    let advocate = !caller.is_operator();
    let filters = Filters {
        selects: vec![
            ("status", "Status", choices(CaseStatus::ALL, CaseStatus::as_str, f.status)),
            ("nation", "Nation", choices(Nation::ALL, Nation::as_str, f.nation)),
            ("channel", "Channel", choices(Channel::ALL, Channel::as_str, f.channel)),
            ("incident_type", "Incident type", choices(IncidentType::ALL, IncidentType::as_str, f.incident_type)),
            (
                "sort",
                "Sort by",
                [("due", "Due soonest"), ("newest", "Newest first"), ("oldest", "Oldest first")]
                    .iter()
                    .map(|(v, l)| Choice::new(v, l, &f.sort))
                    .collect(),
            ),
        ],
        due_before: f.raw.iter().find(|(k, _)| k == "due_before").map(|(_, v)| v.clone()).unwrap_or_default(),
        errors: f.errors.clone(),
        any: !f.raw.is_empty(),
    };
    // An advocate's list holds no nation, channel or incident type: no filter on them either.
    let mut filters = filters;
    if advocate {
        filters.selects.retain(|(name, _, _)| ["status", "sort"].contains(name));
    }
    let mut page = QueuePage {
        chrome: Chrome::signed_in("Work queue", &signed_in, now),
        filters,
        sections: vec![],
        matching: None,
        total: 0,
        page: f.page,
        pages: 1,
        previous: None,
        next: None,
        advocate: !caller.is_operator(),
    };
    if !f.errors.is_empty() {
        page.chrome.title = "Error: Work queue".into();
        return (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response();
    }
    if f.raw.is_empty() && caller.is_operator() {
        match casework.work_queue(caller).await {
            Ok(sections) => {
                page.sections = sections
                    .iter()
                    .map(|(section, rows)| SectionView {
                        id: section.as_str(),
                        heading: section.heading(),
                        rows: rows.iter().map(RowView::of).collect(),
                    })
                    .collect();
                return render(&page);
            }
            Err(error) => return refused(error, &signed_in, now),
        }
    }
    let lines = match casework.list(caller, f.status, f.due_before).await {
        Ok(lines) => lines,
        Err(error) => return refused(error, &signed_in, now),
    };
    let mut lines: Vec<CaseLine> = lines
        .into_iter()
        .filter(|line| match line {
            CaseLine::Staff(l) => {
                f.nation.is_none_or(|n| l.nation == n)
                    && f.channel.is_none_or(|c| l.channel == c)
                    && f.incident_type.is_none_or(|t| l.incident_types.contains(&t))
            }
            // An advocate's lines hold none of these: any of them asked for matches none.
            CaseLine::Advocate(_) => f.nation.is_none() && f.channel.is_none() && f.incident_type.is_none(),
        })
        .collect();
    match f.sort.as_str() {
        "newest" => lines.sort_by_key(|line| std::cmp::Reverse(times(line).0)),
        "oldest" => lines.sort_by_key(|line| times(line).0),
        _ => lines.sort_by_key(|line| {
            let (received, due) = times(line);
            by_urgency(due, received)
        }),
    }
    page.total = lines.len();
    page.pages = lines.len().div_ceil(PAGE_SIZE).max(1);
    page.page = f.page.min(page.pages);
    let link = |n: usize| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &f.raw {
            query.append_pair(k, v);
        }
        query.append_pair("page", &n.to_string());
        format!("/staff/queue?{}", query.finish())
    };
    page.previous = (page.page > 1).then(|| link(page.page - 1));
    page.next = (page.page < page.pages).then(|| link(page.page + 1));
    page.matching = Some(
        lines
            .iter()
            .skip((page.page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .map(|line| RowView::of_line(line, now))
            .collect(),
    );
    render(&page)
}

// ---- the case page ------------------------------------------------------------------------------

pub(super) struct Card {
    heading: &'static str,
    rows: Vec<(String, String)>,
}

pub(super) struct EventView {
    at: String,
    by: String,
    role: String,
    what: String,
    details: Vec<(String, String)>,
    reporters: bool,
}

impl EventView {
    fn of(record: &EventRecord) -> EventView {
        let mut details = vec![];
        if let Value::Object(fields) = serde_json::to_value(&record.event).unwrap_or_default() {
            for (key, value) in fields {
                if key == "type" {
                    continue;
                }
                let shown = match (key.as_str(), &value) {
                    ("text" | "reason", Value::String(s)) => s.clone(),
                    ("partner_id", Value::String(s)) => s.clone(),
                    ("force", Value::String(s)) => geography::force_name(s).to_string(),
                    (_, Value::String(s)) => words(s),
                    (_, other) => other.to_string(),
                };
                details.push((words(&key), shown));
            }
        }
        EventView {
            at: uk_time(record.at),
            by: record.by.clone(),
            role: words(record.role.as_str()),
            what: words(record.event.kind()),
            details,
            reporters: record.role == StaffRole::Reporter,
        }
    }
}

#[derive(askama::Template)]
#[template(path = "console/case.html")]
struct CasePage {
    chrome: Chrome,
    reference: String,
    status: String,
    received: String,
    channel: String,
    clocks: Vec<(String, String, bool)>,
    contact: Option<Card>,
    contact_erased: bool,
    cards: Vec<Card>,
    description: Option<String>,
    proposal: Vec<(String, String, String, Vec<String>)>,
    events: Vec<EventView>,
    actions: Vec<(&'static str, &'static str)>,
    risky: Vec<(&'static str, &'static str)>,
    done: Option<String>,
    advocate: bool,
    just_taken: Option<JustTaken>,
    /// Leads read the case's audit trail from it.
    lead: bool,
}

/// The actions an operator may take from the case page: (path, label).
const ACTIONS: &[(&str, &str)] = &[
    ("call", "Record a call"),
    ("assign", "Confirm the advocate's organisation"),
    ("consent", "Record consent to share"),
    ("force", "Choose the police force"),
    ("release", "Review and release the police referral"),
    ("police-decision", "Record the reporter's police decision"),
    ("confirm-phone", "Confirm the reporter's new phone"),
    ("note", "Add a note"),
];
/// Actions that withdraw, close or erase: set apart, each confirmed on its own page.
const RISKY_ACTIONS: &[(&str, &str)] = &[
    ("withdraw-consent", "Record consent withdrawn"),
    ("close", "Close the case"),
    ("withdraw", "Withdraw as a duplicate or spam"),
    ("erase", "Erase the personal data"),
];
const ADVOCATE_ACTIONS: &[(&str, &str)] = &[("contact", "Record first contact made"), ("note", "Add a note")];

/// How and when the reporter may safely be reached, as every view of a case shows it first.
fn contact_rows(contact: &ContactDetails) -> Vec<(String, String)> {
    vec![
        ("How to contact".to_string(), contact.preferred_method.map_or("Not said".into(), |m| words(m.as_str()))),
        ("Voicemail allowed".to_string(), yes_no(contact.safe_to_leave_voicemail)),
        ("Safe times".to_string(), contact.safe_times.clone().unwrap_or_else(|| "Not said".into())),
        ("Phone".to_string(), contact.phone.as_ref().map_or("Not given".into(), |p| p.as_str().to_string())),
        ("Email".to_string(), contact.email.as_ref().map_or("Not given".into(), |e| e.as_str().to_string())),
        ("Name".to_string(), contact.name.clone().unwrap_or_else(|| "Not given".into())),
    ]
}

fn contact_card(view: &CaseView) -> Option<Card> {
    let contact = view.contact.as_ref()?;
    let mut rows = contact_rows(contact);
    let language = view
        .summary
        .spoken_language
        .as_ref()
        .map(|l| oys_shared::advocate::language_name(l.as_str()).to_string())
        .unwrap_or_else(|| format!("{} (the form's)", view.summary.language.as_str()));
    rows.push(("Language".into(), language));
    rows.push(("Interpreter needed".into(), yes_no(view.summary.interpreter_needed)));
    if let Some(proposed) = &contact.proposed_phone {
        rows.push(("New phone, to confirm with them".into(), proposed.as_str().to_string()));
    }
    Some(Card { heading: "Safe contact", rows })
}

/// How the report came in: the channel, who took it and how, and the routes it asked for.
fn arrival_card(view: &CaseView) -> Card {
    let s = &view.summary;
    let mut rows = vec![("Channel".to_string(), words(s.channel.as_str()))];
    if let Some(taken) = &s.taken {
        rows.push(("Taken by".into(), taken.by.clone()));
        rows.push((
            "Language the caller spoke".into(),
            taken
                .language_spoken
                .as_ref()
                .map_or("Not recorded".into(), |l| oys_shared::advocate::language_name(l.as_str()).to_string()),
        ));
        rows.push(("Interpreter used".into(), yes_no(taken.interpreter_used)));
    }
    let routes = s.routes.iter().map(|r| words(r.as_str())).collect::<Vec<_>>();
    rows.push((
        "Routes".into(),
        if routes.is_empty() { "None: no referral asked for".into() } else { routes.join(", ") },
    ));
    Card { heading: "How the report came in", rows }
}

fn list(values: Vec<String>) -> String {
    if values.is_empty() {
        "None given".into()
    } else {
        values.join(", ")
    }
}

fn report_cards(view: &CaseView) -> Vec<Card> {
    let s = &view.summary;
    let n = view.narrative.as_ref();
    let erased = || "Erased".to_string();
    let opt = |v: Option<String>| v.unwrap_or_else(|| "Not given".into());
    let incident = Card {
        heading: "Incident",
        rows: vec![
            ("Types".into(), list(s.incident_types.iter().map(|t| words(t.as_str())).collect())),
            ("Motivations".into(), list(s.motivations.iter().map(|t| words(t.as_str())).collect())),
            (
                "When".into(),
                n.map_or_else(erased, |n| {
                    format!(
                        "{}{}",
                        n.occurred_on,
                        n.occurred_at.map(|t| format!(" {}", t.strftime("%H:%M"))).unwrap_or_default()
                    )
                }),
            ),
            ("Place".into(), opt(s.place_type.map(|p| words(p.as_str())))),
            ("Online".into(), yes_no(Some(s.online))),
            ("Injured".into(), yes_no(s.injured)),
            ("Still happening".into(), yes_no(s.ongoing)),
            ("Already reported to police".into(), yes_no(s.reported_to_police_already)),
            ("Police reference".into(), n.map_or_else(erased, |n| opt(n.police_reference.clone()))),
        ],
    };
    let location = Card {
        heading: "Location",
        rows: vec![
            ("Postcode".into(), n.map_or_else(erased, |n| opt(n.postcode.clone().map(String::from)))),
            ("Town".into(), n.map_or_else(erased, |n| opt(n.town.clone()))),
            ("Nation".into(), words(s.nation.as_str())),
        ],
    };
    let perpetrators = Card {
        heading: "Perpetrators",
        rows: vec![
            ("How many".into(), opt(s.perpetrator_count.map(|c| words(c.as_str())))),
            ("Known to the reporter".into(), opt(s.perpetrator_relationship.map(|r| words(r.as_str())))),
            ("Description".into(), n.map_or_else(erased, |n| opt(n.perpetrator_description.clone()))),
        ],
    };
    let reporter = Card {
        heading: "Reporter",
        rows: vec![
            ("Reporting as".into(), words(s.role.as_str())),
            ("Age".into(), opt(s.age_band.map(|a| words(a.as_str())))),
            ("Gender".into(), opt(s.gender.map(|g| words(g.as_str())))),
            ("Heritage".into(), list(s.heritage.iter().map(|h| words(h.as_str())).collect())),
            ("Support needs".into(), list(s.support_needs.iter().map(|h| words(h.as_str())).collect())),
        ],
    };
    let st = &view.state;
    let consent = Card {
        heading: "Consent",
        rows: vec![
            (
                "Police".into(),
                match &st.police_decided {
                    // "Not sure yet" in the report, then a decision told to an operator.
                    Some(d) => format!(
                        "{} (decided later: {}, {}, recorded by {})",
                        words(s.police_consent.as_str()),
                        words(d.consent.as_str()),
                        uk_time(d.record.at),
                        d.record.recorded_by
                    ),
                    None => words(s.police_consent.as_str()),
                },
            ),
            (
                "Caseworker advocate wanted".into(),
                yes_no(Some(s.advocate_support || st.advocate_requested_at.is_some())),
            ),
            ("Privacy notice version".into(), s.privacy_notice_version.clone()),
            ("Organisation confirmed".into(), opt(st.assigned_partner.clone())),
            (
                "Sharing with it".into(),
                st.share.as_ref().map_or("Not recorded".into(), |c| {
                    format!(
                        "{} ({}, {})",
                        words(c.decision.as_str()),
                        words(c.record.channel.as_str()),
                        uk_time(c.record.at)
                    )
                }),
            ),
            (
                "Police force chosen".into(),
                opt(st.police_force.as_deref().map(|f| geography::force_name(f).to_string())),
            ),
            (
                "Police referral released".into(),
                st.police_referral_released_at.map_or("No".into(), |at| {
                    format!("{} by {}", uk_time(at), st.police_referral_released_by.clone().unwrap_or_default())
                }),
            ),
            (
                "Police consent withdrawn".into(),
                st.police_consent_withdrawn.as_ref().map_or("No".into(), |c| uk_time(c.at)),
            ),
        ],
    };
    vec![incident, location, perpetrators, reporter, consent]
}

/// `GET /staff/cases/{reference}`: the case, read through `Casework::detail` (audited).
pub(super) async fn case_page(
    State(state): State<ConsoleState>,
    signed_in: SignedIn,
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let now = state.casework.services.clock.now();
    let Some(reference) = Reference::parse(&raw) else {
        return no_case(&signed_in, now);
    };
    let done = query_param(query.as_deref(), "done").and_then(|action| done_message(&action));
    show_case(&state, &signed_in, &reference, done, None).await
}

/// A report just taken by phone or webchat: its reference and the caller's receipt, to read
/// to them now (the receipt is shown this once, never stored in a URL).
pub(super) struct JustTaken {
    pub receipt: Option<String>,
}

/// The case page, read through `Casework::detail` (audited), with what was just done, if anything.
pub(super) async fn show_case(
    state: &ConsoleState,
    signed_in: &SignedIn,
    reference: &Reference,
    done: Option<String>,
    just_taken: Option<JustTaken>,
) -> Response {
    let now = state.casework.services.clock.now();
    let detail = match state.casework.detail(signed_in.caller(), reference).await {
        Ok(detail) => detail,
        Err(error) => return refused(error, signed_in, now),
    };
    let clocks = |deadlines: &[oys_shared::deadlines::Deadline]| {
        deadlines
            .iter()
            .filter(|d| d.met_at.is_none())
            .map(|d| {
                let c = clock(d.due_at, now);
                (words(d.kind.describe()), c.wording, c.overdue)
            })
            .collect()
    };
    let events_newest_first = |events: &[EventRecord]| events.iter().rev().map(EventView::of).collect();
    let page = match detail {
        CaseDetail::Staff(view) => CasePage {
            chrome: Chrome::signed_in(&format!("Case {reference}"), signed_in, now),
            just_taken,
            lead: signed_in.caller().is_lead(),
            reference: reference.to_string(),
            status: words(view.status.as_str()),
            received: uk_time(view.summary.received_at),
            channel: words(view.summary.channel.as_str()),
            clocks: clocks(&view.deadlines),
            contact: contact_card(&view),
            contact_erased: view.contact.is_none(),
            cards: std::iter::once(arrival_card(&view)).chain(report_cards(&view)).collect(),
            description: view.narrative.as_ref().map(|n| n.description.clone()),
            proposal: view
                .proposal
                .as_ref()
                .map(|p| {
                    p.ranked
                        .iter()
                        .map(|r| {
                            (r.partner_name.clone(), r.score.to_string(), r.free_places.to_string(), r.reasons.clone())
                        })
                        .collect()
                })
                .unwrap_or_default(),
            events: events_newest_first(&view.events),
            actions: ACTIONS.to_vec(),
            risky: RISKY_ACTIONS.to_vec(),
            done,
            advocate: false,
        },
        CaseDetail::Advocate(view) => {
            let d = &view.details;
            let contact = d.contact.as_ref().map(|c| {
                let mut rows = contact_rows(c);
                rows.push(("Language".into(), d.language.clone()));
                rows.push(("Interpreter needed".into(), yes_no(Some(d.interpreter_needed))));
                Card { heading: "Safe contact", rows }
            });
            CasePage {
                chrome: Chrome::signed_in(&format!("Case {reference}"), signed_in, now),
                just_taken: None,
                lead: false,
                reference: reference.to_string(),
                status: words(view.status.as_str()),
                received: String::new(),
                channel: String::new(),
                clocks: clocks(&view.deadlines),
                contact_erased: contact.is_none(),
                contact,
                cards: vec![Card {
                    heading: "Incident",
                    rows: vec![
                        ("Types".into(), list(d.incident_types.iter().map(|t| words(t.as_str())).collect())),
                        ("Support needs".into(), list(d.support_needs.iter().map(|t| words(t.as_str())).collect())),
                    ],
                }],
                description: d.description.clone(),
                proposal: vec![],
                events: events_newest_first(&view.events),
                actions: ADVOCATE_ACTIONS.to_vec(),
                risky: vec![],
                done,
                advocate: true,
            }
        }
    };
    render(&page)
}

fn done_message(action: &str) -> Option<String> {
    let message = match action {
        "call" => "The call was recorded.",
        "assign" => "The advocate's organisation was confirmed.",
        "consent" => "The reporter's decision on sharing was recorded.",
        "force" => "The police force was chosen.",
        "release" => "The police referral was released.",
        "police-decision" => "The reporter's police decision was recorded.",
        "confirm-phone" => "The new phone was confirmed.",
        "note" => "The note was added.",
        "withdraw-consent" => "The withdrawal of consent was recorded.",
        "close" => "The case was closed.",
        "withdraw" => "The report was withdrawn as a duplicate or spam.",
        "contact" => "First contact was recorded.",
        _ => return None,
    };
    Some(message.to_string())
}

/// `GET /staff/cases/{reference}/export`: everything held on the case, as a download.
pub(super) async fn export(
    State(state): State<ConsoleState>,
    signed_in: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    let now = state.casework.services.clock.now();
    let Some(reference) = Reference::parse(&raw) else {
        return no_case(&signed_in, now);
    };
    match state.casework.export(signed_in.caller(), &reference).await {
        Ok(value) => {
            let body = serde_json::to_string_pretty(&value).unwrap_or_default();
            let disposition = format!("attachment; filename=\"{reference}.json\"");
            (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
                    (header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).expect("a reference is ASCII")),
                ],
                body,
            )
                .into_response()
        }
        Err(error) => refused(error, &signed_in, now),
    }
}

// ---- actions ------------------------------------------------------------------------------------

pub(super) enum FieldKind {
    Hidden,
    Radios(Vec<Choice>),
    Select(Vec<Choice>),
    Text,
    Textarea,
}

pub(super) struct FieldView {
    name: &'static str,
    label: String,
    hint: String,
    kind: FieldKind,
    value: String,
    error: Option<String>,
}

impl FieldView {
    fn new(name: &'static str, label: &str, kind: FieldKind) -> FieldView {
        FieldView { name, label: label.into(), hint: String::new(), kind, value: String::new(), error: None }
    }

    fn hint(mut self, hint: &str) -> FieldView {
        self.hint = hint.into();
        self
    }

    fn value(mut self, value: &str) -> FieldView {
        self.value = value.into();
        if let FieldKind::Radios(choices) | FieldKind::Select(choices) = &mut self.kind {
            for choice in choices {
                choice.checked = choice.value == value;
            }
        }
        self
    }
}

#[derive(askama::Template)]
#[template(path = "console/action.html")]
struct ActionPage {
    chrome: Chrome,
    reference: String,
    action: &'static str,
    heading: String,
    intro: Vec<String>,
    /// The police referral exactly as the force would receive it.
    preview: Option<(String, String, String)>,
    fields: Vec<FieldView>,
    button: &'static str,
    warning: bool,
    /// Whether the form can be sent at all (a release with nothing ready cannot).
    sendable: bool,
    failed: bool,
    csrf: String,
}

fn channel_choices() -> Vec<Choice> {
    [Channel::Phone, Channel::Webchat, Channel::Online]
        .iter()
        .map(|c| Choice::new(c.as_str(), &words(c.as_str()), ""))
        .collect()
}

/// How the reporter gave or withdrew a consent, as every consent form asks it.
fn how_said_field() -> FieldView {
    FieldView::new("channel", "How did they say so?", FieldKind::Radios(channel_choices()))
}

/// The privacy notice version read to the reporter (the current one, unless said otherwise).
fn notice_version_field() -> FieldView {
    FieldView::new("privacy_notice_version", "Privacy notice version read to them", FieldKind::Text)
        .value(PRIVACY_NOTICE_VERSION)
}

/// An action's form: its path, heading, introduction, fields, button, and whether it is risky.
type ActionForm = (&'static str, String, Vec<String>, Vec<FieldView>, &'static str, bool);

/// The form of one action on one case, with the values given and errors, if any.
fn action_form(state: &ConsoleState, action: &str, view: &CaseDetail, given: &FormFields) -> Option<ActionForm> {
    let staff = match view {
        CaseDetail::Staff(view) => Some(view.as_ref()),
        CaseDetail::Advocate(_) => None,
    };
    let partners = &state.casework.partners;
    let partner_name =
        |id: &str| partners.iter().find(|p| p.id == id).map_or(id.to_string(), |p| format!("{} ({id})", p.name));
    let form = match (action, staff) {
        ("call", Some(_)) => (
            "call",
            "Record a call".to_string(),
            vec!["Record every call, answered or not: the call-back clock stops when the reporter is reached.".into()],
            vec![FieldView::new(
                "outcome",
                "What happened?",
                FieldKind::Radios(
                    CallOutcome::ALL.iter().map(|o| Choice::new(o.as_str(), &words(o.as_str()), "")).collect(),
                ),
            )],
            "Record the call",
            false,
        ),
        ("assign", Some(view)) => {
            let proposed: Vec<&str> = view
                .proposal
                .as_ref()
                .map(|p| p.ranked.iter().map(|r| r.partner_id.as_str()).collect())
                .unwrap_or_default();
            let mut options: Vec<Choice> = view
                .proposal
                .iter()
                .flat_map(|p| p.ranked.iter())
                .enumerate()
                .map(|(i, r)| Choice {
                    value: r.partner_id.clone(),
                    label: format!("{}{}", r.partner_name, if i == 0 { " (proposed first)" } else { "" }),
                    hint: r.reasons.join("; "),
                    checked: false,
                })
                .collect();
            options.extend(partners.iter().filter(|p| !proposed.contains(&p.id.as_str())).map(|p| Choice {
                value: p.id.clone(),
                label: p.name.clone(),
                hint: "Not proposed".into(),
                checked: false,
            }));
            (
                "assign",
                "Confirm the advocate's organisation".to_string(),
                vec!["Confirm the organisation you agreed with the reporter. Nothing is shared with it until they consent.".into()],
                vec![
                    FieldView::new("partner_id", "Which organisation?", FieldKind::Radios(options)),
                    FieldView::new("reason", "Why this one (optional)", FieldKind::Textarea)
                        .hint("Say why if it is not the one proposed first. Kept as a note on the case."),
                ],
                "Confirm",
                false,
            )
        }
        ("consent", Some(view)) => {
            let partner = view.state.assigned_partner.clone().unwrap_or_default();
            (
                "consent",
                "Record consent to share".to_string(),
                vec![if partner.is_empty() {
                    "No organisation is confirmed yet: confirm one first.".into()
                } else {
                    format!("The organisation: {}.", partner_name(&partner))
                }],
                vec![
                    // The organisation shown is the one the decision is for: a reassignment
                    // meanwhile makes the use case refuse it, rather than record it for another.
                    FieldView::new("partner_id", "", FieldKind::Hidden).value(&partner),
                    FieldView::new(
                        "decision",
                        "Did the reporter agree to share their details with it?",
                        FieldKind::Radios(vec![
                            Choice::new("given", "Yes, consent given", ""),
                            Choice::new("refused", "No, consent refused", ""),
                        ]),
                    ),
                    how_said_field(),
                    notice_version_field(),
                ],
                "Record the decision",
                false,
            )
        }
        ("force", Some(_)) => (
            "force",
            "Choose the police force".to_string(),
            vec!["Choose where the incident happened. The referral then goes to that force.".into()],
            vec![FieldView::new(
                "force",
                "Police force",
                FieldKind::Select(
                    std::iter::once(Choice::new("", "Choose a force", ""))
                        .chain(geography::all_forces().map(|f| Choice::new(f, geography::force_name(f), "")))
                        .collect(),
                ),
            )],
            "Send to this force",
            true,
        ),
        ("police-decision", Some(_)) => (
            "police-decision",
            "Record the reporter's police decision".to_string(),
            vec!["For a reporter who answered \"not sure yet, talk it through first\". A referral they agree to now \
                 goes to the police at once."
                .into()],
            vec![
                FieldView::new(
                    "consent",
                    "What did the reporter decide?",
                    FieldKind::Radios(vec![
                        Choice::new("no", "Do not tell the police", ""),
                        Choice::new("anonymous", "Tell the police without their name or contact details", ""),
                        Choice::new(
                            "with_contact_details",
                            "Tell the police with their contact details",
                            "The police may contact them and investigate.",
                        ),
                    ]),
                ),
                how_said_field(),
                notice_version_field(),
            ],
            "Record the decision",
            true,
        ),
        ("release", Some(_)) => (
            "release",
            "Release the police referral".to_string(),
            vec!["Read what the force will receive. Releasing sends it now.".into()],
            vec![],
            "Release the referral",
            true,
        ),
        ("confirm-phone", Some(view)) => (
            "confirm-phone",
            "Confirm the reporter's new phone".to_string(),
            vec![
                match view.contact.as_ref().and_then(|c| c.proposed_phone.as_ref()) {
                    Some(phone) => format!("The phone given with their receipt: {}.", phone.as_str()),
                    None => "No new phone waits for confirmation.".into(),
                },
                "Confirm only once you have spoken to the reporter on it: it then replaces the phone held.".into(),
            ],
            vec![],
            "Confirm the phone",
            false,
        ),
        ("note", _) => (
            "note",
            "Add a note".to_string(),
            vec!["Notes are personal data: they are erased with the case's.".into()],
            vec![FieldView::new("text", "Note", FieldKind::Textarea)],
            "Add the note",
            false,
        ),
        ("contact", None) => (
            "contact",
            "Record first contact made".to_string(),
            vec!["Record this once you have spoken to the reporter: it stops your 7-day clock.".into()],
            vec![],
            "Record first contact",
            false,
        ),
        ("withdraw-consent", Some(_)) => (
            "withdraw-consent",
            "Record consent withdrawn".to_string(),
            vec!["Whoever received the details is told. This cannot be undone.".into()],
            vec![
                FieldView::new(
                    "scope",
                    "What did the reporter withdraw consent for?",
                    FieldKind::Radios(vec![
                        Choice::new("police", "The police referral", ""),
                        Choice::new("partner", "Sharing with the advocate's organisation", ""),
                    ]),
                ),
                how_said_field(),
                notice_version_field(),
            ],
            "Record the withdrawal",
            true,
        ),
        ("close", Some(_)) => (
            "close",
            "Close the case".to_string(),
            vec!["A closed case takes no more actions but notes.".into()],
            vec![FieldView::new("reason", "Why is it closing?", FieldKind::Textarea)],
            "Close the case",
            true,
        ),
        ("withdraw", Some(_)) => (
            "withdraw",
            "Withdraw as a duplicate or spam".to_string(),
            vec!["The report leaves the statistics of months not yet published, and the case closes.".into()],
            vec![],
            "Withdraw the report",
            true,
        ),
        ("erase", Some(_)) => (
            "erase",
            "Erase the personal data".to_string(),
            vec!["The narrative, contact details and the words of notes are erased, and every organisation \
                 that received them is told. This cannot be undone."
                .into()],
            vec![FieldView::new("confirm_reference", "Type the case's reference to confirm", FieldKind::Text)],
            "Erase the personal data",
            true,
        ),
        _ => return None,
    };
    let (slug, heading, intro, mut fields, button, warning) = form;
    for field in &mut fields {
        if let Some(value) = given.get(field.name) {
            let kind = std::mem::replace(&mut field.kind, FieldKind::Text);
            *field = FieldView { kind, ..FieldView::new(field.name, &field.label, FieldKind::Text) }
                .hint(&field.hint.clone())
                .value(value);
        }
    }
    Some((slug, heading, intro, fields, button, warning))
}

/// The event an action records, as the API's JSON body.
fn event_body(action: &str, form: &FormFields) -> Value {
    let get = |name: &str| form.get(name).map_or(Value::Null, |v| Value::String(v.to_string()));
    match action {
        "call" => json!({"type": "call_made", "outcome": get("outcome")}),
        "assign" => json!({"type": "assignment_confirmed", "partner_id": get("partner_id")}),
        "consent" => {
            let partner = get("partner_id");
            match form.get("decision") {
                Some("refused") => {
                    json!({"type": "share_consent_refused", "partner_id": partner, "channel": get("channel")})
                }
                Some("given") => {
                    json!({"type": "share_consent_given", "partner_id": partner, "channel": get("channel"),
                    "privacy_notice_version": get("privacy_notice_version")})
                }
                _ => json!({"type": "", "decision": Value::Null}),
            }
        }
        "force" => json!({"type": "police_force_chosen", "force": get("force")}),
        "release" => json!({"type": "police_referral_released"}),
        "police-decision" => json!({"type": "police_decision_recorded", "consent": get("consent"),
            "channel": get("channel"), "privacy_notice_version": get("privacy_notice_version")}),
        "confirm-phone" => json!({"type": "reporter_phone_confirmed"}),
        "note" => json!({"type": "note", "text": get("text")}),
        "contact" => json!({"type": "advocate_contact_made"}),
        "withdraw-consent" => json!({"type": "consent_withdrawn", "scope": get("scope"), "channel": get("channel"),
            "privacy_notice_version": get("privacy_notice_version")}),
        "close" => json!({"type": "case_closed", "reason": get("reason")}),
        "withdraw" => json!({"type": "withdrawn_as_duplicate_or_spam"}),
        _ => json!({}),
    }
}

/// Errors of the use case said of the console form's own fields.
fn form_field(action: &str, error: &FieldError) -> &'static str {
    match (action, error.field.as_str()) {
        (_, "outcome") => "outcome",
        ("assign", _) => "partner_id",
        ("consent" | "withdraw-consent" | "police-decision", "channel") => "channel",
        ("consent" | "withdraw-consent" | "police-decision", "privacy_notice_version") => "privacy_notice_version",
        ("police-decision", _) => "consent",
        ("consent", _) => "decision",
        ("withdraw-consent", _) => "scope",
        ("force", _) => "force",
        ("note", _) => "text",
        ("close", _) => "reason",
        _ => "",
    }
}

/// The message shown beside a field: the API's, in the console's words where they read better.
fn message(error: &FieldError) -> String {
    match error.code {
        ErrorCode::Required => "Answer this question".into(),
        ErrorCode::VersionConflict => "Someone else changed this case just now: check it and try again".into(),
        _ => oys_shared::i18n::error_message(oys_shared::i18n::Language::English, error),
    }
}

async fn show_action(
    state: &ConsoleState,
    signed_in: &SignedIn,
    reference: &Reference,
    action: &str,
    given: &FormFields,
    errors: &[FieldError],
    own: Option<(&'static str, String)>,
) -> Response {
    let casework = &state.casework;
    let now = casework.services.clock.now();
    let detail = match casework.detail(signed_in.caller(), reference).await {
        Ok(detail) => detail,
        Err(error) => return refused(error, signed_in, now),
    };
    let Some((slug, heading, mut intro, mut fields, button, warning)) = action_form(state, action, &detail, given)
    else {
        return not_found().await;
    };
    let mut preview = None;
    let mut sendable = true;
    if slug == "release" {
        let referrals = PoliceReferrals::new(casework.services.clone(), casework.force_mailboxes.clone());
        let report = match casework.services.reports.get_report(reference).await {
            Ok(Some(report)) => report,
            Ok(None) => return no_case(signed_in, now),
            Err(error) => return refused(CaseError::Port(error), signed_in, now),
        };
        let pending = oys_shared::casework::police_release_pending(&report.summary, &report.state);
        match referrals.preview(&report) {
            Prepared::Ready(ready) if pending => {
                let to = format!("{} <{}>", geography::force_name(&ready.force), ready.mailbox);
                preview = Some((to, ready.text.subject, ready.text.body));
            }
            Prepared::Ready(_) => {
                sendable = false;
                intro = vec!["There is no police referral waiting for release on this case.".into()];
            }
            Prepared::NeedsForce { .. } => {
                sendable = false;
                intro = vec!["The police force could not be chosen from the report: choose it first.".into()];
            }
            Prepared::NoConsent | Prepared::Erased => {
                sendable = false;
                intro = vec!["There is nothing to send: no police consent now, or the report was erased.".into()];
            }
        }
    }
    let mut unplaced = vec![];
    for error in errors {
        let field = form_field(slug, error);
        match fields.iter_mut().find(|f| f.name == field) {
            Some(f) if f.error.is_none() => f.error = Some(message(error)),
            Some(_) => {}
            None => unplaced.push(message(error)),
        }
    }
    if let Some((name, text)) = &own {
        if let Some(f) = fields.iter_mut().find(|f| f.name == *name) {
            f.error = Some(text.clone());
        }
    }
    let failed = !errors.is_empty() || own.is_some();
    let page = ActionPage {
        chrome: Chrome::signed_in(&format!("{}{heading}", if failed { "Error: " } else { "" }), signed_in, now),
        reference: reference.to_string(),
        action: slug,
        heading,
        intro: intro.into_iter().chain(unplaced).collect(),
        preview,
        fields,
        button,
        warning,
        sendable,
        failed,
        csrf: signed_in.session.anti_forgery.clone(),
    };
    let status = if failed { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    (status, render(&page)).into_response()
}

/// `GET /staff/cases/{reference}/{action}`: the action's form.
pub(super) async fn action_page(
    State(state): State<ConsoleState>,
    signed_in: SignedIn,
    Path((raw, action)): Path<(String, String)>,
) -> Response {
    let Some(reference) = Reference::parse(&raw) else {
        return no_case(&signed_in, state.casework.services.clock.now());
    };
    show_action(&state, &signed_in, &reference, &action, &FormFields(vec![]), &[], None).await
}

/// `POST /staff/cases/{reference}/{action}`: the action, through `Casework` as the API.
pub(super) async fn action(
    State(state): State<ConsoleState>,
    signed_in: SignedIn,
    Path((raw, action)): Path<(String, String)>,
    form: FormFields,
) -> Response {
    if !form.carries_token_of(&signed_in.session) {
        return forged();
    }
    let casework = &state.casework;
    let now = casework.services.clock.now();
    let Some(reference) = Reference::parse(&raw) else {
        return no_case(&signed_in, now);
    };
    let caller = signed_in.caller();
    let done = |slug: &str| Redirect::to(&format!("/staff/cases/{reference}?done={slug}")).into_response();
    if action == "erase" {
        if form.get("confirm_reference").map(str::trim) != Some(reference.as_str()) {
            // The erase form's one check is the console's own: the reference typed must match.
            let own = ("confirm_reference", format!("Type the reference {reference} exactly to erase the case"));
            return show_action(&state, &signed_in, &reference, "erase", &form, &[], Some(own)).await;
        }
        return match casework.erase(caller, &reference).await {
            Ok(()) => notice(
                Chrome::signed_in("Personal data erased", &signed_in, now),
                StatusCode::OK,
                "Personal data erased",
                "The case's narrative, contact details and the words of its notes are erased, and every \
                 organisation that received them has been told.",
                Some((&format!("/staff/cases/{reference}"), "Back to the case")),
            ),
            Err(CaseError::ErasureIncomplete(incomplete)) => {
                tracing::error!(error = %incomplete.error, "{}", oys_application::telemetry::failures::ERASURE_STOPPED);
                let page = notice(
                    Chrome::signed_in("Erasure not finished", &signed_in, now),
                    StatusCode::SERVICE_UNAVAILABLE,
                    "The erasure did not finish",
                    "Some of it may be done already. Try again: nothing is erased or sent twice.",
                    Some((&format!("/staff/cases/{reference}/erase"), "Try again")),
                );
                crate::retry_after(page, crate::UNAVAILABLE_RETRY_SECONDS)
            }
            Err(error) => refused(error, &signed_in, now),
        };
    }
    // Not read (nor audited as a read) first: the use case finds the case, checks it and
    // refuses what does not apply; its refusals are shown on the form, read again.
    let offered = if caller.is_operator() { [ACTIONS, RISKY_ACTIONS].concat() } else { ADVOCATE_ACTIONS.to_vec() };
    if !offered.iter().any(|(path, _)| *path == action) {
        return not_found().await;
    }
    // The form's answers read as the event the API would take, by the same parser.
    let event = match parse_event(&event_body(&action, &form)) {
        Ok(event) => event,
        Err(errors) => return show_action(&state, &signed_in, &reference, &action, &form, &errors, None).await,
    };
    match casework.record_event(caller, &reference, event).await {
        Ok(_) => {
            let reason = form.get("reason").map(str::trim).filter(|r| !r.is_empty());
            if let (true, Some(reason)) = (action == "assign", reason) {
                let note = CaseEvent::Note { text: format!("Why this organisation: {reason}") };
                if let Err(error) = casework.record_event(caller, &reference, note).await {
                    tracing::warn!(%error, "the assignment's reason was not kept as a note");
                }
            }
            done(&action)
        }
        Err(CaseError::Invalid(errors)) => {
            show_action(&state, &signed_in, &reference, &action, &form, &errors, None).await
        }
        Err(error) => refused(error, &signed_in, now),
    }
}
