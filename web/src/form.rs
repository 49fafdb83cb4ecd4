//! The public report form (issue 11): server-rendered HTML that works with scripts off. A plain
//! `POST /{lang}/` of the form's fields (the report's field paths, as the no-script API takes
//! them) answers with the confirmation page, or the form again with an error summary linking
//! to each field and everything typed kept. Every page: no cache, a strict
//! Content-Security-Policy (no inline script, nothing from another site), no referrer.

mod confirmation;
mod questions;
mod to_json;

pub(crate) use questions::*;

pub use to_json::value_from_form;

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;

use oys_shared::i18n::{self, Language};
use oys_shared::report::{
    AgeBand, ContactMethod, Gender, Heritage, IncidentType, Motivation, PerpetratorCount, PlaceType, PoliceConsent,
    Relationship, Role, Submitter, SupportNeed, PRIVACY_NOTICE_VERSION,
};
use oys_shared::Choice;
use oys_shared::FieldError;

use super::{retry_after, UNAVAILABLE_RETRY_SECONDS};
use crate::Services;
use oys_application::intake::SubmitOutcome;

/// The languages the form is translated into (the others fall back to English, so they are
/// not offered until their translation exists).
pub fn form_languages() -> Vec<Language> {
    i18n::translated_languages().collect()
}

/// The form's routes, the follow-up API, the stylesheet and the script; added to both routers. Pages link to each
/// other with relative URLs only, so they work behind an API Gateway stage (`/live/en/`) as at
/// the root of a custom domain.
pub fn form_routes(services: Arc<Services>) -> Router {
    Router::new()
        .route("/", get(choose_language))
        .route("/{lang}/", get(empty_form).post(submitted_form))
        .route("/{lang}/sent", get(confirmation::sent_page))
        .route("/{lang}/check", axum::routing::post(checked_form))
        .route("/{lang}/privacy", get(privacy_notice))
        .route("/{lang}/follow-up", get(empty_follow_up).post(submitted_follow_up))
        // The follow-up page's JSON counterpart, for other clients (the same use case).
        .route("/v1/follow-ups", axum::routing::post(super::report::public_follow_up))
        .route("/assets/{asset}", get(hashed_asset))
        // The names pages linked to before the hashed ones, for pages still open.
        .route("/assets/form.css", get(|| STYLES.serve(SHORT)))
        .route("/assets/form.js", get(|| SCRIPT.serve(SHORT)))
        .layer(axum::middleware::map_response(safe_headers))
        .with_state(services)
}

/// The stylesheet or the script, served under a name with a hash of its bytes: a browser keeps
/// it for a year and asks for it once, so a form view costs one request against the public
/// API's limit; a new version has a new name.
pub(super) struct Asset {
    stem: &'static str,
    extension: &'static str,
    content_type: &'static str,
    body: &'static str,
    hashed: std::sync::OnceLock<String>,
}

pub(super) const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const SHORT: &str = "public, max-age=300";

static STYLES: Asset = Asset::new("form", "css", "text/css; charset=utf-8", include_str!("../assets/form.css"));
static SCRIPT: Asset = Asset::new("form", "js", "text/javascript; charset=utf-8", include_str!("../assets/form.js"));

impl Asset {
    pub(super) const fn new(
        stem: &'static str,
        extension: &'static str,
        content_type: &'static str,
        body: &'static str,
    ) -> Asset {
        Asset { stem, extension, content_type, body, hashed: std::sync::OnceLock::new() }
    }

    /// `form.<first 16 hex digits of its SHA-256>.css`.
    pub(super) fn name(&self) -> &str {
        self.hashed.get_or_init(|| {
            let hash = oys_shared::hex::sha256(self.body.as_bytes());
            format!("{}.{}.{}", self.stem, &hash[..16], self.extension)
        })
    }

    pub(super) async fn serve(&self, cache: &'static str) -> Response {
        ([(header::CONTENT_TYPE, self.content_type), (header::CACHE_CONTROL, cache)], self.body).into_response()
    }
}

