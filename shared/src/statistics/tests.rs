use super::*;

use crate::i18n::Language;
use crate::reference::Reference;
use crate::report::Role;
use serde_json::json;
use uuid::Uuid;

fn summary(nation: Nation, channel: Channel, types: &[IncidentType], motivations: &[Motivation]) -> CaseSummary {
    CaseSummary {
        report_id: Uuid::nil(),
        reference: Reference::from_entropy(1),
        received_at: "2026-11-10T12:00:00Z".parse().unwrap(),
        channel,
        language: Language::English,
        nation,
        occurred_month: "2026-11".into(),
        role: Role::Victim,
        heritage: vec![],
        age_band: None,
        gender: None,
        incident_types: types.to_vec(),
        motivations: motivations.to_vec(),
        place_type: None,
        online: false,
        injured: None,
        ongoing: None,
        reported_to_police_already: None,
        perpetrator_count: None,
        perpetrator_relationship: None,
        police_consent: PoliceConsent::No,
        advocate_support: false,
        support_needs: vec![],
        privacy_notice_version: "2026-01".into(),
        spoken_language: None,
        interpreter_needed: None,
        phone_given: false,
        email_given: false,
        routes: vec![],
    }
}

/// Counts with the given total and tables (codes → counts); yes/no counts as given.
fn counts(total: u64, tables: &[(Dimension, &[(&str, u64)])], police: u64, advocate: u64) -> MonthCounts {
    let mut counts = MonthCounts::new("2026-11");
    counts.reports = total;
    for (dimension, cells) in tables {
        for (code, n) in *cells {
            assert!(dimension.categories().contains(code), "{code}");
            counts.table_mut(*dimension).insert(code.to_string(), *n);
        }
    }
    counts.referred_to_police = police;
    counts.asked_for_advocate = advocate;
    counts
}

fn cells(published: &PublishedMonth, dimension: Dimension) -> Vec<Option<u64>> {
    dimension.categories().iter().map(|c| published.table(dimension)[*c].value()).collect()
}

const W: Option<u64> = None;

#[test]
fn a_month_is_the_uk_calendar_month() {
    // 23:30 UTC on 30 June is 00:30 BST on 1 July.
    assert_eq!(month_of("2026-06-30T23:30:00Z".parse().unwrap()), "2026-07");
    // In winter UK time is UTC.
    assert_eq!(month_of("2026-12-31T23:30:00Z".parse().unwrap()), "2026-12");
    assert_eq!(month_of("2027-01-01T00:00:00Z".parse().unwrap()), "2027-01");
}

#[test]
fn a_report_counts_once_in_each_of_its_types_and_motivations() {
    let mut s = summary(
        Nation::Wales,
        Channel::Phone,
        &[IncidentType::VerbalAbuse, IncidentType::Threats, IncidentType::VerbalAbuse],
        &[Motivation::Race, Motivation::Religion],
    );
    s.police_consent = PoliceConsent::Anonymous;
    s.advocate_support = true;
    assert_eq!(
        counter_keys(&s),
        [
            "reports",
            "incident_type:verbal_abuse",
            "incident_type:threats",
            "motivation:race",
            "motivation:religion",
            "nation:wales",
            "channel:phone",
            "police",
            "advocate"
        ]
    );

    let mut month = MonthCounts::new("2026-11");
    month.add(&s);
    month.add(&summary(Nation::Wales, Channel::Online, &[IncidentType::Threats], &[Motivation::Race]));
    assert_eq!(month.reports, 2);
    assert_eq!(month.incident_types, BTreeMap::from([("verbal_abuse".into(), 1), ("threats".into(), 2)]));
    assert_eq!(month.motivations, BTreeMap::from([("race".into(), 2), ("religion".into(), 1)]));
    assert_eq!(month.nations, BTreeMap::from([("wales".into(), 2)]));
    assert_eq!(month.channels, BTreeMap::from([("online".into(), 1), ("phone".into(), 1)]));
    assert_eq!((month.referred_to_police, month.asked_for_advocate), (1, 1));

    // The counters are the same counts, and give them back.
    let counters = month.counters();
    assert_eq!(counters["incident_type:threats"], 2);
    assert_eq!(MonthCounts::from_counters("2026-11", &counters), Ok(month.clone()));

    // A withdrawal takes the report away again; counts stop at zero.
    month.remove(&s);
    month.remove(&s);
    let mut expected = MonthCounts::new("2026-11");
    expected.add(&summary(Nation::Wales, Channel::Online, &[IncidentType::Threats], &[Motivation::Race]));
    expected.reports = 0;
    expected.incident_types.clear();
    expected.motivations.clear();
    expected.nations.clear();
    assert_eq!(month, expected, "only the online channel is left, the rest stopped at zero");
}

