//! A report taken by phone or webchat (assisted digital): an operator asks the caller the public
//! form's questions (the same templates, field rules and errors, in English), records how the
//! call went, and sends it through the same intake as the form and the API, as theirs.
//!
//! The consent questions carry the words to read aloud, from the form's message catalogue (in
//! the caller's language if the form has it), so what was read is what the form says.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use oys_shared::casework::Caller;
use oys_shared::i18n::{self, Language};
use oys_shared::report::{Channel, Submitter, PRIVACY_NOTICE_VERSION};
use oys_shared::FieldError;

use super::pages::{forged, not_found, notice, render, show_case, Chrome, JustTaken};
use super::{query_param, ConsoleState, FormFields, SignedIn};
use crate::form::{report_from_form, report_sections, ErrorLink, Kept, Kind, Question, ReadAloud, Section};
use oys_application::intake::SubmitOutcome;

/// The fields this page adds to the form's: how the call went.
const LANGUAGE_SPOKEN: &str = "assisted.language_spoken";
const INTERPRETER_USED: &str = "assisted.interpreter_used";

#[derive(askama::Template)]
#[template(path = "console/new_report.html")]
struct NewReportPage {
    chrome: Chrome,
    channel: &'static str,
    channel_words: &'static str,
    /// The language the consent words are shown in, and the others the form has.
    read_in: &'static str,
    read_in_choices: Vec<(&'static str, &'static str, bool)>,
    errors: Vec<ErrorLink>,
    sections: Vec<Section>,
    form_key: String,
    privacy_version: &'static str,
    csrf: String,
}

/// The channels staff take reports on.
fn staff_channel(raw: Option<&str>) -> Option<Channel> {
    raw.and_then(Channel::parse).filter(|c| matches!(c, Channel::Phone | Channel::Webchat))
}

fn channel_words(channel: Channel) -> &'static str {
    match channel {
        Channel::Webchat => "webchat",
        _ => "phone",
    }
}

/// The words an operator reads to the caller before the consent questions, each with what it
/// means: the police choices, the advocate, consent to share later, and the privacy notice.
fn read_aloud(language: Language) -> ReadAloud {
    let t = |id: &str| i18n::message(language, id, &[]);
    let privacy =
        ["privacy-controllers", "privacy-what", "privacy-why", "privacy-keep", "privacy-rights"].map(t).join(" ");
    ReadAloud {
        lang: language.as_str(),
        heading: "Read this to the caller before they choose".into(),
        lines: vec![
            (t("form-consent-police"), t("form-consent-police-hint")),
            (t("choice-police-no"), String::new()),
            (t("choice-police-anonymous"), t("next-steps-police-anonymous")),
            (t("choice-police-with_contact_details"), t("next-steps-police-with-contact")),
            (t("choice-police-not_sure"), String::new()),
            (t("form-consent-advocate_support"), t("form-consent-advocate_support-hint")),
            (t("privacy-share"), String::new()),
            (i18n::message(language, "privacy-version", &[("version", PRIVACY_NOTICE_VERSION.to_string())]), privacy),
        ],
    }
}

/// The page: the form's sections (English), preceded by "About this call", the consent section
/// carrying the words to read aloud.
fn page(
    signed_in: &SignedIn,
    now: jiff::Timestamp,
    channel: Channel,
    read_in: Language,
    kept: &Kept,
    errors: &[FieldError],
) -> NewReportPage {
    let (own, form_errors): (Vec<FieldError>, Vec<FieldError>) =
        errors.iter().cloned().partition(|e| e.field.starts_with("assisted") || e.field == "channel");
    let (mut links, mut sections) = report_sections(Language::English, kept, &form_errors);
    let message = |field: &str| {
        let text: Vec<String> =
            own.iter().filter(|e| e.field == field).map(|e| i18n::error_message(Language::English, e)).collect();
        (!text.is_empty()).then(|| text.join(" "))
    };
    let language_label = "What language did the caller speak?";
    let interpreter_label = "Was an interpreter used?";
    let mut spoken = Question::staff(LANGUAGE_SPOKEN, language_label, Kind::Text, &[], kept, message(LANGUAGE_SPOKEN));
    spoken.hint = Some("For example Cantonese, Mandarin, Vietnamese, Korean, or a code such as yue".into());
    let interpreter = Question::staff(
        INTERPRETER_USED,
        interpreter_label,
        Kind::YesNo,
        &[("true", "Yes"), ("false", "No")],
        kept,
        message(INTERPRETER_USED),
    );
    let own_links: Vec<ErrorLink> = own
        .iter()
        .map(|e| {
            let inline = i18n::error_message(Language::English, e);
            let (anchor, label) = match e.field.as_str() {
                LANGUAGE_SPOKEN => (spoken.id.clone(), language_label),
                INTERPRETER_USED => (interpreter.id.clone(), interpreter_label),
                _ => ("main".to_string(), ""),
            };
            ErrorLink { anchor, message: format!("{label} {inline}").trim().to_string(), inline }
        })
        .collect();
    links.splice(0..0, own_links);
    for section in &mut sections {
        if section.name == "consent" {
            section.read_aloud = Some(read_aloud(read_in));
        }
    }
    sections.insert(
        0,
        Section {
            name: "call",
            legend: "About this call".into(),
            hint: Some(format!("You are taking this report by {}.", channel_words(channel))),
            read_aloud: None,
            essential: true,
            show_when: None,
            questions: vec![spoken, interpreter],
        },
    );
    let failed = !links.is_empty();
    let title = format!("{}New report by {}", if failed { "Error: " } else { "" }, channel_words(channel));
    NewReportPage {
        chrome: Chrome::signed_in(&title, signed_in, now),
        channel: channel.as_str(),
        channel_words: channel_words(channel),
        read_in: read_in.as_str(),
        read_in_choices: crate::form::form_languages()
            .into_iter()
            .map(|l| (l.as_str(), crate::form::language_name(l), l == read_in))
            .collect(),
        errors: links,
        sections,
        form_key: kept.form_key.clone().unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string()),
        privacy_version: PRIVACY_NOTICE_VERSION,
        csrf: signed_in.session.anti_forgery.clone(),
    }
}

