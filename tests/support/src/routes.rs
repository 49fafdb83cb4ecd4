//! The routes axum routers register, read from their source (`.route(path, get(…).post(…))`):
//! the OpenAPI test holds the document to them, the IAM test runs every one. A path is a
//! literal or one of `web/src/lib.rs`'s path constants (`REPORTS`, `HEALTH`).

use std::collections::BTreeSet;

const CONSTANTS: &str = include_str!("../../../web/src/lib.rs");

/// `(METHOD, path)` of every `.route(…)` call in `source`.
pub fn in_source(source: &str) -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    for call in source.split(".route(").skip(1) {
        let argument = call.split(',').next().unwrap().trim();
        let path = match argument.strip_prefix('"') {
            Some(literal) => literal.split('"').next().unwrap().to_string(),
            None => {
                let name = argument.rsplit("::").next().unwrap();
                let declared = format!("const {name}: &str = \"");
                let after = CONSTANTS.split(&declared).nth(1).unwrap_or_else(|| panic!("no path constant {name}"));
                after.split('"').next().unwrap().to_string()
            }
        };
        // The method router: `get(handler)`, chained `.post(handler)`…, up to the closing
        // parenthesis of `.route(`.
        let mut depth = 1;
        let end = call
            .char_indices()
            .find(|(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map(|(i, _)| i)
            .expect("a closing parenthesis");
        let methods = &call[..end];
        let mut found = false;
        for method in ["get", "post", "put", "patch", "delete", "head", "options"] {
            let named = methods
                .match_indices(&format!("{method}("))
                .any(|(i, _)| i == 0 || !methods.as_bytes()[i - 1].is_ascii_alphanumeric());
            if named {
                routes.insert((method.to_uppercase(), path.clone()));
                found = true;
            }
        }
        assert!(found, "no method read in .route({})", &call[..end]);
    }
    routes
}
