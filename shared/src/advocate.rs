//! Proposing the partner organisation best suited to a reporter who asked for an advocate.
//!
//! This is a *proposal* with readable reasons: a person confirms it (UK GDPR art. 22, no
//! solely automated decision on special category data). Nothing about the reporter goes to a
//! partner here.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::case_record::CaseSummary;
use crate::geography::Nation;
use crate::i18n::Language;
use crate::reference::Reference;
use crate::report::SupportNeed;

/// A partner organisation hosting caseworker advocates (configuration data; the list changes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub id: String,
    pub name: String,
    /// Nations it serves.
    pub nations: Vec<Nation>,
    /// Postcode areas it is based in or close to (`M`, `OL`): its region.
    #[serde(default)]
    pub postcode_areas: Vec<String>,
    /// Takes reporters from anywhere in the UK (remote support).
    #[serde(default)]
    pub uk_wide: bool,
    /// Languages and dialects its advocates speak, as BCP 47 primary tags (`yue`, `cmn`, `nan`).
    pub languages: Vec<String>,
    /// Arranges interpreters for other languages.
    #[serde(default)]
    pub arranges_interpreters: bool,
    pub specialisms: Vec<SupportNeed>,
    /// Open cases it can hold.
    pub capacity: u32,
    /// Where handoffs go once the reporter consents (issue: casework).
    pub mailbox: String,
}

/// Parses the partner list and checks it makes sense: ids unique, capacity and languages set.
pub fn parse_partners(json: &str) -> Result<Vec<Partner>, String> {
    let partners: Vec<Partner> = serde_json::from_str(json).map_err(|e| format!("partner list: {e}"))?;
    let mut seen = std::collections::HashSet::new();
    for partner in &partners {
        if !seen.insert(&partner.id) {
            return Err(format!("partner list: duplicate id `{}`", partner.id));
        }
        if partner.languages.is_empty() || partner.nations.is_empty() {
            return Err(format!("partner list: `{}` needs languages and nations", partner.id));
        }
        // Handoffs carry a reporter's contact details: the mailbox must be a real address.
        if crate::fields::EmailAddress::parse(&partner.mailbox).is_err() {
            return Err(format!("partner list: `{}` has no valid mailbox", partner.id));
        }
    }
    if partners.is_empty() {
        return Err("partner list is empty".into());
    }
    Ok(partners)
}

/// The partner list a deployed function may use: the example partners shipped in the repository
/// (ids starting `example-`, mailboxes on `.example` domains) are refused, so a deployment that
/// forgot `PARTNERS_JSON` cannot send a reporter's details to an address nobody reads.
pub fn parse_production_partners(json: &str) -> Result<Vec<Partner>, String> {
    let partners = parse_partners(json)?;
    if let Some(example) =
        partners.iter().find(|p| p.id.starts_with("example-") || p.mailbox.to_ascii_lowercase().ends_with(".example"))
    {
        return Err(format!("partner list: `{}` is an example partner; set the real partners", example.id));
    }
    Ok(partners)
}

/// What the ranking looks at: categories only.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchInput {
    pub nation: Nation,
    pub postcode_area: Option<String>,
    /// The language the reporter asked to be spoken to in, if they named one.
    pub spoken_language: Option<String>,
    /// The language of the form they used.
    pub form_language: Language,
    pub interpreter_needed: bool,
    pub support_needs: Vec<SupportNeed>,
}

impl MatchInput {
    pub fn from_summary(summary: &CaseSummary, postcode_area: Option<String>) -> Self {
        MatchInput {
            nation: summary.nation,
            postcode_area,
            spoken_language: summary.spoken_language.as_ref().map(|l| primary_subtag(l.as_str())),
            form_language: summary.language,
            interpreter_needed: summary.interpreter_needed == Some(true),
            support_needs: summary.support_needs.clone(),
        }
    }
}

/// A partner's place in the proposal, with the reasons for its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedPartner {
    pub partner_id: String,
    pub partner_name: String,
    pub score: i32,
    pub free_places: u32,
    pub reasons: Vec<String>,
}