/// `GET /assets/form.<hash>.css` or `.js`: an asset under its hashed name, kept for a year.
async fn hashed_asset(Path(name): Path<String>) -> Response {
    match [&STYLES, &SCRIPT].into_iter().find(|asset| asset.name() == name) {
        Some(asset) => asset.serve(IMMUTABLE).await,
        None => super::not_found().await,
    }
}

/// The stylesheet's and the script's hashed names (`form.<hash>.css`, `form.<hash>.js`), which
/// the pages link to.
pub fn asset_names() -> [&'static str; 2] {
    [STYLES.name(), SCRIPT.name()]
}

/// What every form page carries: nothing cached on a shared device (but the assets, which say
/// their own), nothing loaded from another site, no referrer sent anywhere.
async fn safe_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name, value| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    if !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    response
}

/// `GET /`: the form in the language the browser prefers, if it is one the form has.
async fn choose_language(request: axum::extract::Request) -> Redirect {
    let preferred = super::accepted_language(request.headers())
        .filter(|language| form_languages().contains(language))
        .unwrap_or(Language::English);
    // The path the browser shows: the REST API passes `/` for its stage root, with or without
    // the slash (lambda_http drops the stage, AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH); its
    // request context keeps the path as asked (`/live` or `/live/`).
    let shown: Option<String> = match request.extensions().get::<lambda_http::request::RequestContext>() {
        #[cfg(feature = "rest-api-events")]
        Some(lambda_http::request::RequestContext::ApiGatewayV1(context)) => context.path.clone(),
        _ => None,
    };
    Redirect::to(&language_location(shown.as_deref().unwrap_or(request.uri().path()), preferred))
}

/// Where the language's form is, relative to the path the browser shows, so it works under an
/// API Gateway stage or a proxy's prefix as at `/`: from `/live/` (or `/`) it is `en/`; from
/// `/live`, whose last segment a relative reference would replace, `./live/en/` (`./` so the
/// segment can never read as a scheme).
fn language_location(shown: &str, language: Language) -> String {
    match shown.rsplit('/').next() {
        Some(last) if !last.is_empty() => format!("./{last}/{}/", language.as_str()),
        _ => format!("{}/", language.as_str()),
    }
}

pub(crate) fn form_language(tag: &str) -> Option<Language> {
    Language::parse(tag).filter(|language| form_languages().contains(language))
}

async fn empty_form(Path(lang): Path<String>) -> Response {
    let Some(language) = form_language(&lang) else { return super::not_found().await };
    let mut response = page(StatusCode::OK, &FormPage::new(language, &Kept::default(), &[]));
    // Whether the browser keeps cookies decides how the confirmation reaches it.
    response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_static(confirmation::COOKIES_KEPT));
    response
}

async fn privacy_notice(Path(lang): Path<String>) -> Response {
    let Some(language) = form_language(&lang) else { return super::not_found().await };
    let page_view = PrivacyPage { chrome: Chrome::new(language, "privacy-title", "privacy") };
    page(StatusCode::OK, &page_view)
}

/// The report a form's fields make, in the page's language. Public for the property tests
/// (`tests/http_parsers.rs`).
pub fn report_from_form(bytes: &[u8], language: Language) -> serde_json::Value {
    let page_only = |key: &str| key == "form_key" || key == CHANGE_LANGUAGE || key.starts_with("incident.occurred_on-");
    let pairs = form_urlencoded::parse(bytes).filter(|(key, _)| !page_only(key));
    let mut value = match date_from_parts(bytes) {
        Some(date) => value_from_form(pairs.chain([("incident.occurred_on".into(), date.into())])),
        None => value_from_form(pairs),
    };
    if let Some(report) = value.as_object_mut() {
        report.entry("language").or_insert_with(|| language.as_str().into());
        // A section left wholly empty sends nothing: give the parser the empty section, so the
        // reporter hears about each question it needs rather than one error for the section.
        for section in ["reporter", "incident", "consent"] {
            report.entry(section).or_insert_with(|| serde_json::json!({}));
        }
        if let Some(incident) = report.get_mut("incident").and_then(|i| i.as_object_mut()) {
            incident.entry("location").or_insert_with(|| serde_json::json!({}));
        }
    }
    value
}

