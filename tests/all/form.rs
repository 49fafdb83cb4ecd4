//! The public report form as a person without scripts uses it: pages in every form language,
//! a plain HTML POST that answers with the confirmation or the form again (errors linked,
//! everything typed kept), and the headers that keep a shared device safe.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use oys_shared::i18n::Language;
use tower::ServiceExt;

use crate::support::{contract, Backend};
use oys_test_support::on_both_backends;

struct Page {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    html: String,
}

async fn send(backend: &Backend, request: Request<Body>) -> Page {
    let (method, path) = (request.method().to_string(), request.uri().path().to_string());
    let response = backend.router().oneshot(request).await.unwrap();
    let (status, headers, bytes) = contract::read(&method, &path, response).await;
    Page { status, headers, html: String::from_utf8(bytes.to_vec()).unwrap() }
}

async fn get(backend: &Backend, path: &str) -> Page {
    send(backend, Request::get(path).body(Body::empty()).unwrap()).await
}

/// Posts the form as a browser that kept the form page's cookie, and follows the `303` to the
/// confirmation with the cookie it sets.
async fn post_form(backend: &Backend, lang: &str, fields: &[(&str, &str)]) -> Page {
    let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    let request = Request::post(format!("/{lang}/"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, "oys-cookies=1")
        .body(Body::from(body))
        .unwrap();
    let answer = send(backend, request).await;
    if answer.status != StatusCode::SEE_OTHER {
        return answer;
    }
    assert_eq!(answer.headers[header::LOCATION], "sent", "relative, so it stays under a stage");
    let cookie = answer.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
    let confirmation =
        Request::get(format!("/{lang}/sent")).header(header::COOKIE, cookie).body(Body::empty()).unwrap();
    send(backend, confirmation).await
}

/// The minimum path: what a reporter must answer to report anonymously, asking for nothing.
fn minimum(form_key: &str) -> Vec<(&'static str, String)> {
    let answers = crate::support::minimum_form("A man shouted at me on the bus.");
    std::iter::once(("form_key", form_key.to_string()))
        .chain(answers.into_iter().map(|(field, value)| (field, value.to_string())))
        .collect()
}

fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Every language the form offers, and the pages each has.
fn pages() -> Vec<String> {
    let mut pages = Vec::new();
    for language in oys_web::form_languages() {
        pages.push(format!("/{}/", language.as_str()));
        pages.push(format!("/{}/privacy", language.as_str()));
        pages.push(format!("/{}/follow-up", language.as_str()));
    }
    pages
}

async fn every_page_renders_in_every_form_language_with_every_message_translated(backend: Backend) {
    assert!(oys_web::form_languages().len() >= 2, "English and Traditional Chinese at least");
    for path in pages() {
        let page = get(&backend, &path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let lang = path.split('/').nth(1).unwrap();
        assert!(page.html.contains(&format!("<html lang=\"{lang}\">")), "{path} declares its language");
        // A missing message shows as its id: none may.
        for id in ["form-", "choice-", "privacy-", "error-"] {
            let raw = page.html.match_indices(id).find(|(i, _)| {
                // Ids appear as text only when missing: `>form-title<`, not in an attribute.
                page.html[..*i].ends_with('>') || page.html[..*i].ends_with(' ')
            });
            assert!(raw.is_none(), "{path} shows a message id: {:?}", &page.html[raw.unwrap().0..][..40]);
        }
    }
    // Each form language has its own words for every message the form uses, not English's.
    let english_form = get(&backend, "/en/").await.html;
    for language in oys_web::form_languages().into_iter().filter(|l| *l != Language::English) {
        let page = get(&backend, &format!("/{}/", language.as_str())).await.html;
        for english in ["What happened", "Send my report", "Exit this page", "Prefer not to say"] {
            assert!(english_form.contains(english));
            assert!(!page.contains(english), "{language}: `{english}` is not translated");
        }
    }
}

async fn the_first_page_follows_the_browsers_language(backend: Backend) {
    for (accept, expected) in [("zh-HK, zh;q=0.9, en;q=0.5", "zh-Hant/"), ("de-DE, fr;q=0.5", "en/"), ("", "en/")] {
        let request = Request::get("/").header(header::ACCEPT_LANGUAGE, accept).body(Body::empty()).unwrap();
        let page = send(&backend, request).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert_eq!(page.headers[header::LOCATION], expected, "Accept-Language: {accept}");
    }
    assert_eq!(get(&backend, "/xx/").await.status, StatusCode::NOT_FOUND, "a language the form lacks");
}

/// The public API's address has no trailing slash (`…/live`): the REST API passes `/` for the
/// stage root either way and lambda_http drops the stage, so the redirect must follow the path
/// the browser shows, kept in the request context, or `zh-Hant/` would leave the stage (the
/// event's browser prefers Traditional Chinese).
async fn the_first_page_stays_under_the_api_stage_with_or_without_a_slash(backend: Backend) {
    for (shown, location, lands_on) in [
        ("/live", "./live/zh-Hant/", "/live/zh-Hant/"),
        ("/live/", "zh-Hant/", "/live/zh-Hant/"),
        ("/", "zh-Hant/", "/zh-Hant/"),
        ("/report", "./report/zh-Hant/", "/report/zh-Hant/"),
    ] {
        let mut event: serde_json::Value =
            serde_json::from_str(&crate::support::event("apigw-rest-form-page.json")).unwrap();
        event["path"] = "/".into();
        event["resource"] = "/".into();
        event["pathParameters"] = serde_json::Value::Null;
        event["requestContext"]["path"] = shown.into();
        event["requestContext"]["resourcePath"] = "/".into();
        let request = lambda_http::request::from_str(&event.to_string()).expect("a REST API event");
        // As in Lambda with AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH (not set process-wide here).
        let (mut parts, body) = request.into_parts();
        parts.uri = "/".parse().unwrap();
        let request = Request::from_parts(parts, Body::from(body.to_vec()));
        let page = send(&backend, request).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert_eq!(page.headers[header::LOCATION], location, "from {shown}");
        assert_eq!(resolve(shown, location), lands_on, "from {shown}");
    }
}

/// A relative reference of the kind the redirect gives (`en/`, `./live/en/`), resolved against
/// a path as a browser does (RFC 3986, 5.2).
fn resolve(base: &str, reference: &str) -> String {
    let directory = &base[..=base.rfind('/').unwrap()];
    format!("{directory}{}", reference.trim_start_matches("./"))
}

async fn pages_are_safe_on_a_shared_phone(backend: Backend) {
    let mut checked = pages();
    checked.extend(["/assets/form.css".to_string(), "/assets/form.js".to_string()]);
    for path in checked {
        let page = get(&backend, &path).await;
        if !path.starts_with("/assets/") {
            assert_eq!(page.headers[header::CACHE_CONTROL], "no-store", "{path}");
        }
        assert_eq!(page.headers[header::REFERRER_POLICY], "no-referrer", "{path}");
        let csp = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: no inline script or style");
        if path.ends_with('/') || path.ends_with("privacy") {
            // Nothing is loaded from another site; the only outside link is the quick exit.
            for attribute in ["src=\"", "href=\""] {
                for (i, _) in page.html.match_indices(attribute) {
                    let url = &page.html[i + attribute.len()..];
                    let url = &url[..url.find('"').unwrap()];
                    let exit = url == "https://www.bbc.co.uk/weather";
                    // Relative links only: the pages also live under an API Gateway stage path.
                    let relative = !url.contains("://") && !url.starts_with('/');
                    assert!(relative || exit, "{path} refers to {url}");
                }
            }
            assert!(!page.html.contains("<script>") && !page.html.contains(" style="), "{path}: inline code");
            assert!(page.html.contains("id=\"exit-this-page\""), "{path}: the quick exit");
        }
        if !path.starts_with("/assets/") {
            safe_in_history_and_autofill(&path, &page.html);
        }
    }
    let with_errors = post_form(&backend, "en", &[("contact.name", "Chan Tai Man")]).await;
    safe_in_history_and_autofill("the form with errors", &with_errors.html);
    let sent = post_form(&backend, "en", &pairs(&minimum("shared-phone"))).await;
    safe_in_history_and_autofill("the confirmation", &sent.html);
}

/// A form view costs one request to the API: every page links the stylesheet and the script
/// under names with a hash of their bytes, which browsers keep for a year; the plain names stay
/// (briefly cached) for pages opened before.
async fn assets_have_hashed_names_and_are_kept_for_a_year(backend: Backend) {
    let linked = |html: &str, attribute: &str, extension: &str| {
        let after = html.split(&format!("{attribute}=\"../assets/")).nth(1).expect("a linked asset");
        let name = after.split('"').next().unwrap().to_string();
        assert!(name.starts_with("form.") && name.ends_with(extension), "{name}");
        name
    };
    let form = get(&backend, "/en/").await.html;
    let (styles, script) = (linked(&form, "href", ".css"), linked(&form, "src", ".js"));
    for path in pages() {
        let html = get(&backend, &path).await.html;
        assert_eq!((linked(&html, "href", ".css"), linked(&html, "src", ".js")), (styles.clone(), script.clone()));
    }
    for (hashed, plain, content_type) in
        [(&styles, "/assets/form.css", "text/css"), (&script, "/assets/form.js", "text/javascript")]
    {
        let asset = get(&backend, &format!("/assets/{hashed}")).await;
        assert_eq!(asset.status, StatusCode::OK, "{hashed}");
        assert_eq!(asset.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        assert!(asset.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with(content_type));
        assert_eq!(asset.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        let hash = oys_shared::hex::sha256(asset.html.as_bytes());
        assert_eq!(hashed.split('.').nth(1), Some(&hash[..16]), "the name carries the hash of the bytes");
        let old = get(&backend, plain).await;
        assert_eq!(old.html, asset.html, "the plain name serves the same bytes");
        assert_eq!(old.headers[header::CACHE_CONTROL], "public, max-age=300");
    }
    let stale = get(&backend, "/assets/form.0123456789abcdef.css").await;
    assert_eq!(stale.status, StatusCode::NOT_FOUND, "a name that is not the current one");
}

/// Another website cannot make its visitors' browsers file reports or follow-ups (a form body
/// needs no preflight): every public POST from another site is refused, on both routers,
/// before anything is read; the site's own pages, the form's configured origin and clients
/// that are not browsers still get through.
async fn another_site_cannot_make_a_browser_send_reports_or_follow_ups(backend: Backend) {
    let form_body = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs(&minimum("cross-1"))).finish();
    let json_body = crate::support::event("report-anonymous.json");
    let follow_up = r#"{"reference": "OYS-K7M2-Q9XD", "receipt": "ABCDE-FGHJK-MNPQR-STVWX-YZ012", "information": "x"}"#;
    let request = |path: &str, headers: &[(&str, &str)]| {
        let (content_type, body) = match path {
            "/v1/reports" => ("application/json", json_body.clone()),
            "/v1/follow-ups" => ("application/json", follow_up.to_string()),
            _ => ("application/x-www-form-urlencoded", form_body.clone()),
        };
        let mut builder =
            Request::post(path).header(header::CONTENT_TYPE, content_type).header(header::HOST, "oys.test");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::from(body)).unwrap()
    };
    let elsewhere: [&[(&str, &str)]; 4] = [
        &[("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")],
        &[("sec-fetch-site", "cross-site"), ("origin", "null")],
        &[("sec-fetch-site", "same-site"), ("origin", "https://other.oys.test")],
        &[("origin", "https://evil.example")],
    ];
    for router in [backend.router(), backend.full_router()] {
        for path in ["/en/", "/zh-Hant/check", "/en/follow-up", "/v1/follow-ups", "/v1/reports"] {
            for headers in elsewhere {
                let response = router.clone().oneshot(request(path, headers)).await.unwrap();
                let (status, _, body) = contract::read("POST", path, response).await;
                assert_eq!(status, StatusCode::FORBIDDEN, "{path} {headers:?}");
                let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
                assert_eq!(body["errors"][0]["code"], "cross_site_request", "{path}: {body}");
                assert_eq!(body["errors"][0]["field"], "Origin");
            }
        }
    }
    assert_eq!(backend.case_count().await, 0, "nothing from another site was stored");
    assert!(backend.emails().await.is_empty());
    let refused = backend.router().oneshot(request("/zh-Hant/", elsewhere[0])).await.unwrap();
    let body = axum::body::to_bytes(refused.into_body(), usize::MAX).await.unwrap();
    assert!(String::from_utf8_lossy(&body).contains("0808 801 0393"), "the refusal says what to do instead");

    // What still gets through: the site's own pages (with and without fetch metadata), the
    // form's configured origin, and clients that are not browsers.
    let own: [&[(&str, &str)]; 4] = [
        &[("sec-fetch-site", "same-origin"), ("origin", "null")],
        &[("origin", "http://oys.test")],
        &[("origin", "null")],
        &[("sec-fetch-site", "none")],
    ];
    for (i, headers) in own.iter().enumerate() {
        let body =
            form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs(&minimum(&format!("own-{i}")))).finish();
        let mut sent = request("/en/", headers);
        *sent.body_mut() = Body::from(body);
        let page = send(&backend, sent).await;
        assert_eq!(page.status, StatusCode::OK, "sent: {headers:?}");
    }
    let configured = [("sec-fetch-site", "cross-site"), ("origin", crate::support::backend::FORM_ORIGIN)];
    let response = backend.router().oneshot(request("/v1/reports", &configured)).await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED, "the form's configured origin");
    let response = backend.full_router().oneshot(request("/v1/follow-ups", &[])).await.unwrap();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_ne!(body["errors"][0]["code"], "cross_site_request", "no browser headers: read (its receipt is wrong)");
    assert_eq!(backend.case_count().await, 5);
}

