//! `docs/openapi.json` describes the service as it is: its enumerations are the code's, the
//! example reports validate, and real answers of the router validate against its schemas.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use oys_shared::i18n::Language;
use oys_shared::report::*;
use oys_shared::routing::Route;
use oys_shared::ErrorCode;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::api::post;
use crate::support::{event, event_json, Backend};

fn document() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/openapi.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn validator(component: &str) -> jsonschema::Validator {
    let doc = document();
    let schema = json!({"$ref": format!("#/components/schemas/{component}"), "components": doc["components"]});
    jsonschema::draft202012::new(&schema).expect("the document's schemas compile")
}

fn assert_valid(component: &str, instance: &Value) {
    let validator = validator(component);
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{component} does not match the document: {errors:#?}\n{instance}");
}

/// The string values of an `enum` at a JSON pointer into the document (nulls left out).
fn documented(pointer: &str) -> Vec<String> {
    let doc = document();
    let node = doc.pointer(pointer).unwrap_or_else(|| panic!("{pointer} not in the document"));
    let values =
        node.get("enum").or_else(|| node.pointer("/items/enum")).unwrap_or_else(|| panic!("{pointer} has no enum"));
    values.as_array().unwrap().iter().filter_map(|v| v.as_str().map(str::to_string)).collect()
}

fn names<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| as_str(*v).to_string()).collect()
}

#[test]
fn the_documented_enumerations_are_the_codes() {
    let report = "/components/schemas/ReportRequest/properties";
    let pairs = [
        (format!("{report}/reporter/properties/role"), names(Role::ALL, Role::as_str)),
        (format!("{report}/reporter/properties/heritage"), names(Heritage::ALL, Heritage::as_str)),
        (format!("{report}/reporter/properties/age_band"), names(AgeBand::ALL, AgeBand::as_str)),
        (format!("{report}/reporter/properties/gender"), names(Gender::ALL, Gender::as_str)),
        (format!("{report}/contact/properties/preferred_method"), names(ContactMethod::ALL, ContactMethod::as_str)),
        (format!("{report}/incident/properties/types"), names(IncidentType::ALL, IncidentType::as_str)),
        (format!("{report}/incident/properties/motivations"), names(Motivation::ALL, Motivation::as_str)),
        (
            format!("{report}/incident/properties/location/properties/place_type"),
            names(PlaceType::ALL, PlaceType::as_str),
        ),
        (format!("{report}/perpetrators/properties/count"), names(PerpetratorCount::ALL, PerpetratorCount::as_str)),
        (format!("{report}/perpetrators/properties/relationship"), names(Relationship::ALL, Relationship::as_str)),
        (format!("{report}/consent/properties/police"), names(PoliceConsent::ALL, PoliceConsent::as_str)),
        (format!("{report}/consent/properties/support_needs"), names(SupportNeed::ALL, SupportNeed::as_str)),
        (format!("{report}/channel"), names(Channel::ALL, Channel::as_str)),
        ("/components/schemas/Receipt/properties/routes".to_string(), names(Route::ALL, Route::as_str)),
        (
            "/components/schemas/ErrorList/properties/errors/items/properties/code".to_string(),
            names(ErrorCode::ALL, ErrorCode::as_str),
        ),
    ];
    for (pointer, code) in pairs {
        assert_eq!(documented(&pointer), code, "{pointer}");
    }
    let languages = document().pointer(&format!("{report}/language/examples")).unwrap().clone();
    assert_eq!(languages, json!(names(Language::ALL, Language::as_str)));
}

#[test]
fn the_example_reports_are_valid_and_the_invalid_one_is_not() {
    assert_valid("ReportRequest", &event_json("report-full.json"));
    assert_valid("ReportRequest", &event_json("report-anonymous.json"));
    assert_valid("ReportRequest", &value_from_form(form_urlencoded::parse(event("report-form.txt").as_bytes())));
    assert!(!validator("ReportRequest").is_valid(&event_json("report-invalid.json")));
}

#[tokio::test]
async fn real_answers_match_the_documented_schemas() {
    let backend = Backend::embedded().await;
    let router = backend.router();
    for (body, status, schema) in [
        (event("report-full.json"), StatusCode::CREATED, "Receipt"),
        (event("report-anonymous.json"), StatusCode::CREATED, "Receipt"),
        (event("report-invalid.json"), StatusCode::UNPROCESSABLE_ENTITY, "ErrorList"),
        ("{".to_string(), StatusCode::BAD_REQUEST, "ErrorList"),
        ("x".repeat(65 * 1024), StatusCode::PAYLOAD_TOO_LARGE, "ErrorList"),
    ] {
        let answer = post(router.clone(), "application/json", &[], body).await;
        assert_eq!(answer.status, status);
        assert!(
            document()["paths"]["/v1/reports"]["post"]["responses"][status.as_str()].is_object(),
            "{status} documented"
        );
        assert_valid(schema, &answer.json);
    }
    let answer = post(router.clone(), "text/csv", &[], "a,b").await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_valid("ErrorList", &answer.json);
}

#[tokio::test]
async fn every_documented_operation_is_served() {
    let backend = Backend::embedded().await;
    let doc = document();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for method in operations.as_object().unwrap().keys() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let request = Request::builder().method(method.clone()).uri(path).body(Body::empty()).unwrap();
            let status = backend.full_router().oneshot(request).await.unwrap().status();
            assert!(
                status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path} is documented but answered {status}"
            );
        }
    }
}