/// The date typed in the form's three boxes, as the report's `YYYY-MM-DD` (`20`, `11`, `2026` →
/// `2026-11-20`); `None` when all three are empty or the form has no boxes (a client sending
/// `incident.occurred_on` itself). Whatever is not a date is refused by the report's parser.
fn date_from_parts(bytes: &[u8]) -> Option<String> {
    let mut typed = [String::new(), String::new(), String::new()];
    for (key, value) in form_urlencoded::parse(bytes).take(500) {
        if let Some(part) = key.strip_prefix("incident.occurred_on-") {
            if let Some(i) = DATE_PARTS.iter().position(|p| *p == part) {
                // Full-width digits, as a Chinese or Japanese keyboard may type them, are digits.
                typed[i] = value
                    .trim()
                    .chars()
                    .map(|c| match c {
                        '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10).unwrap_or(c),
                        c => c,
                    })
                    .take(10)
                    .collect();
            }
        }
    }
    let [day, month, year] = typed;
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return None;
    }
    Some(format!("{year}-{month:0>2}-{day:0>2}"))
}

/// The name of the language picker's buttons on the form page: the answers are posted to the
/// chosen language's form, which shows them again there, nothing sent.
const CHANGE_LANGUAGE: &str = "change_language";

/// A form request's language (from its path) and body, or the answer refusing it.
async fn read_form(lang: &str, headers: &HeaderMap, body: Body) -> Result<(Language, axum::body::Bytes), Response> {
    let Some(language) = form_language(lang) else { return Err(super::not_found().await) };
    let bytes = super::report::read_body(headers, body, language).await.map_err(IntoResponse::into_response)?;
    Ok((language, bytes))
}

/// `POST /{lang}/check`: the errors the form's fields would get, for the script to show in
/// place before sending; nothing is stored, sent or logged. The same parser as the submit.
async fn checked_form(
    State(services): State<Arc<Services>>,
    Path(lang): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let (language, bytes) = match read_form(&lang, &headers, body).await {
        Ok(read) => read,
        Err(refusal) => return refusal,
    };
    let value = report_from_form(&bytes, language);
    let errors = match oys_shared::report::parse_report(&value, services.clock.now(), Submitter::Public) {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    };
    let errors: Vec<serde_json::Value> = error_links(language, &errors)
        .iter()
        .map(|e| serde_json::json!({"anchor": e.anchor, "message": e.message, "inline": e.inline}))
        .collect();
    axum::Json(serde_json::json!({ "errors": errors })).into_response()
}

async fn submitted_form(
    State(services): State<Arc<Services>>,
    Path(lang): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let (language, bytes) = match read_form(&lang, &headers, body).await {
        Ok(read) => read,
        Err(refusal) => return refusal,
    };
    let kept = Kept::from_form(&bytes);
    if form_urlencoded::parse(&bytes).take(500).any(|(key, _)| key == CHANGE_LANGUAGE) {
        // The reporter chose another language: the same answers, in its words; nothing sent.
        let mut response = page(StatusCode::OK, &FormPage::new(language, &kept, &[]));
        response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_static(confirmation::COOKIES_KEPT));
        return response;
    }
    let value = report_from_form(&bytes, language);
    let idempotency_key = kept.first("form_key").filter(|key| key.len() <= 128).map(str::to_string);
    let request = super::report::ReportRequest { body: value, submitter: Submitter::Public, idempotency_key };
    match super::report::submit_request(&services, request, None).await {
        Ok(SubmitOutcome::Accepted(receipt, follow_up)) => {
            confirmation::answer(language, &headers, receipt, follow_up, false)
        }
        Ok(SubmitOutcome::Replayed(receipt, follow_up)) => {
            let withheld = follow_up.is_none();
            confirmation::answer(language, &headers, receipt, follow_up, withheld)
        }
        Ok(SubmitOutcome::Invalid { errors, .. }) => {
            page(StatusCode::UNPROCESSABLE_ENTITY, &FormPage::new(language, &kept, &errors))
        }
        Ok(SubmitOutcome::IdempotencyKeyReused { .. }) => {
            // The same form sent twice with different answers: take the new answers as a new form.
            page(StatusCode::OK, &FormPage::new(language, &kept.without_key(), &[]))
        }
        Err(error) => {
            tracing::error!(%error, "{}", oys_application::telemetry::failures::FORM_REPORT_NOT_STORED);
            let unavailable = FieldError::new("body", oys_shared::ErrorCode::ServiceUnavailable);
            let response = page(StatusCode::SERVICE_UNAVAILABLE, &FormPage::new(language, &kept, &[unavailable]));
            retry_after(response, UNAVAILABLE_RETRY_SECONDS)
        }
    }
}