/// The follow-up page takes its own form only: another content type is refused as documented
/// (415), not read as a follow-up with every field missing; and the advocate's phone has the
/// report phone's length rule, with its own error, on the page and in the JSON API.
async fn the_follow_up_page_refuses_other_content_types_and_long_phones(backend: Backend) {
    let fields = [
        ("reference", "OYS-7K2M-Q9XD"),
        ("receipt", "ABCDE-FGHJK-MNPQR-STVWX-YZ012"),
        ("advocate_phone", "0770090012300000000000000000000000000000000"),
    ];
    let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    for content_type in [Some("application/json"), Some("text/plain"), Some("multipart/form-data; boundary=x"), None] {
        let mut request = Request::post("/en/follow-up");
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        let page = send(&backend, request.body(Body::from(body.clone())).unwrap()).await;
        assert_eq!(page.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type:?}");
        assert!(page.html.contains("unsupported_media_type"), "{}", page.html);
    }
    let request = Request::post("/en/follow-up")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let page = send(&backend, request).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.html.contains("at most 40 characters"), "the phone's length rule: {}", page.html);

    let json = serde_json::json!({
        "reference": fields[0].1, "receipt": fields[1].1, "advocate_phone": fields[2].1,
    });
    let request = Request::post("/v1/follow-ups")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json.to_string()))
        .unwrap();
    let answer = send(&backend, request).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let answer: serde_json::Value = serde_json::from_str(&answer.html).unwrap();
    assert_eq!(
        (&answer["errors"][0]["field"], &answer["errors"][0]["code"]),
        (&"advocate_phone".into(), &"too_long".into())
    );
    assert_eq!(backend.case_count().await, 0);
}

