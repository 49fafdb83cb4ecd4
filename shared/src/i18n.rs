//! Localised text: field-error messages and the "next steps" answer.
//!
//! Messages are Project Fluent files in `shared/locales/<language>.ftl`; adding a language is
//! adding a file (and a line in `RESOURCES`). A message missing from a language falls back to
//! English, so a partial translation is still safe to ship.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::OnceLock;

choice! {
    /// The languages the form is offered in (the reporter's choice, `language` in the API).
    pub enum Language {
        English => "en",
        ChineseTraditional => "zh-Hant",
        ChineseSimplified => "zh-Hans",
        Japanese => "ja",
        Korean => "ko",
        Thai => "th",
        Vietnamese => "vi",
        Tagalog => "tl",
        Indonesian => "id",
        Malay => "ms",
    }
}

impl Language {
    /// Reads a language identifier leniently (`zh-hant`, `ZH-Hant`, `en-GB` → the form language).
    pub fn from_tag(tag: &str) -> Option<Language> {
        let id: unic_langid::LanguageIdentifier = tag.trim().parse().ok()?;
        let canonical = id.to_string();
        if let Some(exact) = Language::parse(&canonical) {
            return Some(exact);
        }
        match (id.language.as_str(), id.script.as_ref().map(|s| s.as_str())) {
            ("zh", Some("Hant")) => Some(Language::ChineseTraditional),
            ("zh", Some("Hans")) => Some(Language::ChineseSimplified),
            ("zh", None) => match id.region.as_ref().map(|r| r.as_str()) {
                Some("HK" | "TW" | "MO") => Some(Language::ChineseTraditional),
                _ => Some(Language::ChineseSimplified),
            },
            ("fil", _) => Some(Language::Tagalog),
            (lang, _) => Language::parse(lang),
        }
    }

    /// The supported language the `Accept-Language` header prefers most (by its q-values; a
    /// language at `q=0` is one the reader refuses), if any. A range without a q-value has 1; one
    /// whose q-value is no number above 0 (`q=NaN`, `q=x`) counts as refused.
    ///
    /// Read here, not by a library: the one used before sorted by an order that `q=NaN` made
    /// inconsistent, and with enough ranges the sort panicked on any request that sent one.
    pub fn from_accept_language(header: &str) -> Option<Language> {
        let header = header.replace(' ', "");
        let mut ranges: Vec<(&str, f32)> = header
            .split(',')
            .map(|range| {
                let mut parts = range.split(';');
                let tag = parts.next().unwrap_or_default();
                let quality = match parts.next() {
                    None => 1.0,
                    Some(parameter) => parameter
                        .split_once('=')
                        .and_then(|(_, q)| q.parse::<f32>().ok())
                        .filter(|q| *q > 0.0)
                        .unwrap_or(0.0),
                };
                (tag, quality)
            })
            .filter(|(tag, quality)| !tag.is_empty() && *quality > 0.0)
            .collect();
        // The most preferred first; the sort is stable, so equals keep the header's order.
        ranges.sort_by(|a, b| b.1.total_cmp(&a.1));
        ranges.into_iter().find_map(|(tag, _)| Language::from_tag(tag))
    }
}

/// Fluent resources shipped with the code. English is the fallback and must hold every message.
const RESOURCES: &[(Language, &str)] = &[
    (Language::English, include_str!("../locales/en.ftl")),
    (Language::ChineseTraditional, include_str!("../locales/zh-Hant.ftl")),
    (Language::ChineseSimplified, include_str!("../locales/zh-Hans.ftl")),
    (Language::Japanese, include_str!("../locales/ja.ftl")),
    (Language::Korean, include_str!("../locales/ko.ftl")),
    (Language::Thai, include_str!("../locales/th.ftl")),
    (Language::Vietnamese, include_str!("../locales/vi.ftl")),
    (Language::Tagalog, include_str!("../locales/tl.ftl")),
    (Language::Indonesian, include_str!("../locales/id.ftl")),
    (Language::Malay, include_str!("../locales/ms.ftl")),
];

/// Each language's bundle, parsed on its first use: a function starting pays for English (the
/// fallback) alone, and a language's first request about 0.2 ms for its own.
static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; RESOURCES.len()] =
    [const { OnceLock::new() }; RESOURCES.len()];

/// `language`'s bundle, parsed if this is its first use; `None` if it has no translation file.
fn bundle(language: Language) -> Option<&'static FluentBundle<FluentResource>> {
    let index = RESOURCES.iter().position(|(l, _)| *l == language)?;
    Some(BUNDLES[index].get_or_init(|| {
        let source = RESOURCES[index].1;
        let resource = FluentResource::try_new(source.to_string())
            .unwrap_or_else(|(_, errors)| panic!("locale {language} has syntax errors: {errors:?}"));
        let locale: unic_langid::LanguageIdentifier =
            language.as_str().parse().expect("language identifiers are valid BCP 47");
        let mut bundle = FluentBundle::new_concurrent(vec![locale]);
        // No Unicode isolation marks: the text goes into JSON and plain-text email.
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).expect("message ids are unique within a locale");
        bundle
    }))
}