async fn empty_follow_up(Path(lang): Path<String>) -> Response {
    let Some(language) = form_language(&lang) else { return super::not_found().await };
    page(StatusCode::OK, &FollowUpPage::new(language, &HashMap::new(), &[]))
}

/// `POST /{lang}/follow-up`: the reporter's addition, answered with a page: done, or the page
/// again with its errors and what was typed.
async fn submitted_follow_up(
    State(services): State<Arc<Services>>,
    Path(lang): Path<String>,
    client: super::ClientAddress,
    headers: HeaderMap,
    body: Body,
) -> Response {
    use oys_application::follow_up::FollowUpOutcome;
    // The page sends a urlencoded form; anything else is another client's mistake (415, as
    // documented), not a follow-up with every field missing.
    if let Some(language) = form_language(&lang) {
        if super::report::body_kind(&headers) != Some(super::report::BodyKind::Form) {
            let error = FieldError::new("body", oys_shared::ErrorCode::UnsupportedMediaType);
            return super::ApiError::fields(StatusCode::UNSUPPORTED_MEDIA_TYPE, language, vec![error]).into_response();
        }
    }
    let (language, bytes) = match read_form(&lang, &headers, body).await {
        Ok(read) => read,
        Err(refusal) => return refusal,
    };
    let (typed, value) = follow_up_from_form(&bytes);
    let refuse = |status, code| page(status, &FollowUpPage::new(language, &typed, &[FieldError::new("receipt", code)]));
    let outcome = match oys_shared::follow_up::parse_follow_up(&value) {
        Ok(request) => oys_application::follow_up::add_to_report(&services, request, client.0.as_deref()).await,
        Err(errors) => Ok(FollowUpOutcome::Invalid(errors)),
    };
    match outcome {
        Ok(FollowUpOutcome::Added { added_information, asked_for_advocate }) => {
            let done = FollowUpDonePage {
                chrome: Chrome::new(language, "follow-up-done-title", "follow-up"),
                added_information,
                asked_for_advocate,
            };
            page(StatusCode::OK, &done)
        }
        Ok(FollowUpOutcome::Invalid(errors)) => {
            page(StatusCode::UNPROCESSABLE_ENTITY, &FollowUpPage::new(language, &typed, &errors))
        }
        Ok(FollowUpOutcome::NotRecognised) => {
            refuse(StatusCode::FORBIDDEN, oys_shared::ErrorCode::ReceiptNotRecognised)
        }
        Ok(FollowUpOutcome::TooManyAttempts) => {
            let response = refuse(StatusCode::TOO_MANY_REQUESTS, oys_shared::ErrorCode::TooManyAttempts);
            retry_after(response, oys_application::follow_up::retry_after_seconds(services.clock.now()))
        }
        Err(error) => {
            tracing::error!(%error, "{}", oys_application::telemetry::failures::FORM_FOLLOW_UP_NOT_ADDED);
            let unavailable = FieldError::new("body", oys_shared::ErrorCode::FollowUpUnavailable);
            let response = page(StatusCode::SERVICE_UNAVAILABLE, &FollowUpPage::new(language, &typed, &[unavailable]));
            retry_after(response, UNAVAILABLE_RETRY_SECONDS)
        }
    }
}

/// The follow-up page's fields: as typed (to put back on the page) and as the JSON body the use
/// case reads. Keys the page does not have are left out. Public for the property tests
/// (`tests/http_parsers.rs`).
pub fn follow_up_from_form(bytes: &[u8]) -> (HashMap<String, String>, serde_json::Value) {
    let typed: HashMap<String, String> = form_urlencoded::parse(bytes)
        .take(50)
        .filter(|(key, _)| oys_shared::follow_up::FOLLOW_UP_FIELDS.contains(&key.as_ref()))
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    let value = serde_json::Value::Object(typed.iter().map(|(k, v)| (k.clone(), v.clone().into())).collect());
    (typed, value)
}

