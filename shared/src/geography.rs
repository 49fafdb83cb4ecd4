//! Where an incident happened, in the terms routing and statistics need: the UK nation, and
//! (for the police-referral worker) the candidate police forces of a postcode.
//!
//! The tables are reference data shipped in `shared/data/` with their sources (see its README):
//! postcode areas and districts to police forces, each force with its nation.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::fields::Postcode;

choice! {
    /// The UK nation of an incident, for statistics and for matching partner organisations.
    pub enum Nation {
        England => "england",
        Scotland => "scotland",
        Wales => "wales",
        NorthernIreland => "northern_ireland",
        /// Online, no postcode, a postcode spanning nations, or a Crown dependency.
        Unknown => "unknown",
    }
}

#[derive(Deserialize)]
struct AreaFile {
    areas: Vec<AreaEntry>,
    forces: Vec<ForceEntry>,
}

#[derive(Deserialize)]
struct AreaEntry {
    area: String,
    forces: Vec<String>,
    #[serde(default)]
    single_force: bool,
    confidence: Confidence,
}

#[derive(Deserialize)]
struct ForceEntry {
    id: String,
    name: String,
    nation: String,
}

#[derive(Deserialize)]
struct DistrictFile {
    districts: Vec<DistrictEntry>,
}

#[derive(Deserialize)]
struct DistrictEntry {
    district: String,
    forces: Vec<String>,
    #[serde(default)]
    single_force: bool,
    confidence: Confidence,
}

/// How sure the reference data is of a postcode's forces (see `shared/data/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// The police forces a postcode district or area may belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForceCandidates {
    /// Force ids (data.police.uk), the most likely first. Empty for Crown dependencies.
    pub forces: Vec<String>,
    /// True only if one force covers the whole district or area.
    pub single_force: bool,
    pub confidence: Confidence,
}

struct Tables {
    area_forces: HashMap<String, ForceCandidates>,
    district_forces: HashMap<String, ForceCandidates>,
    force_nation: HashMap<String, Nation>,
    force_name: HashMap<String, String>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let areas: AreaFile = serde_json::from_str(include_str!("../data/uk-postcode-areas-police-forces.json"))
        .expect("shipped postcode-area table parses (checked by tests)");
    let districts: DistrictFile =
        serde_json::from_str(include_str!("../data/uk-postcode-districts-police-forces.json"))
            .expect("shipped postcode-district table parses (checked by tests)");
    let force_name = areas.forces.iter().map(|f| (f.id.clone(), f.name.clone())).collect();
    let force_nation = areas
        .forces
        .into_iter()
        .map(|f| {
            let nation = match f.nation.as_str() {
                "England" => Nation::England,
                "Scotland" => Nation::Scotland,
                "Wales" => Nation::Wales,
                "Northern Ireland" => Nation::NorthernIreland,
                // British Transport Police covers the railways of Great Britain: no single nation.
                _ => Nation::Unknown,
            };
            (f.id, nation)
        })
        .collect();
    Tables {
        area_forces: areas
            .areas
            .into_iter()
            .map(|a| {
                (a.area, ForceCandidates { forces: a.forces, single_force: a.single_force, confidence: a.confidence })
            })
            .collect(),
        district_forces: districts
            .districts
            .into_iter()
            .map(|d| {
                let candidates =
                    ForceCandidates { forces: d.forces, single_force: d.single_force, confidence: d.confidence };
                (d.district, candidates)
            })
            .collect(),
        force_nation,
        force_name,
    }
});

/// Parses the shipped tables now rather than on the first report that names a postcode: call
/// it while a function starts, outside any request.
pub fn load_tables() {
    LazyLock::force(&TABLES);
}

/// Whether `area` (`M`, `SW`, `GY`) is one of the 124 postcode areas in use.
pub fn is_known_area(area: &str) -> bool {
    TABLES.area_forces.contains_key(area)
}

/// The candidate police forces for a postcode: the district's if the district is known,
/// otherwise the whole area's (every area a `Postcode` can hold is in the table).
pub fn candidate_forces(postcode: &Postcode) -> &'static ForceCandidates {
    let tables = &*TABLES;
    tables
        .district_forces
        .get(postcode.district())
        .or_else(|| tables.area_forces.get(postcode.area()))
        .expect("Postcode::parse accepts only known areas")
}

/// The candidate police forces of the postcode's whole area.
pub fn area_forces(postcode: &Postcode) -> &'static ForceCandidates {
    TABLES.area_forces.get(postcode.area()).expect("Postcode::parse accepts only known areas")
}

/// A force's display name (`Greater Manchester Police`), or the id if unknown.
pub fn force_name(force: &str) -> &str {
    TABLES.force_name.get(force).map(String::as_str).unwrap_or(force)
}

/// Every force id in the reference data.
pub fn all_forces() -> impl Iterator<Item = &'static str> {
    TABLES.force_name.keys().map(String::as_str)
}

/// The nation of a postcode, when every candidate force lies in the same one.
pub fn nation_of(postcode: &Postcode) -> Nation {
    let mut nations = candidate_forces(postcode)
        .forces
        .iter()
        .map(|force| TABLES.force_nation.get(force).copied().unwrap_or(Nation::Unknown));
    match nations.next() {
        Some(first) if nations.all(|n| n == first) => first,
        _ => Nation::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nation(postcode: &str) -> Nation {
        nation_of(&Postcode::parse(postcode).unwrap())
    }

    #[test]
    fn nations_from_postcodes() {
        assert_eq!(nation("M1 1AE"), Nation::England);
        assert_eq!(nation("EH1 1YZ"), Nation::Scotland);
        assert_eq!(nation("CF10 1AA"), Nation::Wales);
        assert_eq!(nation("BT7 1NN"), Nation::NorthernIreland);
        assert_eq!(nation("SW1A 1AA"), Nation::England);
    }

    #[test]
    fn crown_dependencies_and_unknown_areas() {
        assert_eq!(nation("JE2 3AB"), Nation::Unknown);
        assert!(is_known_area("GY"));
        assert!(!is_known_area("QQ"));
    }

    #[test]
    fn shipped_tables_cover_every_area_and_force() {
        assert_eq!(TABLES.area_forces.len(), 124);
        assert!(TABLES.district_forces.len() > 2900);
        // Every force named by the area and district tables has a nation entry.
        for candidates in TABLES.area_forces.values().chain(TABLES.district_forces.values()) {
            for force in &candidates.forces {
                assert!(TABLES.force_nation.contains_key(force), "{force}");
            }
        }
    }
}
