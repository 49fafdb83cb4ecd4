//! Words that agree: each translation follows its glossary (`shared/locales/glossary/<lang>.md`),
//! one term per concept. A glossary's table lists, per concept, the term to use and the
//! variants never to use; this fails when a message holds a forbidden variant. In Chinese and
//! Japanese text, punctuation beside a CJK character must be full-width.

use std::path::PathBuf;

use oys_shared::i18n::{translated_languages, Language};

fn locales() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// The text of every message in a Fluent file: its comments and message ids left out.
fn message_texts(ftl: &str) -> Vec<(String, String)> {
    let mut messages: Vec<(String, String)> = Vec::new();
    for line in ftl.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        match line.split_once(" = ") {
            Some((id, value)) if !line.starts_with(' ') => messages.push((id.to_string(), value.to_string())),
            _ => {
                if let Some((_, text)) = messages.last_mut() {
                    text.push('\n');
                    text.push_str(line);
                }
            }
        }
    }
    messages
}

/// One row of a glossary: the concept, the term to use, the variants never to use.
struct Entry {
    concept: String,
    uses: Vec<String>,
    never: Vec<String>,
}

/// The glossary's table rows (`| concept | use | never use |`), the header and rule skipped.
fn glossary(language: Language) -> Vec<Entry> {
    let path = locales().join("glossary").join(format!("{}.md", language.as_str()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} has no glossary at {path:?}", language));
    let terms = |cell: &str| -> Vec<String> {
        cell.split(", ").map(|t| t.trim().trim_matches('`').to_string()).filter(|t| !t.is_empty() && t != "—").collect()
    };
    let rows: Vec<Entry> = text
        .lines()
        .filter(|line| line.starts_with('|'))
        .skip(2)
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').collect();
            (cells.len() >= 3).then(|| Entry {
                concept: cells[0].trim().to_string(),
                uses: terms(cells[1]),
                never: terms(cells[2]),
            })
        })
        .collect();
    assert!(rows.len() >= 8, "{language}'s glossary has {} rows; it should name the service's key terms", rows.len());
    rows
}

/// Whether `variant` occurs in `text` other than inside a longer term to use (a forbidden
/// variant may be part of a right term: 倡導 inside no term, 熱線 inside 熱線接線員). A variant
/// that contains a term to use (求助熱線 holds 熱線) is still found.
fn forbidden_use(text: &str, variant: &str, uses: &[&str]) -> bool {
    text.match_indices(variant).any(|(at, _)| {
        let end = at + variant.len();
        !uses
            .iter()
            .filter(|term| term.len() > variant.len() && term.contains(variant))
            .any(|term| text.match_indices(term).any(|(start, _)| start <= at && end <= start + term.len()))
    })
}

#[test]
fn a_forbidden_variant_is_found_unless_it_is_part_of_a_term_to_use() {
    let uses = ["熱線", "熱線接線員"];
    assert!(forbidden_use("請致電求助熱線", "求助熱線", &uses), "a variant holding a right term");
    assert!(!forbidden_use("熱線接線員會致電", "接線員", &uses), "inside a longer right term");
    assert!(forbidden_use("接線員會致電", "接線員", &uses));
    assert!(!forbidden_use("我們的熱線", "求助熱線", &uses));
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

#[test]
fn every_message_follows_its_languages_glossary() {
    let mut found = Vec::new();
    for language in translated_languages() {
        let entries = glossary(language);
        let ftl = std::fs::read_to_string(locales().join(format!("{}.ftl", language.as_str()))).unwrap();
        let uses: Vec<&str> = entries.iter().flat_map(|e| e.uses.iter().map(String::as_str)).collect();
        for (id, text) in message_texts(&ftl) {
            for entry in &entries {
                for variant in entry.never.iter().filter(|variant| forbidden_use(&text, variant, &uses)) {
                    found.push(format!("{language} {id}: “{variant}” for {} (use {:?})", entry.concept, entry.uses));
                }
            }
        }
    }
    assert!(found.is_empty(), "messages off their glossary:\n{}", found.join("\n"));
}

#[test]
fn chinese_and_japanese_punctuation_is_full_width() {
    let mut found = Vec::new();
    for language in [Language::ChineseTraditional, Language::ChineseSimplified, Language::Japanese] {
        let ftl = std::fs::read_to_string(locales().join(format!("{}.ftl", language.as_str()))).unwrap();
        for (id, text) in message_texts(&ftl) {
            let chars: Vec<char> = text.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                if !",:;?!()".contains(*c) {
                    continue;
                }
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + 1).copied();
                if before.is_some_and(is_cjk) || after.is_some_and(is_cjk) {
                    found.push(format!("{language} {id}: half-width “{c}” in “{text}”"));
                }
            }
        }
    }
    assert!(found.is_empty(), "half-width punctuation beside CJK text:\n{}", found.join("\n"));
}