fn page(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => {
            tracing::error!(%error, "a form page did not render");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// What the reporter typed, to put back in the form (never logged, never in a URL).
#[derive(Debug, Default)]
pub(crate) struct Kept {
    values: HashMap<String, Vec<String>>,
    /// The form's own idempotency key: sending the same form twice makes one report.
    pub form_key: Option<String>,
}

impl Kept {
    pub(crate) fn from_form(bytes: &[u8]) -> Kept {
        let mut values: HashMap<String, Vec<String>> = HashMap::new();
        for (key, value) in form_urlencoded::parse(bytes).take(500) {
            let date_part = key.strip_prefix("incident.occurred_on-").is_some_and(|part| DATE_PARTS.contains(&part));
            if key == "form_key" || date_part || oys_shared::report::FORM_FIELDS.contains(&key.as_ref()) {
                values.entry(key.into_owned()).or_default().push(value.into_owned());
            }
        }
        let form_key = values.get("form_key").and_then(|v| v.first()).cloned();
        Kept { values, form_key }
    }

    /// The answers without the form's key: sent again, they make a new report.
    pub(crate) fn without_key(self) -> Kept {
        Kept { form_key: None, ..self }
    }

    pub(crate) fn first(&self, field: &str) -> Option<&str> {
        self.values.get(field).and_then(|v| v.first()).map(String::as_str)
    }

    pub(crate) fn has(&self, field: &str, value: &str) -> bool {
        self.values.get(field).is_some_and(|v| v.iter().any(|x| x == value))
    }
}

/// The translated texts of a page.
pub(crate) struct Texts(pub Language);

impl Texts {
    pub(crate) fn get(&self, id: &str) -> String {
        i18n::message(self.0, id, &[])
    }
}

/// The header and footer every page shares (the form's, the follow-up's, the statistics').
pub(crate) struct Chrome {
    pub t: Texts,
    pub lang: &'static str,
    pub title: String,
    /// The page's path after the language (`""` for the form, `privacy`), for the language picker.
    pub path: &'static str,
    pub languages: Vec<(&'static str, &'static str, bool)>,
    /// The stylesheet's and the script's hashed names.
    pub styles: &'static str,
    pub script: &'static str,
    /// The way from the page to the site's root (`../` from `/en/privacy`), for the assets and
    /// the language picker: relative, so pages work behind an API Gateway stage.
    pub root: &'static str,
    /// The form page: the language picker's buttons post the answers typed so far to the
    /// other language's form (`form="report"`), so changing language loses nothing.
    pub keeps_answers: bool,
}

impl Chrome {
    pub(crate) fn new(language: Language, title_id: &str, path: &'static str) -> Chrome {
        let languages = form_languages()
            .into_iter()
            .map(|other| (other.as_str(), language_name(other), other == language))
            .collect();
        Chrome {
            title: i18n::message(language, title_id, &[]),
            t: Texts(language),
            lang: language.as_str(),
            path,
            languages,
            styles: STYLES.name(),
            script: SCRIPT.name(),
            root: "../",
            keeps_answers: false,
        }
    }
}

/// Each language in its own words, for the picker.
pub(crate) fn language_name(language: Language) -> &'static str {
    match language {
        Language::English => "English",
        Language::ChineseTraditional => "繁體中文",
        Language::ChineseSimplified => "简体中文",
        Language::Japanese => "日本語",
        Language::Korean => "한국어",
        Language::Thai => "ไทย",
        Language::Vietnamese => "Tiếng Việt",
        Language::Tagalog => "Tagalog",
        Language::Indonesian => "Bahasa Indonesia",
        Language::Malay => "Bahasa Melayu",
    }
}

#[derive(Template)]
#[template(path = "form/privacy.html")]
struct PrivacyPage {
    chrome: Chrome,
}

impl PrivacyPage {
    fn version(&self) -> String {
        i18n::message(self.chrome.t.0, "privacy-version", &[("version", PRIVACY_NOTICE_VERSION.to_string())])
    }
}

#[derive(Template)]
#[template(path = "form/follow_up.html")]
struct FollowUpPage {
    chrome: Chrome,
    errors: Vec<ErrorLink>,
    fields: Vec<FollowUpField>,
}

struct FollowUpField {
    name: &'static str,
    id: String,
    label: String,
    hint: String,
    optional: bool,
    multiline: bool,
    input_type: &'static str,
    value: String,
    error: Option<String>,
}

impl FollowUpPage {
    fn new(language: Language, typed: &HashMap<String, String>, errors: &[FieldError]) -> FollowUpPage {
        let t = Texts(language);
        let fields = [
            ("reference", false, false, "text"),
            ("receipt", false, false, "text"),
            ("information", true, true, "text"),
            ("advocate_phone", true, false, "tel"),
        ];
        let message = |error: &FieldError| i18n::error_message(language, error);
        let label = |name: &str| t.get(&format!("follow-up-{}", name.replace('_', "-")));
        let errors_links = errors
            .iter()
            .map(|error| {
                let known = fields.iter().any(|(name, ..)| *name == error.field);
                let anchor = if known { anchor(&error.field) } else { "main".to_string() };
                let inline = message(error);
                let text = if known { format!("{} {inline}", label(&error.field)) } else { inline.clone() };
                ErrorLink { anchor, message: text, inline }
            })
            .collect();
        let fields = fields
            .into_iter()
            .map(|(name, optional, multiline, input_type)| {
                let own: Vec<String> = errors.iter().filter(|e| e.field == name).map(message).collect();
                FollowUpField {
                    name,
                    id: anchor(name),
                    label: label(name),
                    hint: t.get(&format!("follow-up-{}-hint", name.replace('_', "-"))),
                    optional,
                    multiline,
                    input_type,
                    value: typed.get(name).cloned().unwrap_or_default(),
                    error: (!own.is_empty()).then(|| own.join(" ")),
                }
            })
            .collect();
        FollowUpPage { chrome: Chrome::new(language, "follow-up-title", "follow-up"), errors: errors_links, fields }
    }
}

#[derive(Template)]
#[template(path = "form/follow_up_done.html")]
struct FollowUpDonePage {
    chrome: Chrome,
    added_information: bool,
    asked_for_advocate: bool,
}

#[derive(Template)]
#[template(path = "form/form.html")]
struct FormPage {
    chrome: Chrome,
    errors: Vec<ErrorLink>,
    /// The answers a report needs, asked first.
    essentials: Vec<Section>,
    /// "Tell us more": the optional questions, folded until opened.
    more: Vec<Section>,
    /// Unfolded when one of its questions has an answer or an error.
    more_open: bool,
    form_key: String,
    privacy_version: &'static str,
}

#[cfg(test)]
mod tests {
    use super::date_from_parts;

    #[test]
    fn the_dates_three_boxes_make_the_reports_date() {
        let date = |day: &str, month: &str, year: &str| {
            let body = form_urlencoded::Serializer::new(String::new())
                .append_pair("incident.occurred_on-day", day)
                .append_pair("incident.occurred_on-month", month)
                .append_pair("incident.occurred_on-year", year)
                .finish();
            date_from_parts(body.as_bytes())
        };
        assert_eq!(date("20", "11", "2026").as_deref(), Some("2026-11-20"));
        assert_eq!(date(" 5 ", "3", "2026").as_deref(), Some("2026-03-05"), "one digit is padded");
        assert_eq!(date("２０", "１１", "２０２６").as_deref(), Some("2026-11-20"), "full-width digits");
        assert_eq!(date("", "", ""), None, "nothing typed: the date is missing, not wrong");
        // Whatever is not a date goes to the report's parser as typed, which refuses it.
        assert_eq!(date("31", "2", "26").as_deref(), Some("26-02-31"));
        assert_eq!(date_from_parts(b"incident.occurred_on=2026-11-20"), None, "a client's own date is left alone");
    }
}