#[test]
fn unknown_counters_are_refused() {
    for key in ["nation:atlantis", "colour:red", "reports:all", "police_referrals"] {
        let counters = BTreeMap::from([(key.to_string(), 3)]);
        assert_eq!(MonthCounts::from_counters("2026-11", &counters), Err(UnknownCounter(key.into())));
    }
    // A counter an adapter decremented to zero, or below, is simply not counted.
    let counters = BTreeMap::from([("nation:wales".to_string(), 0), ("reports".to_string(), -2)]);
    assert_eq!(MonthCounts::from_counters("2026-11", &counters), Ok(MonthCounts::new("2026-11")));
}

#[test]
fn a_month_below_the_threshold_is_withheld_entirely() {
    for total in [0, 1, 9] {
        let month = counts(total, &[(Dimension::Nation, &[("england", total)])], 0, 0);
        let published = publish(&month, DEFAULT_THRESHOLD);
        assert_eq!(published.reports, Cell::Withheld);
        for dimension in Dimension::ALL {
            assert!(published.table(*dimension).values().all(|c| c.is_withheld()), "{total} {dimension}");
            assert_eq!(published.table(*dimension).len(), dimension.categories().len());
        }
        assert_eq!((published.referred_to_police, published.asked_for_advocate), (Cell::Withheld, Cell::Withheld));
    }
}

#[test]
fn one_small_nation_takes_the_whole_table_with_it() {
    // England 50, Scotland 3, the rest 0, of 53. Primary: 3, 0, 0, 0 (3 between them, which the
    // public could work out as 53 − 50). The smallest published cell, England, goes too.
    let month = counts(53, &[(Dimension::Nation, &[("england", 50), ("scotland", 3)])], 0, 0);
    let published = publish(&month, DEFAULT_THRESHOLD);
    assert_eq!(published.reports, Cell::Value(53));
    assert_eq!(cells(&published, Dimension::Nation), [W, W, W, W, W]);

    // England alone would show that the other nations had none (every reporter was in England).
    let month = counts(53, &[(Dimension::Nation, &[("england", 53)])], 0, 0);
    assert_eq!(cells(&publish(&month, DEFAULT_THRESHOLD), Dimension::Nation), [W, W, W, W, W]);
}

#[test]
fn secondary_suppression_takes_the_smallest_published_cells_until_the_withheld_hold_enough() {
    // England 40, Scotland 12, Wales 5, Northern Ireland 3, unknown 0, of 60: primary 5, 3, 0
    // (8 together); Scotland (12) goes too, and then 20 are withheld.
    let nations: &[(&str, u64)] = &[("england", 40), ("scotland", 12), ("wales", 5), ("northern_ireland", 3)];
    let published = publish(&counts(60, &[(Dimension::Nation, nations)], 0, 0), DEFAULT_THRESHOLD);
    assert_eq!(cells(&published, Dimension::Nation), [Some(40), W, W, W, W]);

    // Channels 30/25/5: the 5 alone is never withheld alone; the 25 goes with it.
    let channels: &[(&str, u64)] = &[("online", 30), ("phone", 25), ("webchat", 5)];
    let published = publish(&counts(60, &[(Dimension::Channel, channels)], 0, 0), DEFAULT_THRESHOLD);
    assert_eq!(cells(&published, Dimension::Channel), [Some(30), W, W]);

    // On a tie the first in the table's order goes: online 20, phone 20, webchat 0 of 40.
    let channels: &[(&str, u64)] = &[("online", 20), ("phone", 20)];
    let published = publish(&counts(40, &[(Dimension::Channel, channels)], 0, 0), DEFAULT_THRESHOLD);
    assert_eq!(cells(&published, Dimension::Channel), [W, Some(20), W]);

    // Nothing small, nothing withheld.
    let channels: &[(&str, u64)] = &[("online", 20), ("phone", 10), ("webchat", 10)];
    let published = publish(&counts(40, &[(Dimension::Channel, channels)], 0, 0), DEFAULT_THRESHOLD);
    assert_eq!(cells(&published, Dimension::Channel), [Some(20), Some(10), Some(10)]);
}

#[test]
fn a_lone_withheld_type_is_not_left_with_a_lower_bound() {
    // Of 95 reports: race 42, five motivations 10 each, other 5. The published cells sum to 92,
    // so the public would know `other` ≥ 3 (every report has a motivation): religion goes too.
    let motivations: &[(&str, u64)] = &[
        ("race", 42),
        ("religion", 10),
        ("sexual_orientation", 10),
        ("disability", 10),
        ("transgender_identity", 10),
        ("sex_or_gender", 10),
        ("other", 5),
    ];
    let published = publish(&counts(95, &[(Dimension::Motivation, motivations)], 0, 0), DEFAULT_THRESHOLD);
    assert_eq!(cells(&published, Dimension::Motivation), [Some(42), W, Some(10), Some(10), Some(10), Some(10), W]);

    // With the published cells already at the total the lone cell tells nothing: it stays alone.
    let mut motivations = motivations.to_vec();
    motivations[0].1 = 45;
    let published = publish(&counts(95, &[(Dimension::Motivation, &motivations)], 0, 0), DEFAULT_THRESHOLD);
    assert_eq!(cells(&published, Dimension::Motivation)[1..], [Some(10), Some(10), Some(10), Some(10), Some(10), W]);

    // Usually many types are small and they protect each other.
    let types: &[(&str, u64)] = &[("verbal_abuse", 30), ("threats", 12), ("harassment", 4)];
    let published = publish(&counts(35, &[(Dimension::IncidentType, types)], 0, 0), DEFAULT_THRESHOLD);
    let expected = [Some(30), W, Some(12), W, W, W, W, W, W, W, W];
    assert_eq!(cells(&published, Dimension::IncidentType), expected);
}

