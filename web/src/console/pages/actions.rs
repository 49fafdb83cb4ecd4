//! The actions on a case: each one's form, read into the event the API would take, through the same use case.

use super::*;

pub(in crate::console) enum FieldKind {
    Hidden,
    Radios(Vec<Choice>),
    Select(Vec<Choice>),
    Text,
    Textarea,
}

pub(in crate::console) struct FieldView {
    pub(super) name: &'static str,
    pub(super) label: String,
    pub(super) hint: String,
    pub(super) kind: FieldKind,
    pub(super) value: String,
    pub(super) error: Option<String>,
}

impl FieldView {
    pub(super) fn new(name: &'static str, label: &str, kind: FieldKind) -> FieldView {
        FieldView { name, label: label.into(), hint: String::new(), kind, value: String::new(), error: None }
    }

    pub(super) fn hint(mut self, hint: &str) -> FieldView {
        self.hint = hint.into();
        self
    }

    pub(super) fn value(mut self, value: &str) -> FieldView {
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
pub(super) struct ActionPage {
    pub(super) chrome: Chrome,
    pub(super) reference: String,
    pub(super) action: &'static str,
    pub(super) heading: String,
    pub(super) intro: Vec<String>,
    /// The police referral exactly as the force would receive it.
    pub(super) preview: Option<(String, String, String)>,
    pub(super) fields: Vec<FieldView>,
    pub(super) button: &'static str,
    pub(super) warning: bool,
    /// Whether the form can be sent at all (a release with nothing ready cannot).
    pub(super) sendable: bool,
    pub(super) failed: bool,
    pub(super) csrf: String,
}

pub(super) fn channel_choices() -> Vec<Choice> {
    [Channel::Phone, Channel::Webchat, Channel::Online]
        .iter()
        .map(|c| Choice::new(c.as_str(), &words(c.as_str()), ""))
        .collect()
}

/// How the reporter gave or withdrew a consent, as every consent form asks it.
pub(super) fn how_said_field() -> FieldView {
    FieldView::new("channel", "How did they say so?", FieldKind::Radios(channel_choices()))
}

/// The privacy notice version read to the reporter (the current one, unless said otherwise).
pub(super) fn notice_version_field() -> FieldView {
    FieldView::new("privacy_notice_version", "Privacy notice version read to them", FieldKind::Text)
        .value(PRIVACY_NOTICE_VERSION)
}

/// An action's form: its path, heading, introduction, fields, button, and whether it is risky.
type ActionForm = (&'static str, String, Vec<String>, Vec<FieldView>, &'static str, bool);

/// The form of one action on one case, with the values given and errors, if any.
pub(super) fn action_form(
    state: &ConsoleState,
    action: &str,
    view: &CaseDetail,
    given: &FormFields,
) -> Option<ActionForm> {
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
pub(super) fn event_body(action: &str, form: &FormFields) -> Value {
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
pub(super) fn form_field(action: &str, error: &FieldError) -> &'static str {
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
pub(super) fn message(error: &FieldError) -> String {
    match error.code {
        ErrorCode::Required => "Answer this question".into(),
        ErrorCode::VersionConflict => "Someone else changed this case just now: check it and try again".into(),
        _ => oys_shared::i18n::error_message(oys_shared::i18n::Language::English, error),
    }
}

pub(super) async fn show_action(
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
pub(in crate::console) async fn action_page(
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
pub(in crate::console) async fn action(
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
