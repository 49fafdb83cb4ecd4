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

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

#[test]
fn every_message_follows_its_languages_glossary() {
    let mut found = Vec::new();
    for language in translated_languages() {
        let entries = glossary(language);
        let ftl = std::fs::read_to_string(locales().join(format!("{}.ftl", language.as_str()))).unwrap();
        for (id, text) in message_texts(&ftl) {
            // The terms to use are taken out first, so a forbidden variant inside one does not count.
            let mut rest = text.clone();
            for entry in &entries {
                for term in &entry.uses {
                    rest = rest.replace(term.as_str(), " ");
                }
            }
            for entry in &entries {
                for variant in entry.never.iter().filter(|variant| rest.contains(variant.as_str())) {
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