/// Parses English, the fallback every answer may use, now rather than on the first request.
/// The other languages are parsed on their first use.
pub fn load_bundles() {
    bundle(Language::English);
}

/// The message `id` in `language`, falling back to English; `args` fill its variables.
/// A field error's message in `language` (`error-<code>`, its parameters filled in): what an
/// API answer, the form's error summary and the follow-up page all show.
pub fn error_message(language: Language, error: &crate::FieldError) -> String {
    let args: Vec<(&str, String)> = error.params.iter().map(|(k, v)| (*k, v.clone())).collect();
    message(language, &format!("error-{}", error.code.as_str()), &args)
}

pub fn message(language: Language, id: &str, args: &[(&str, String)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    for candidate in [language, Language::English] {
        let Some(bundle) = bundle(candidate) else {
            continue;
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if errors.is_empty() {
            return text.into_owned();
        }
    }
    // Reaching here is a bug in the shipped locales; tests check every id exists in English.
    id.to_string()
}

/// The languages that have their own translation file.
pub fn translated_languages() -> impl Iterator<Item = Language> {
    RESOURCES.iter().map(|(language, _)| *language)
}

/// Whether `language`'s own file (not the fallback) holds message `id`.
pub fn has_own_message(language: Language, id: &str) -> bool {
    bundle(language).is_some_and(|bundle| bundle.has_message(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_language_tags_leniently() {
        assert_eq!(Language::from_tag("zh-hant"), Some(Language::ChineseTraditional));
        assert_eq!(Language::from_tag("zh-HK"), Some(Language::ChineseTraditional));
        assert_eq!(Language::from_tag("zh-CN"), Some(Language::ChineseSimplified));
        assert_eq!(Language::from_tag("en-GB"), Some(Language::English));
        assert_eq!(Language::from_tag("fil"), Some(Language::Tagalog));
        assert_eq!(Language::from_tag("de"), None);
        assert_eq!(Language::from_accept_language("de-DE, zh-TW;q=0.8, en;q=0.5"), Some(Language::ChineseTraditional));
        // The order of preference is the q-values', not the header's.
        assert_eq!(Language::from_accept_language("en;q=0.4, zh-Hant;q=0.9"), Some(Language::ChineseTraditional));
        assert_eq!(Language::from_accept_language("zh-Hant;q=0, en;q=0.2"), Some(Language::English));
        assert_eq!(Language::from_accept_language("de, fr;q=0.5"), None);
        assert_eq!(Language::from_accept_language(""), None);
    }

    #[test]
    fn a_quality_that_is_no_number_is_refused_without_a_panic() {
        // Found by tests/parsers.rs: 21 ranges, one `q=NaN`, made the sort of the library used
        // before panic ("does not correctly implement a total order").
        let mut ranges = vec!["en"; 21];
        ranges[3] = "en;q=0";
        ranges[9] = "en;q=NaN";
        assert_eq!(Language::from_accept_language(&ranges.join(", ")), Some(Language::English));
        assert_eq!(Language::from_accept_language("vi;q=NaN, ko;q=0.5, ja;q=x"), Some(Language::Korean));
        assert_eq!(Language::from_accept_language("en-GB ; q = 0.5 , vi;q=0.6"), Some(Language::Vietnamese));
    }

    #[test]
    fn translated_and_fallback_messages() {
        let en = message(Language::English, "error-required", &[]);
        let zh = message(Language::ChineseTraditional, "error-required", &[]);
        assert_ne!(en, zh);
        assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh}");
        // Every translation has its own words (the completeness test checks every id).
        for language in translated_languages().filter(|l| *l != Language::English) {
            assert_ne!(message(language, "error-required", &[]), en, "{language}");
        }
    }

    #[test]
    fn every_translation_has_every_message_english_has() {
        let english = RESOURCES.iter().find(|(l, _)| *l == Language::English).unwrap().1;
        let ids: Vec<&str> = english
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(id, _)| id))
            .filter(|id| !id.starts_with(['#', ' ']) && !id.is_empty())
            .collect();
        assert!(ids.len() > 200, "{}", ids.len());
        for language in translated_languages() {
            let missing: Vec<&&str> = ids.iter().filter(|id| !has_own_message(language, id)).collect();
            assert!(missing.is_empty(), "{language} lacks {missing:?}");
        }
    }

    #[test]
    fn variables_are_filled() {
        let text = message(Language::English, "error-too_long", &[("max", "200".into())]);
        assert!(text.contains("200"), "{text}");
    }
}