/// What a shared phone keeps after the page is gone: its title (history, tabs) says nothing
/// about racism or a report, and no form lets the browser remember or offer what was typed.
fn safe_in_history_and_autofill(what: &str, html: &str) {
    let title = html.split("<title>").nth(1).and_then(|t| t.split("</title>").next());
    assert_eq!(title, Some("On Your Side"), "{what}: the title names only the service");
    for form in html.split("<form").skip(1) {
        let tag = form.split('>').next().unwrap();
        assert!(tag.contains("autocomplete=\"off\""), "{what}: <form{tag}> lets the browser keep answers");
    }
}

/// The reference as the confirmation shows it: its groups, each in its own unbreakable span.
fn shown_reference(html: &str) -> String {
    let shown = html.split("id=\"reference\"").nth(1).unwrap().split_once('>').unwrap().1.split("</p>").next().unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in shown.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

async fn the_minimum_path_reports_without_scripts_and_shows_the_reference(backend: Backend) {
    // The minimum path: seven answers on one page. Each is needed (without it the form comes
    // back), and every other question on the page says it is optional.
    let fields = minimum("form-key-needs");
    let answers: Vec<&str> =
        fields.iter().map(|(k, _)| *k).filter(|k| *k != "form_key" && !k.starts_with("consent.privacy")).collect();
    assert_eq!(answers.len(), 7, "{answers:?}");
    for left_out in &answers {
        let without: Vec<(&'static str, &str)> =
            fields.iter().filter(|(k, _)| k != left_out).map(|(k, v)| (*k, v.as_str())).collect();
        let page = post_form(&backend, "zh-Hant", &without).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{left_out} is needed");
    }
    assert_eq!(backend.case_count().await, 0);
    let form = get(&backend, "/en/").await.html;
    let questions = form.matches("class=\"question").count();
    let optional = form.matches("class=\"optional\"").count();
    // Not marked optional: the six required questions. Postcode, town and "it happened online"
    // are each optional, one of the three needed (the section says so).
    assert_eq!(questions - optional, 6, "every other question is marked optional");
    assert!(form.contains("Give at least one"));

    let fields = minimum("form-key-one");
    let page = post_form(&backend, "zh-Hant", &pairs(&fields)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    let reference = shown_reference(&page.html);
    assert!(oys_shared::Reference::parse(&reference).is_some(), "{reference}");
    assert!(page.html.contains("0808 801 0393") && page.html.contains("您的舉報已經提交"));
    assert_eq!(backend.case_count().await, 1);
    let parsed = oys_shared::Reference::parse(&reference).unwrap();
    let stored = backend.services.reports.get_report(&parsed).await.unwrap().unwrap();
    assert_eq!(stored.summary.language, Language::ChineseTraditional, "the page's language is the report's");
    assert!(stored.contact.is_none(), "nothing that reaches the reporter was asked");
    let alerts = backend.emails().await;
    assert_eq!(alerts.len(), 1);
    assert!(alerts[0].subject.contains(&reference));

    // The same form sent again (a double tap, a lost answer) is the same report, with a new receipt.
    let again = post_form(&backend, "zh-Hant", &pairs(&fields)).await;
    assert!(again.html.contains(&reference) && again.html.contains("id=\"receipt\""));
    assert_eq!(backend.case_count().await, 1);

    // A reload of the confirmation, or Back to it, shows no report: the cookie was cleared.
    let reloaded = get(&backend, "/zh-Hant/sent").await;
    assert_eq!(reloaded.status, StatusCode::OK);
    assert!(!reloaded.html.contains(&reference) && reloaded.html.contains("id=\"nothing-to-show\""));

    // A browser that keeps no cookies (the form page's was refused) gets the confirmation in
    // the answer itself: never left without its reference.
    let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs(&minimum("no-cookies"))).finish();
    let request = Request::post("/zh-Hant/")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let direct = send(&backend, request).await;
    assert_eq!(direct.status, StatusCode::OK);
    assert!(direct.html.contains("id=\"reference\"") && direct.html.contains("id=\"receipt\""));
    assert_eq!(backend.case_count().await, 2);

    // Sent again past the re-issue window (the next person on a shared phone): the reference
    // and the helpline, never a receipt.
    backend.clock.advance(oys_application::intake::RECEIPT_REISSUE_WINDOW + std::time::Duration::from_secs(1));
    let later = post_form(&backend, "zh-Hant", &pairs(&fields)).await;
    assert!(later.html.contains(&reference), "{}", later.html);
    assert!(!later.html.contains("id=\"receipt\"") && later.html.contains("id=\"receipt-withheld\""));
    assert_eq!(backend.case_count().await, 2);
}

async fn a_form_with_mistakes_comes_back_with_every_error_linked_and_everything_kept(backend: Backend) {
    let fields = [
        ("form_key", "form-key-two"),
        ("incident.description", "He said <script>alert(1)</script> to me"),
        ("contact.name", "Chan Tai Man"),
        ("contact.phone", "not a phone"),
        ("incident.types", "verbal_abuse"),
        ("incident.types", "threats"),
        ("consent.police", "with_contact_details"),
    ];
    let page = post_form(&backend, "en", &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let summary =
        page.html.split("id=\"error-summary\"").nth(1).expect("an error summary").split("</div>").next().unwrap();
    let anchors: Vec<&str> = summary.split("href=\"#").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    for expected in ["incident-occurred_on", "reporter-role", "contact-phone", "consent-advocate_support"] {
        assert!(anchors.contains(&expected), "{expected} in {anchors:?}");
    }
    for anchor in &anchors {
        assert!(page.html.contains(&format!("id=\"{anchor}\"")), "the summary links to #{anchor}, which exists");
    }
    assert!(summary.contains("Phone number Enter a phone number"), "each error names its question: {summary}");
    // Everything typed is kept, escaped.
    assert!(page.html.contains("value=\"Chan Tai Man\"") && page.html.contains("value=\"not a phone\""));
    assert!(
        page.html.contains("He said &#60;script&#62;alert(1)&#60;/script&#62; to me")
            || page.html.contains("He said &lt;script&gt;")
    );
    assert!(!page.html.contains("<script>alert(1)"));
    for kept in [
        "incident-types-verbal_abuse\" value=\"verbal_abuse\" checked",
        "incident-types-threats\" value=\"threats\" checked",
    ] {
        assert!(page.html.contains(kept), "{kept}");
    }
    assert!(page.html.contains("value=\"form-key-two\""), "the same form, so a resend stays one report");
    assert_eq!(backend.case_count().await, 0, "nothing stored");
    assert!(backend.emails().await.is_empty(), "nothing sent");
}

async fn the_script_can_check_a_form_in_place_and_nothing_is_kept(backend: Backend) {
    let check = |fields: Vec<(&'static str, String)>| {
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        let request = Request::post("/vi/check")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        let backend = &backend;
        async move {
            let page = send(backend, request).await;
            assert_eq!(page.status, StatusCode::OK);
            serde_json::from_str::<serde_json::Value>(&page.html).unwrap()
        }
    };
    let answer = check(vec![("contact.name", "Planted Name 4471".into())]).await;
    let anchors: Vec<&str> =
        answer["errors"].as_array().unwrap().iter().map(|e| e["anchor"].as_str().unwrap()).collect();
    assert_eq!(anchors.first(), Some(&"reporter-role"), "in form order: {anchors:?}");
    assert_eq!(anchors.get(1), Some(&"incident-occurred_on"), "in form order: {anchors:?}");
    assert!(anchors.contains(&"consent-police") && anchors.contains(&"reporter-role"));
    // In the page's language, saying what to do rather than "this is required".
    let choose_role = oys_shared::i18n::message(Language::Vietnamese, "error-required-reporter-role", &[]);
    assert_eq!(answer["errors"][0]["inline"].as_str().unwrap(), choose_role);
    assert!(!choose_role.contains("bắt buộc"));
    assert_eq!(check(minimum("check-key")).await["errors"], serde_json::json!([]), "the minimum path is complete");
    // No body at all is the empty form (the document marks the body optional): every question
    // that needs an answer says so. Found by Schemathesis (scripts/api-fuzz).
    let empty = send(&backend, Request::post("/vi/check").body(Body::empty()).unwrap()).await;
    assert_eq!(empty.status, StatusCode::OK);
    let empty: serde_json::Value = serde_json::from_str(&empty.html).unwrap();
    assert_eq!(empty["errors"].as_array().unwrap().len(), anchors.len(), "{empty}");
    let optional = crate::support::contract::document().pointer("/paths/~1{lang}~1check/post/requestBody/required");
    assert_eq!(optional, Some(&serde_json::json!(false)));
    assert_eq!(backend.case_count().await, 0, "a check stores nothing");
    assert!(backend.emails().await.is_empty(), "and sends nothing");
}

/// "Language you would like to speak" is optional, so no answer to it may stop a report: a
/// language's name in any script is taken as written, a code still canonicalised; only an
/// answer too long to be a language comes back, with its own error, and nothing is stored.
async fn any_answer_to_the_spoken_language_is_taken_and_only_a_too_long_one_comes_back(backend: Backend) {
    for (i, (answer, kept)) in [("Cantonese", "Cantonese"), (" 粵語 ", "粵語"), ("YUE", "yue")].into_iter().enumerate()
    {
        let mut fields = minimum(&format!("spoken-{i}"));
        fields.push(("contact.preferred_language", answer.to_string()));
        let page = post_form(&backend, "en", &pairs(&fields)).await;
        assert_eq!(page.status, StatusCode::OK, "{answer}: {}", page.html);
        let reference = oys_shared::Reference::parse(&shown_reference(&page.html)).unwrap();
        let stored = backend.services.reports.get_report(&reference).await.unwrap().unwrap();
        assert_eq!(stored.summary.spoken_language.map(|l| l.as_str().to_string()), Some(kept.to_string()));
    }
    let mut fields = minimum("spoken-too-long");
    fields.push(("contact.preferred_language", "Cantonese ".repeat(7)));
    let page = post_form(&backend, "en", &pairs(&fields)).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.html.contains("href=\"#contact-preferred_language\""), "the error links to the question");
    assert!(page.html.contains("at most 60 characters"), "and says the limit");
    assert_eq!(backend.case_count().await, 3, "the long answer stored nothing");
}

/// A report the store cannot take: the form comes back with the outage said, everything typed
/// kept, `Retry-After` on the answer, and nothing stored.
async fn a_form_sent_during_an_outage_comes_back_kept_with_retry_after(mut backend: Backend) {
    let switch = crate::support::flaky::Switch::default();
    crate::support::flaky::store_outage(&mut backend.services, &switch);
    switch.fail(true);
    let fields = minimum("outage-form-1");
    let page = post_form(&backend, "en", &pairs(&fields)).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.headers[header::RETRY_AFTER], "30", "a 503 says when to try again");
    assert!(page.html.contains("A man shouted at me on the bus."), "what was typed is kept");
    switch.fail(false);
    assert_eq!(backend.case_count().await, 0);
}

on_both_backends!(
    the_script_can_check_a_form_in_place_and_nothing_is_kept,
    every_page_renders_in_every_form_language_with_every_message_translated,
    the_first_page_follows_the_browsers_language,
    pages_are_safe_on_a_shared_phone,
    the_minimum_path_reports_without_scripts_and_shows_the_reference,
    a_form_with_mistakes_comes_back_with_every_error_linked_and_everything_kept,
    a_form_sent_during_an_outage_comes_back_kept_with_retry_after,
    any_answer_to_the_spoken_language_is_taken_and_only_a_too_long_one_comes_back,
    assets_have_hashed_names_and_are_kept_for_a_year,
    the_first_page_stays_under_the_api_stage_with_or_without_a_slash,
    another_site_cannot_make_a_browser_send_reports_or_follow_ups,
    the_follow_up_page_refuses_other_content_types_and_long_phones,
);
