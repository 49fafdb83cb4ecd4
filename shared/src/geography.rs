//! Where an incident happened, in the terms routing and statistics need: the UK nation, and
//! (for the police-referral worker) the candidate police forces of a postcode.
//!
//! The tables are reference data shipped in `shared/data/` with their sources (see its README):
//! postcode areas and districts to police forces, each force with its nation.

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

/// How sure the reference data is of a postcode's forces (see `shared/data/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// The police forces a postcode district or area may belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForceCandidates {
    /// Force ids (data.police.uk), the most likely first. Empty for Crown dependencies.
    pub forces: Vec<&'static str>,
    /// True only if one force covers the whole district or area.
    pub single_force: bool,
    pub confidence: Confidence,
}

/// A police force of the reference data.
struct Force {
    id: &'static str,
    name: &'static str,
    nation: Nation,
}

/// A district's or area's row: its key padded with zero bytes, up to eight forces as indexes
/// into `FORCES` (`u8::MAX` for none).
struct Packed {
    key: [u8; 4],
    forces: [u8; 8],
    single_force: bool,
    confidence: Confidence,
}

// `FORCES` (sorted by id), `AREA_FORCES` and `DISTRICT_FORCES` (sorted by key): packed from the
// JSON tables by `build.rs`, so nothing is parsed when a function starts.
include!(concat!(env!("OUT_DIR"), "/postcode_tables.rs"));

/// The row of `key` (a district or an area), if the table has it.
fn row<'t>(table: &'t [Packed], key: &str) -> Option<&'t Packed> {
    let mut padded = [0u8; 4];
    padded.get_mut(..key.len())?.copy_from_slice(key.as_bytes());
    table.binary_search_by_key(&padded, |p| p.key).ok().map(|i| &table[i])
}

fn lookup(table: &[Packed], key: &str) -> Option<ForceCandidates> {
    let row = row(table, key)?;
    Some(ForceCandidates {
        forces: row.forces.iter().take_while(|&&i| i != u8::MAX).map(|&i| FORCES[usize::from(i)].id).collect(),
        single_force: row.single_force,
        confidence: row.confidence,
    })
}

fn force(id: &str) -> Option<&'static Force> {
    FORCES.binary_search_by_key(&id, |f| f.id).ok().map(|i| &FORCES[i])
}

/// Whether `area` (`M`, `SW`, `GY`) is one of the 124 postcode areas in use.
pub fn is_known_area(area: &str) -> bool {
    row(AREA_FORCES, area).is_some()
}

/// The candidate police forces for a postcode: the district's if the district is known,
/// otherwise the whole area's (every area a `Postcode` can hold is in the table).
pub fn candidate_forces(postcode: &Postcode) -> ForceCandidates {
    lookup(DISTRICT_FORCES, postcode.district())
        .or_else(|| lookup(AREA_FORCES, postcode.area()))
        .expect("Postcode::parse accepts only known areas")
}

/// The candidate police forces of the postcode's whole area.
pub fn area_forces(postcode: &Postcode) -> ForceCandidates {
    lookup(AREA_FORCES, postcode.area()).expect("Postcode::parse accepts only known areas")
}

/// A force's display name (`Greater Manchester Police`), or the id if unknown.
pub fn force_name(id: &str) -> &str {
    force(id).map_or(id, |f| f.name)
}

/// Every force id in the reference data, in order.
pub fn all_forces() -> impl Iterator<Item = &'static str> {
    FORCES.iter().map(|f| f.id)
}

/// The nation of a postcode, when every candidate force lies in the same one.
pub fn nation_of(postcode: &Postcode) -> Nation {
    let forces = candidate_forces(postcode).forces;
    let mut nations = forces.iter().map(|id| force(id).map_or(Nation::Unknown, |f| f.nation));
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
        assert_eq!(AREA_FORCES.len(), 124);
        assert!(DISTRICT_FORCES.len() > 2900);
        // Sorted, so a binary search finds every key.
        for table in [AREA_FORCES, DISTRICT_FORCES] {
            assert!(table.windows(2).all(|w| w[0].key < w[1].key));
            for row in table {
                let key = std::str::from_utf8(&row.key).unwrap().trim_end_matches('\0');
                assert!(lookup(table, key).is_some(), "{key}");
            }
        }
        assert!(FORCES.windows(2).all(|w| w[0].id < w[1].id));
        assert_eq!(FORCES.len(), 46);
        assert_eq!(force_name("greater-manchester"), "Greater Manchester Police");
        assert_eq!(force_name("atlantis"), "atlantis", "an unknown id is shown as it is");
        assert!(lookup(AREA_FORCES, "MANCHESTER").is_none(), "a key too long is no key");
    }

    #[test]
    fn the_packed_tables_hold_what_the_json_says() {
        // Every row of the shipped JSON, read back through the lookups routing uses.
        let areas: serde_json::Value =
            serde_json::from_str(include_str!("../data/uk-postcode-areas-police-forces.json")).unwrap();
        let districts: serde_json::Value =
            serde_json::from_str(include_str!("../data/uk-postcode-districts-police-forces.json")).unwrap();
        for (rows, key, table) in
            [(&areas["areas"], "area", AREA_FORCES), (&districts["districts"], "district", DISTRICT_FORCES)]
        {
            for row in rows.as_array().unwrap() {
                let found = lookup(table, row[key].as_str().unwrap()).expect("every row is packed");
                let forces: Vec<&str> = row["forces"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
                assert_eq!(found.forces, forces, "{row}");
                assert_eq!(found.single_force, row["single_force"].as_bool().unwrap_or(false), "{row}");
                assert_eq!(format!("{:?}", found.confidence).to_lowercase(), row["confidence"].as_str().unwrap());
            }
        }
        for force in areas["forces"].as_array().unwrap() {
            assert_eq!(force_name(force["id"].as_str().unwrap()), force["name"].as_str().unwrap());
        }
    }
}