#[test]
fn a_yes_no_count_is_withheld_when_it_or_its_complement_is_small() {
    let cases = [(30, 15, Cell::Value(15)), (30, 25, Cell::Withheld), (30, 5, Cell::Withheld)];
    let cases = cases.into_iter().chain([(30, 0, Cell::Withheld), (30, 30, Cell::Withheld), (20, 10, Cell::Value(10))]);
    for (total, police, expected) in cases {
        let published = publish(&counts(total, &[], police, police), DEFAULT_THRESHOLD);
        assert_eq!(published.referred_to_police, expected, "{police} of {total}");
        assert_eq!(published.asked_for_advocate, expected, "{police} of {total}");
    }
}

#[test]
fn counters_that_do_not_add_up_are_not_published() {
    let month = counts(40, &[(Dimension::Nation, &[("england", 20), ("scotland", 15)])], 0, 0);
    let published = publish(&month, DEFAULT_THRESHOLD);
    assert!(published.nations.values().all(|c| c.is_withheld()));
    let month = counts(40, &[(Dimension::IncidentType, &[("threats", 41)])], 0, 0);
    assert!(publish(&month, DEFAULT_THRESHOLD).incident_types.values().all(|c| c.is_withheld()));
}

#[test]
fn the_threshold_is_configurable() {
    let channels: &[(&str, u64)] = &[("online", 20), ("phone", 6), ("webchat", 6)];
    let month = counts(32, &[(Dimension::Channel, channels)], 0, 0);
    assert_eq!(cells(&publish(&month, 5), Dimension::Channel), [Some(20), Some(6), Some(6)]);
    assert_eq!(cells(&publish(&month, 10), Dimension::Channel), [Some(20), W, W]);
    assert_eq!(publish(&month, 33).reports, Cell::Withheld);
}

#[test]
fn withheld_is_null_in_json_and_empty_in_csv() {
    let channels: &[(&str, u64)] = &[("online", 30), ("phone", 25), ("webchat", 5)];
    // England alone would reveal the other nations' 0 (and so that every report was in England).
    let nations: &[(&str, u64)] = &[("england", 45), ("scotland", 15)];
    let month = counts(60, &[(Dimension::Channel, channels), (Dimension::Nation, nations)], 20, 0);
    let published = publish(&month, DEFAULT_THRESHOLD);
    assert_eq!(published, publish(&month, DEFAULT_THRESHOLD), "deterministic");

    let value = serde_json::to_value(&published).unwrap();
    assert_eq!(value["reports"], json!(60));
    assert_eq!(value["channels"], json!({"online": 30, "phone": null, "webchat": null}));
    assert_eq!(value["referred_to_police"], json!(20));
    assert_eq!(value["asked_for_advocate"], json!(null));
    assert_eq!(value["threshold"], json!(10));
    assert_eq!(value["incident_types"].as_object().unwrap().len(), IncidentType::ALL.len());
    assert_eq!(serde_json::from_value::<PublishedMonth>(value).unwrap(), published);

    let text = csv(std::slice::from_ref(&published));
    let lines: Vec<&str> = text.lines().collect();
    let rows = 1 + IncidentType::ALL.len() + Motivation::ALL.len() + Nation::ALL.len() + Channel::ALL.len() + 2;
    assert_eq!(lines.len(), 1 + rows);
    assert_eq!(lines[0], "month,dimension,category,count,withheld");
    assert_eq!(lines[1], "2026-11,reports,all,60,false");
    assert_eq!(lines[2], "2026-11,incident_type,verbal_abuse,,true");
    assert!(lines.contains(&"2026-11,nation,england,45,false"));
    assert!(lines.contains(&"2026-11,nation,scotland,,true"));
    assert!(lines.contains(&"2026-11,channel,online,30,false"));
    assert!(lines.contains(&"2026-11,channel,webchat,,true"));
    assert_eq!(lines[rows - 1], "2026-11,referred_to_police,yes,20,false");
    assert_eq!(lines[rows], "2026-11,asked_for_advocate,yes,,true");
    assert_eq!(csv(&[]), "month,dimension,category,count,withheld\n");
}