/// The stored proposal: ranked partners, for a person to confirm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub reference: Reference,
    pub ranked: Vec<RankedPartner>,
    pub proposed_at: jiff::Timestamp,
}

/// Weights, in one place so the reasons and the score never disagree.
mod weight {
    pub const SAME_AREA: i32 = 30;
    pub const SAME_NATION: i32 = 20;
    pub const UK_WIDE: i32 = 10;
    pub const SPOKEN_LANGUAGE: i32 = 30;
    pub const FORM_LANGUAGE: i32 = 15;
    pub const INTERPRETERS: i32 = 10;
    pub const PER_NEED: i32 = 10;
    pub const CAPACITY_MAX: i32 = 20;
    pub const FULL: i32 = -1000;
}

fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or(tag).to_ascii_lowercase()
}

/// Languages a form language suggests: a Chinese form could mean Cantonese, Mandarin or others.
fn languages_of_form(language: Language) -> &'static [&'static str] {
    match language {
        Language::English => &["en"],
        Language::ChineseTraditional => &["yue", "cmn", "zh"],
        Language::ChineseSimplified => &["cmn", "zh"],
        Language::Japanese => &["ja"],
        Language::Korean => &["ko"],
        Language::Thai => &["th"],
        Language::Vietnamese => &["vi"],
        Language::Tagalog => &["tl", "fil"],
        Language::Indonesian => &["id", "ms"],
        Language::Malay => &["ms", "id"],
    }
}

/// A readable name for the languages the service sees most.
pub fn language_name(tag: &str) -> &str {
    match tag {
        "yue" => "Cantonese",
        "cmn" => "Mandarin",
        "zh" => "Chinese",
        "nan" => "Hokkien",
        "hak" => "Hakka",
        "ja" => "Japanese",
        "ko" => "Korean",
        "th" => "Thai",
        "vi" => "Vietnamese",
        "tl" | "fil" => "Tagalog",
        "id" => "Indonesian",
        "ms" => "Malay",
        "km" => "Khmer",
        "lo" => "Lao",
        "my" => "Burmese",
        "mn" => "Mongolian",
        "en" => "English",
        other => other,
    }
}

/// Ranks every partner for a reporter, best first. Ties go to the partner with more free
/// places, then to the lower id, so the same input always gives the same order.
pub fn rank_partners(input: &MatchInput, partners: &[Partner], caseloads: &HashMap<String, i64>) -> Vec<RankedPartner> {
    let mut ranked: Vec<RankedPartner> = partners.iter().map(|p| score(input, p, caseloads)).collect();
    ranked.sort_by(|a, b| {
        b.score.cmp(&a.score).then(b.free_places.cmp(&a.free_places)).then(a.partner_id.cmp(&b.partner_id))
    });
    ranked
}

