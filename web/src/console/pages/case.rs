//! The case page: the report in cards, its events, its deadlines, the actions offered; the export.

use super::*;

pub(in crate::console) struct Card {
    pub(super) heading: &'static str,
    pub(super) rows: Vec<(String, String)>,
}

pub(in crate::console) struct EventView {
    pub(super) at: String,
    pub(super) by: String,
    pub(super) role: String,
    pub(super) what: String,
    pub(super) details: Vec<(String, String)>,
    pub(super) reporters: bool,
}

impl EventView {
    pub(super) fn of(record: &EventRecord) -> EventView {
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
pub(super) struct CasePage {
    pub(super) chrome: Chrome,
    pub(super) reference: String,
    pub(super) status: String,
    pub(super) received: String,
    pub(super) channel: String,
    pub(super) clocks: Vec<(String, String, bool)>,
    pub(super) contact: Option<Card>,
    pub(super) contact_erased: bool,
    pub(super) cards: Vec<Card>,
    pub(super) description: Option<String>,
    pub(super) proposal: Vec<(String, String, String, Vec<String>)>,
    pub(super) events: Vec<EventView>,
    pub(super) actions: Vec<(&'static str, &'static str)>,
    pub(super) risky: Vec<(&'static str, &'static str)>,
    pub(super) done: Option<String>,
    pub(super) advocate: bool,
    pub(super) just_taken: Option<JustTaken>,
    /// Leads read the case's audit trail from it.
    pub(super) lead: bool,
}

/// The actions an operator may take from the case page: (path, label).
pub(super) const ACTIONS: &[(&str, &str)] = &[
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
pub(super) const RISKY_ACTIONS: &[(&str, &str)] = &[
    ("withdraw-consent", "Record consent withdrawn"),
    ("close", "Close the case"),
    ("withdraw", "Withdraw as a duplicate or spam"),
    ("erase", "Erase the personal data"),
];
pub(super) const ADVOCATE_ACTIONS: &[(&str, &str)] =
    &[("contact", "Record first contact made"), ("note", "Add a note")];

/// How and when the reporter may safely be reached, as every view of a case shows it first.
pub(super) fn contact_rows(contact: &ContactDetails) -> Vec<(String, String)> {
    vec![
        ("How to contact".to_string(), contact.preferred_method.map_or("Not said".into(), |m| words(m.as_str()))),
        ("Voicemail allowed".to_string(), yes_no(contact.safe_to_leave_voicemail)),
        ("Safe times".to_string(), contact.safe_times.clone().unwrap_or_else(|| "Not said".into())),
        ("Phone".to_string(), contact.phone.as_ref().map_or("Not given".into(), |p| p.as_str().to_string())),
        ("Email".to_string(), contact.email.as_ref().map_or("Not given".into(), |e| e.as_str().to_string())),
        ("Name".to_string(), contact.name.clone().unwrap_or_else(|| "Not given".into())),
    ]
}

pub(super) fn contact_card(view: &CaseView) -> Option<Card> {
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
pub(super) fn arrival_card(view: &CaseView) -> Card {
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

pub(super) fn list(values: Vec<String>) -> String {
    if values.is_empty() {
        "None given".into()
    } else {
        values.join(", ")
    }
}

pub(super) fn report_cards(view: &CaseView) -> Vec<Card> {
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
pub(in crate::console) async fn case_page(
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
pub(in crate::console) struct JustTaken {
    pub receipt: Option<String>,
}

/// The case page, read through `Casework::detail` (audited), with what was just done, if anything.
pub(in crate::console) async fn show_case(
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

pub(super) fn done_message(action: &str) -> Option<String> {
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
pub(in crate::console) async fn export(
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
