//! The contract check: every answer a test gets from the router is held against
//! `docs/openapi.json`. The operation is found by matching the concrete path against the
//! document's path templates; the status must be documented for it (or a `default` answer
//! exist), the content type must be the documented media type, and a JSON body must validate
//! against the documented schema (its `$ref`s resolved into `components`).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use axum::http::{header, HeaderMap, StatusCode};
use serde_json::{json, Value};

/// The document, read once per test binary.
pub fn document() -> &'static Value {
    static DOCUMENT: LazyLock<Value> = LazyLock::new(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
    });
    &DOCUMENT
}

/// The document's path template that `path` (query string and all) is an instance of: a
/// template's `{name}` segment matches any one non-empty segment; a literal segment wins over
/// a template one.
pub fn template_of(path: &str) -> Option<&'static str> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').collect();
    let paths = document()["paths"].as_object().expect("the document has paths");
    paths
        .keys()
        .filter_map(|template| {
            let parts: Vec<&str> = template.split('/').collect();
            if parts.len() != segments.len() {
                return None;
            }
            let mut literal = 0;
            for (part, segment) in parts.iter().zip(&segments) {
                if part.starts_with('{') && part.ends_with('}') {
                    if segment.is_empty() {
                        return None;
                    }
                } else if part == segment {
                    literal += 1;
                } else {
                    return None;
                }
            }
            Some((literal, template.as_str()))
        })
        .max_by_key(|(literal, _)| *literal)
        .map(|(_, template)| template)
}

/// Follows a `$ref` to a JSON pointer in the document (for response objects).
fn resolve(node: &'static Value) -> &'static Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').unwrap_or_else(|| panic!("only local $refs: {reference}"));
            resolve(document().pointer(pointer).unwrap_or_else(|| panic!("{reference} is not in the document")))
        }
        None => node,
    }
}

fn is_json(media_type: &str) -> bool {
    media_type == "application/json" || media_type.ends_with("+json")
}

/// A validator for one schema of the document, compiled once.
fn validator(schema: &'static Value) -> Arc<jsonschema::Validator> {
    static CACHE: LazyLock<Mutex<HashMap<usize, Arc<jsonschema::Validator>>>> = LazyLock::new(Default::default);
    let key = schema as *const Value as usize;
    if let Some(validator) = CACHE.lock().unwrap().get(&key) {
        return validator.clone();
    }
    // The schema at the root, with the document's components beside it for its `$ref`s.
    let mut root = json!({"components": document()["components"]});
    match schema {
        Value::Object(map) => {
            for (name, value) in map {
                root[name] = value.clone();
            }
        }
        other => root = json!({"allOf": [other], "components": document()["components"]}),
    }
    let validator = jsonschema::draft202012::new(&root)
        .unwrap_or_else(|e| panic!("the document's schema does not compile: {e}\n{schema}"));
    let validator = Arc::new(validator);
    CACHE.lock().unwrap().insert(key, validator.clone());
    validator
}

/// Errors of `instance` against the document's schema at `pointer` (empty: valid).
pub fn errors_against(pointer: &str, instance: &Value) -> Vec<String> {
    let schema = document().pointer(pointer).unwrap_or_else(|| panic!("{pointer} is not in the document"));
    validator(schema).iter_errors(instance).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

/// The path template and the documented response object (its `$ref` followed) for `status` of
/// `method path`, or why there is none.
fn documented_response(method: &str, path: &str, status: u16) -> Result<(&'static str, &'static Value), String> {
    let template = template_of(path).ok_or("the path is not in docs/openapi.json")?;
    let operation = document()["paths"][template]
        .get(method.to_ascii_lowercase())
        .ok_or_else(|| format!("{method} {template} is not in docs/openapi.json"))?;
    let responses = &operation["responses"];
    let status_key = status.to_string();
    let range_key = format!("{}XX", status / 100);
    let response = [status_key.as_str(), range_key.as_str(), "default"]
        .iter()
        .find_map(|key| responses.get(*key))
        .map(resolve)
        .ok_or_else(|| format!("{status} is not documented for {method} {template}"))?;
    Ok((template, response))
}

/// Asserts that the headers the document marks `required` for this answer are there and match
/// their schemas (`Cache-Control: no-store` on the form's pages, `Location` on a redirect).
pub fn check_headers(method: &str, path: &str, status: u16, headers: &HeaderMap) {
    let (template, response) = documented_response(method, path, status).unwrap_or_else(|e| panic!("{e}"));
    let Some(documented) = response.get("headers").and_then(Value::as_object) else { return };
    for (name, header) in documented {
        let header = resolve(header);
        if header["required"] != true {
            continue;
        }
        let value = headers
            .get(name.as_str())
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("{method} {path} answered {status} without {name}, required for {template}"));
        let errors: Vec<String> =
            validator(&header["schema"]).iter_errors(&json!(value)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{method} {path} answered {status} with {name}: {value}: {errors:?}");
    }
}

/// Asserts that the answer `status`, `content_type`, `body` to `method path` is one the
/// document describes.
pub fn check(method: &str, path: &str, status: u16, content_type: Option<&str>, body: &[u8]) {
    let answer = || format!("{method} {path} answered {status} {content_type:?}: {}", String::from_utf8_lossy(body));
    let (template, response) =
        documented_response(method, path, status).unwrap_or_else(|e| panic!("{} — {e}", answer()));

    let Some(content) = response.get("content").and_then(Value::as_object) else {
        assert!(body.is_empty(), "{} — {method} {template} {status} is documented without a body", answer());
        return;
    };
    let essence = content_type
        .and_then(|c| c.split(';').next())
        .map(|c| c.trim().to_ascii_lowercase())
        .unwrap_or_else(|| panic!("{} — no Content-Type; documented: {:?}", answer(), content.keys()));
    let (media_type, media) = content
        .iter()
        .find(|(documented, _)| documented.eq_ignore_ascii_case(&essence))
        .or_else(|| {
            content.iter().find(|(documented, _)| {
                documented.strip_suffix("/*").is_some_and(|kind| essence.starts_with(&format!("{kind}/")))
                    || documented.as_str() == "*/*"
            })
        })
        .unwrap_or_else(|| {
            panic!("{} — Content-Type {essence} is not documented; documented: {:?}", answer(), content.keys())
        });
    if !is_json(&essence) {
        return;
    }
    let instance: Value = serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("{} — the body is not JSON ({e}) though the type is {media_type}", answer()));
    if let Some(schema) = media.get("schema") {
        let errors: Vec<String> =
            validator(schema).iter_errors(&instance).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(
            errors.is_empty(),
            "{} — the body does not match the schema of {method} {template} {status}: {errors:#?}",
            answer()
        );
    }
}

/// Reads a response of the router to `method path`, checks it against the document, and
/// returns its status, headers and body.
pub async fn read(
    method: &str,
    path: &str,
    response: axum::response::Response,
) -> (StatusCode, HeaderMap, axum::body::Bytes) {
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    check(method, path, status.as_u16(), content_type, &bytes);
    check_headers(method, path, status.as_u16(), &headers);
    (status, headers, bytes)
}