fn score(input: &MatchInput, partner: &Partner, caseloads: &HashMap<String, i64>) -> RankedPartner {
    let mut score = 0;
    let mut reasons = Vec::new();
    let mut add = |points: i32, reason: String| {
        score += points;
        reasons.push(format!("{points:+} {reason}"));
    };

    let area = input.postcode_area.as_deref().filter(|a| partner.postcode_areas.iter().any(|p| p == a));
    if let Some(area) = area {
        add(weight::SAME_AREA, format!("based in the reporter's postcode area ({area})"));
    } else if input.nation != Nation::Unknown && partner.nations.contains(&input.nation) {
        add(weight::SAME_NATION, format!("serves {}", nation_name(input.nation)));
    } else if partner.uk_wide {
        add(weight::UK_WIDE, "supports reporters anywhere in the UK".into());
    } else {
        add(0, format!("does not cover {}", nation_name(input.nation)));
    }

    let speaks = |tag: &str| partner.languages.iter().any(|l| primary_subtag(l) == tag);
    let spoken = input.spoken_language.as_deref().filter(|l| speaks(l));
    let form = languages_of_form(input.form_language).iter().copied().find(|l| *l != "en" && speaks(l));
    if let Some(language) = spoken {
        add(weight::SPOKEN_LANGUAGE, format!("advocates speak {} ({language}), as asked", language_name(language)));
    } else if let Some(language) = form {
        add(
            weight::FORM_LANGUAGE,
            format!("advocates speak {} ({language}), the form's language", language_name(language)),
        );
    } else if input.interpreter_needed && partner.arranges_interpreters {
        add(weight::INTERPRETERS, "arranges interpreters".into());
    } else if let Some(language) = &input.spoken_language {
        add(0, format!("no advocate speaks {} ({language})", language_name(language)));
    }

    for need in &input.support_needs {
        if partner.specialisms.contains(need) {
            add(weight::PER_NEED, format!("specialises in {need}"));
        }
    }

    // A count below zero (a case unshared that was shared before counts were kept) is none.
    let caseload = u32::try_from(caseloads.get(&partner.id).copied().unwrap_or(0).max(0)).unwrap_or(u32::MAX);
    let free_places = partner.capacity.saturating_sub(caseload);
    if free_places == 0 {
        add(weight::FULL, format!("full: {caseload} open cases of {}", partner.capacity));
    } else {
        let points = (weight::CAPACITY_MAX as u64 * free_places as u64 / partner.capacity.max(1) as u64) as i32;
        add(points, format!("{free_places} of {} places free", partner.capacity));
    }

    RankedPartner { partner_id: partner.id.clone(), partner_name: partner.name.clone(), score, free_places, reasons }
}

