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
}

#[derive(Deserialize)]
struct ForceEntry {
    id: String,
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
}

struct Tables {
    area_forces: HashMap<String, Vec<String>>,
    district_forces: HashMap<String, Vec<String>>,
    force_nation: HashMap<String, Nation>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let areas: AreaFile =
        serde_json::from_str(include_str!("../data/uk-postcode-areas-police-forces.json"))
            .expect("shipped postcode-area table parses (checked by tests)");
    let districts: DistrictFile = serde_json::from_str(include_str!(
        "../data/uk-postcode-districts-police-forces.json"
    ))
    .expect("shipped postcode-district table parses (checked by tests)");
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
            .map(|a| (a.area, a.forces))
            .collect(),
        district_forces: districts
            .districts
            .into_iter()
            .map(|d| (d.district, d.forces))
            .collect(),
        force_nation,
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
/// otherwise the whole area's. Empty for Crown dependencies.
pub fn candidate_forces(postcode: &Postcode) -> &'static [String] {
    let tables = &*TABLES;
    tables
        .district_forces
        .get(postcode.district())
        .or_else(|| tables.area_forces.get(postcode.area()))
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The nation of a postcode, when every candidate force lies in the same one.
pub fn nation_of(postcode: &Postcode) -> Nation {
    let mut nations = candidate_forces(postcode).iter().map(|force| {
        TABLES
            .force_nation
            .get(force)
            .copied()
            .unwrap_or(Nation::Unknown)
    });
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
        for forces in TABLES
            .area_forces
            .values()
            .chain(TABLES.district_forces.values())
        {
            for force in forces {
                assert!(TABLES.force_nation.contains_key(force), "{force}");
            }
        }
    }
}