fn operators_only(signed_in: &SignedIn, now: jiff::Timestamp) -> Option<Response> {
    (!signed_in.caller().is_operator()).then(|| {
        notice(
            Chrome::signed_in("Not allowed", signed_in, now),
            StatusCode::FORBIDDEN,
            "Your role cannot do this",
            "Reports by phone or webchat are taken by helpline operators.",
            Some(("/staff/queue", "Go to your cases")),
        )
    })
}

fn read_in_language(raw: Option<&str>) -> Language {
    raw.and_then(Language::parse).filter(|l| crate::form::form_languages().contains(l)).unwrap_or(Language::English)
}

/// `GET /staff/new-report?channel=phone|webchat[&read_in=vi]`: the empty form.
pub(super) async fn new_report_page(
    State(state): State<ConsoleState>,
    signed_in: SignedIn,
    RawQuery(query): RawQuery,
) -> Response {
    // The services' clock, as the session's idle limit is reckoned by.
    let now = state.casework.services.clock.now();
    if let Some(refusal) = operators_only(&signed_in, now) {
        return refusal;
    }
    let Some(channel) = staff_channel(query_param(query.as_deref(), "channel").as_deref()) else {
        return not_found().await;
    };
    let read_in = read_in_language(query_param(query.as_deref(), "read_in").as_deref());
    render(&page(&signed_in, now, channel, read_in, &Kept::default(), &[]))
}

/// `POST /staff/new-report`: the report, through intake as the operator's; then the new case.
pub(super) async fn take_report(State(state): State<ConsoleState>, signed_in: SignedIn, form: FormFields) -> Response {
    if !form.carries_token_of(&signed_in.session) {
        return forged();
    }
    let now = state.casework.services.clock.now();
    if let Some(refusal) = operators_only(&signed_in, now) {
        return refusal;
    }
    let Some(channel) = staff_channel(form.get("channel")) else {
        return not_found().await;
    };
    let read_in = read_in_language(form.get("read_in"));
    // The report's own fields, as the public form sends them (the console's are left out).
    let bytes = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form.0.iter().filter(|(key, _)| !["csrf", "read_in"].contains(&key.as_str())))
        .finish()
        .into_bytes();
    let kept = Kept::from_form(&bytes);
    let caller: &Caller = signed_in.caller();
    let request = crate::report::ReportRequest {
        body: report_from_form(&bytes, Language::English),
        submitter: Submitter::Operator,
        idempotency_key: kept.first("form_key").filter(|key| key.len() <= 128).map(str::to_string),
    };
    let casework = &state.casework;
    match crate::report::submit_request(&casework.services, request, Some(caller.user.clone())).await {
        Ok(SubmitOutcome::Accepted(receipt, follow_up)) => {
            if let Err(error) = casework.report_taken(caller, &receipt.reference).await {
                tracing::error!(%error, "{}", oys_application::telemetry::failures::AUTHOR_NOT_AUDITED);
            }
            let taken = JustTaken { receipt: follow_up.map(|r| r.expose().to_string()) };
            show_case(&state, &signed_in, &receipt.reference, None, Some(taken)).await
        }
        Ok(SubmitOutcome::Replayed(receipt, follow_up)) => {
            let taken = JustTaken { receipt: follow_up.map(|r| r.expose().to_string()) };
            show_case(&state, &signed_in, &receipt.reference, None, Some(taken)).await
        }
        Ok(SubmitOutcome::Invalid { errors, .. }) => {
            (StatusCode::UNPROCESSABLE_ENTITY, render(&page(&signed_in, now, channel, read_in, &kept, &errors)))
                .into_response()
        }
        Ok(SubmitOutcome::IdempotencyKeyReused { .. }) => {
            // The same form sent again with other answers: take them as a new form.
            render(&page(&signed_in, now, channel, read_in, &kept.without_key(), &[]))
        }
        Err(error) => {
            tracing::error!(%error, "{}", oys_application::telemetry::failures::OPERATOR_REQUEST_FAILED);
            let unavailable_error = FieldError::new("body", oys_shared::ErrorCode::ServiceUnavailable);
            let form_page = page(&signed_in, now, channel, read_in, &kept, &[unavailable_error]);
            let response = (StatusCode::SERVICE_UNAVAILABLE, render(&form_page)).into_response();
            crate::retry_after(response, crate::UNAVAILABLE_RETRY_SECONDS)
        }
    }
}