fn nation_name(nation: Nation) -> &'static str {
    match nation {
        Nation::England => "England",
        Nation::Scotland => "Scotland",
        Nation::Wales => "Wales",
        Nation::NorthernIreland => "Northern Ireland",
        Nation::Unknown => "an unknown nation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deployed_functions_refuse_the_example_partners_and_bad_mailboxes() {
        let bundled = include_str!("../../config/partners.json");
        assert!(parse_partners(bundled).is_ok(), "the local runner uses them");
        assert!(parse_production_partners(bundled).unwrap_err().contains("example partner"));
        let real = bundled.replace("example-", "p-").replace(".partners.example", ".partners.org.uk");
        assert_eq!(parse_production_partners(&real).unwrap().len(), 5);
        let broken = real.replacen("casework@north-west.partners.org.uk", "not a mailbox", 1);
        assert!(parse_partners(&broken).unwrap_err().contains("no valid mailbox"));
    }

    fn partner(
        id: &str,
        nations: &[Nation],
        areas: &[&str],
        languages: &[&str],
        specialisms: &[SupportNeed],
    ) -> Partner {
        Partner {
            id: id.into(),
            name: format!("Partner {id}"),
            nations: nations.to_vec(),
            postcode_areas: areas.iter().map(|a| a.to_string()).collect(),
            uk_wide: false,
            languages: languages.iter().map(|l| l.to_string()).collect(),
            arranges_interpreters: false,
            specialisms: specialisms.to_vec(),
            capacity: 10,
            mailbox: format!("{id}@partners.test"),
        }
    }

    fn input() -> MatchInput {
        MatchInput {
            nation: Nation::England,
            postcode_area: Some("M".into()),
            spoken_language: Some("yue".into()),
            form_language: Language::ChineseTraditional,
            interpreter_needed: false,
            support_needs: vec![SupportNeed::EmotionalWellbeing, SupportNeed::LegalHelp],
        }
    }

    fn order(ranked: &[RankedPartner]) -> Vec<&str> {
        ranked.iter().map(|r| r.partner_id.as_str()).collect()
    }

    #[test]
    fn region_language_and_needs_decide_with_reasons() {
        use Nation::*;
        use SupportNeed::*;
        let partners = vec![
            partner("scot", &[Scotland], &["EH"], &["yue", "en"], &[EmotionalWellbeing, LegalHelp]),
            partner("mcr", &[England], &["M", "OL"], &["yue", "cmn", "en"], &[EmotionalWellbeing]),
            partner("ldn", &[England], &["E", "N"], &["cmn", "en"], &[EmotionalWellbeing, LegalHelp]),
        ];
        let ranked = rank_partners(&input(), &partners, &HashMap::new());
        assert_eq!(order(&ranked), vec!["mcr", "ldn", "scot"]);
        let best = &ranked[0];
        assert_eq!(best.score, 30 + 30 + 10 + 20);
        assert!(best.reasons.iter().any(|r| r.contains("postcode area (M)")), "{:?}", best.reasons);
        assert!(best.reasons.iter().any(|r| r.contains("Cantonese (yue), as asked")));
        assert!(ranked[2].reasons.iter().any(|r| r.contains("does not cover England")));
    }

    #[test]
    fn a_full_partner_drops_to_the_bottom_and_says_why() {
        let partners = vec![
            partner("a", &[Nation::England], &["M"], &["yue"], &[]),
            partner("b", &[Nation::England], &[], &["en"], &[]),
        ];
        let ranked = rank_partners(&input(), &partners, &HashMap::from([("a".to_string(), 10)]));
        assert_eq!(order(&ranked), vec!["b", "a"]);
        assert!(ranked[1].reasons.iter().any(|r| r.contains("full: 10 open cases of 10")));
    }

    #[test]
    fn ties_break_on_free_places_then_id() {
        let partners = vec![
            partner("b", &[Nation::England], &[], &["en"], &[]),
            partner("a", &[Nation::England], &[], &["en"], &[]),
            partner("c", &[Nation::England], &[], &["en"], &[]),
        ];
        let caseloads = HashMap::from([("a".to_string(), 1)]);
        let mut plain = input();
        plain.spoken_language = None;
        plain.form_language = Language::English;
        plain.postcode_area = None;
        // a has fewer free places (9 of 10 gives 18 points, b and c 20): b then c by id, then a.
        assert_eq!(order(&rank_partners(&plain, &partners, &caseloads)), vec!["b", "c", "a"]);
        assert_eq!(order(&rank_partners(&plain, &partners, &HashMap::new())), vec!["a", "b", "c"]);
    }

    #[test]
    fn the_form_language_counts_when_no_spoken_language_is_given() {
        let partners = vec![
            partner("jp", &[Nation::England], &[], &["ja"], &[]),
            partner("x", &[Nation::England], &[], &["en"], &[]),
        ];
        let mut japanese = input();
        japanese.spoken_language = None;
        japanese.form_language = Language::Japanese;
        let ranked = rank_partners(&japanese, &partners, &HashMap::new());
        assert_eq!(order(&ranked), vec!["jp", "x"]);
        assert!(ranked[0].reasons.iter().any(|r| r.contains("Japanese (ja), the form's language")));
    }

    #[test]
    fn interpreters_count_when_nobody_speaks_the_language() {
        let mut interpreters = partner("i", &[Nation::England], &[], &["en"], &[]);
        interpreters.arranges_interpreters = true;
        let partners = vec![partner("x", &[Nation::England], &[], &["en"], &[]), interpreters];
        let mut hakka = input();
        hakka.spoken_language = Some("hak".into());
        hakka.form_language = Language::English;
        hakka.interpreter_needed = true;
        let ranked = rank_partners(&hakka, &partners, &HashMap::new());
        assert_eq!(order(&ranked), vec!["i", "x"]);
        assert!(ranked[1].reasons.iter().any(|r| r.contains("no advocate speaks Hakka (hak)")));
    }

    #[test]
    fn the_shipped_example_partner_list_parses() {
        let partners = parse_partners(include_str!("../../config/partners.json")).unwrap();
        assert_eq!(partners.len(), 5);
        assert!(parse_partners("[]").is_err());
        let twice = format!("[{0},{0}]", serde_json::to_string(&partners[0]).unwrap());
        assert!(parse_partners(&twice).unwrap_err().contains("duplicate"));
    }
}
