use super::*;
use crate::report::PoliceConsent;

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
        taken: None,
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

/// Suppression alone (no noise): what the rules withhold, before any noise moves a figure.
fn exact(counts: &MonthCounts, threshold: u64) -> PublishedMonth {
    publish_with_noise(counts, threshold, 0, &|_| 0)
}

#[test]
fn a_month_below_the_threshold_is_withheld_entirely() {
    for total in [0, 1, 9] {
        let month = counts(total, &[(Dimension::Nation, &[("england", total)])], 0, 0);
        let published = exact(&month, DEFAULT_THRESHOLD);
        assert_eq!(published.reports, Cell::Withheld);
        for dimension in Dimension::ALL {
            assert!(published.table(*dimension).values().all(|c| c.is_withheld()), "{total} {dimension}");
            assert_eq!(published.table(*dimension).len(), dimension.categories().len());
        }
        assert_eq!((published.referred_to_police, published.asked_for_advocate), (Cell::Withheld, Cell::Withheld));
    }
    // With noise, a month of up to 13 reports may be withheld (13 − 2 < 12), and one of 14 never is.
    for seed in 0..50u8 {
        let key = NoiseKey([seed; 32]);
        let month = |n| counts(n, &[(Dimension::Nation, &[("england", n)])], 0, 0);
        assert_eq!(publish(&month(9), DEFAULT_THRESHOLD, &key).reports, Cell::Withheld);
        assert!(!publish(&month(14), DEFAULT_THRESHOLD, &key).reports.is_withheld());
    }
}

#[test]
fn one_small_nation_takes_the_whole_table_with_it() {
    // England 50, Scotland 3, the rest 0, of 53: the four withheld cells hold 53 − 50 = 3, so
    // each could only be 0 to 3. The whole table goes.
    let month = counts(53, &[(Dimension::Nation, &[("england", 50), ("scotland", 3)])], 0, 0);
    let published = exact(&month, DEFAULT_THRESHOLD);
    assert_eq!(published.reports, Cell::Value(53));
    assert_eq!(cells(&published, Dimension::Nation), [W, W, W, W, W]);

    // England alone would show that the other nations had none (every reporter was in England).
    let month = counts(53, &[(Dimension::Nation, &[("england", 53)])], 0, 0);
    assert_eq!(cells(&exact(&month, DEFAULT_THRESHOLD), Dimension::Nation), [W, W, W, W, W]);
}

#[test]
fn a_partly_published_table_that_would_narrow_a_withheld_cell_is_withheld_whole() {
    // England 40, Scotland 12, Wales 5, Northern Ireland 3, unknown 0, of 60: the three withheld
    // hold 8, so each is 0 to 8, never 9. The whole table goes.
    let nations: &[(&str, u64)] = &[("england", 40), ("scotland", 12), ("wales", 5), ("northern_ireland", 3)];
    let published = exact(&counts(60, &[(Dimension::Nation, nations)], 0, 0), DEFAULT_THRESHOLD);
    assert_eq!(cells(&published, Dimension::Nation), [W, W, W, W, W]);

    // Channels 30/25/5: the 5 alone would be known. And 42/9/9: two withheld cells of at most 9
    // each holding 18 are 9 and 9.
    for channels in [[30, 25, 5], [42, 9, 9]] {
        let channels: Vec<(&str, u64)> = ["online", "phone", "webchat"].into_iter().zip(channels).collect();
        let published = exact(&counts(60, &[(Dimension::Channel, &channels)], 0, 0), DEFAULT_THRESHOLD);
        assert_eq!(cells(&published, Dimension::Channel), [W, W, W], "{channels:?}");
    }

    // Three withheld nations holding 9 between them could each be anything from 0 to 9: kept.
    let nations: &[(&str, u64)] = &[("england", 36), ("scotland", 15), ("wales", 9)];
    let published = exact(&counts(60, &[(Dimension::Nation, nations)], 0, 0), DEFAULT_THRESHOLD);
    assert_eq!(cells(&published, Dimension::Nation), [Some(36), Some(15), W, W, W]);

    // Nothing small, nothing withheld.
    let channels: &[(&str, u64)] = &[("online", 20), ("phone", 10), ("webchat", 10)];
    let published = exact(&counts(40, &[(Dimension::Channel, channels)], 0, 0), DEFAULT_THRESHOLD);
    assert_eq!(cells(&published, Dimension::Channel), [Some(20), Some(10), Some(10)]);
}

#[test]
fn a_lone_withheld_type_is_not_left_with_a_lower_bound() {
    // Of 95 reports: race 42, five motivations 10 each, other 5. The published cells sum to 92,
    // so the public would know `other` ≥ 3 (every report has a motivation): the table goes.
    let motivations: &[(&str, u64)] = &[
        ("race", 42),
        ("religion", 10),
        ("sexual_orientation", 10),
        ("disability", 10),
        ("transgender_identity", 10),
        ("sex_or_gender", 10),
        ("other", 5),
    ];
    let published = exact(&counts(95, &[(Dimension::Motivation, motivations)], 0, 0), DEFAULT_THRESHOLD);
    assert_eq!(cells(&published, Dimension::Motivation), [W; 7]);

    // With the published cells already at the total the lone cell tells nothing: it stays alone.
    let mut motivations = motivations.to_vec();
    motivations[0].1 = 45;
    let published = exact(&counts(95, &[(Dimension::Motivation, &motivations)], 0, 0), DEFAULT_THRESHOLD);
    assert_eq!(cells(&published, Dimension::Motivation)[1..], [Some(10), Some(10), Some(10), Some(10), Some(10), W]);

    // Usually many types are small and they protect each other.
    let types: &[(&str, u64)] = &[("verbal_abuse", 30), ("threats", 12), ("harassment", 4)];
    let published = exact(&counts(45, &[(Dimension::IncidentType, types)], 0, 0), DEFAULT_THRESHOLD);
    let expected = [Some(30), W, Some(12), W, W, W, W, W, W, W, W];
    assert_eq!(cells(&published, Dimension::IncidentType), expected);
}

#[test]
fn a_cell_near_the_total_is_not_published_with_its_small_complement() {
    // Race 50 of 53 would say that 3 reports were not motivated by race: the table goes, as a
    // yes/no count with a small complement does.
    let motivations: &[(&str, u64)] = &[("race", 50), ("religion", 4), ("other", 3)];
    let month = counts(53, &[(Dimension::Motivation, motivations)], 0, 0);
    assert_eq!(cells(&exact(&month, DEFAULT_THRESHOLD), Dimension::Motivation), [W; 7]);
    // With the noise, race is published only if the total is at least 14 above its figure.
    for seed in 0..50u8 {
        let published = publish(&month, DEFAULT_THRESHOLD, &NoiseKey([seed; 32]));
        assert!(published.motivations["race"].is_withheld(), "{seed}");
    }
    let motivations: &[(&str, u64)] = &[("race", 40), ("religion", 14), ("other", 3)];
    let month = counts(53, &[(Dimension::Motivation, motivations)], 0, 0);
    let published = exact(&month, DEFAULT_THRESHOLD);
    assert_eq!(cells(&published, Dimension::Motivation), [Some(40), Some(14), W, W, W, W, W]);
}

#[test]
fn many_withheld_cells_are_not_pinned_by_a_lower_bound() {
    // The review's example: 100 reports, verbal abuse 10, the ten other types 9 each. Publishing
    // the 10 alone would pin every other type: each is at most 9 (a withheld primary cell) and
    // they must hold at least 100 − 10 = 90 between them, so each is exactly 9.
    let types: Vec<(&str, u64)> =
        IncidentType::identifiers().iter().enumerate().map(|(i, c)| (*c, if i == 0 { 10 } else { 9 })).collect();
    let month = counts(100, &[(Dimension::IncidentType, &types)], 0, 0);
    assert_eq!(cells(&exact(&month, DEFAULT_THRESHOLD), Dimension::IncidentType), [W; 11]);
    // With noise: whatever the key, no type is published while the others are all pinned.
    for seed in 0..100u8 {
        let published = publish(&month, DEFAULT_THRESHOLD, &NoiseKey([seed; 32]));
        let shown: Vec<u64> = cells(&published, Dimension::IncidentType).into_iter().flatten().collect();
        assert!(shown.is_empty() || shown.iter().all(|&v| v >= 12), "{seed}: {shown:?}");
        let withheld = 11 - shown.len() as u64;
        if let (Cell::Value(total), false, true) = (published.reports, shown.is_empty(), withheld > 0) {
            // The withheld types (at most 13 each: 13 − 2 is below 12) must hold at least the
            // smallest total less the largest published counts; each can still be 0 if the
            // others can hold that.
            let rest = (total - 2).saturating_sub(shown.iter().map(|v| v + 2).sum());
            assert!(rest <= (withheld - 1) * 13, "{seed}: {shown:?} of {total}");
        }
    }
}

#[test]
fn planted_reports_do_not_reveal_the_real_count() {
    // The review's padding example: someone files 9 plausible reports from Northern Ireland in a
    // month. Before, a withheld Northern Ireland meant 0 real reports (9 + r < 10), and a published
    // one meant exactly the figure less 9. Now every figure carries noise from −2 to +2.
    let nations = |r: u64| -> MonthCounts {
        let cells: &[(&str, u64)] =
            &[("england", 40), ("scotland", 20), ("wales", 15), ("northern_ireland", 9 + r), ("unknown", 12)];
        counts(96 + r, &[(Dimension::Nation, cells)], 0, 0)
    };
    let northern_ireland = |r: u64, n: i64| -> Cell {
        let noise = |figure: &str| if figure == "nation:northern_ireland" { n } else { 0 };
        publish_with_noise(&nations(r), DEFAULT_THRESHOLD, MAX_NOISE, &noise).nations["northern_ireland"]
    };
    // What the planter can see for each real count, over the five noise values.
    let seen: Vec<Vec<Cell>> = (0..40).map(|r| (-2..=2).map(|n| northern_ireland(r, n)).collect()).collect();
    let outcomes = |r: u64| -> &Vec<Cell> { &seen[r as usize] };
    // The real counts that could have given what they see.
    let consistent = |seen: Cell| -> Vec<u64> { (0..40).filter(|&r| outcomes(r).contains(&seen)).collect() };

    // No real report: always withheld, and "withheld" could as well be 1, 2, 3 or 4 real reports.
    assert_eq!(outcomes(0)[..], [Cell::Withheld; 5]);
    assert_eq!(consistent(Cell::Withheld), [0, 1, 2, 3, 4]);
    // A published figure leaves five real counts, each given by exactly one of the five equally
    // likely noise values: the figure says nothing about which.
    for r in 0..30 {
        for &seen in outcomes(r) {
            if let Cell::Value(p) = seen {
                let window: Vec<u64> = (p.saturating_sub(9 + 2)..=p - 9 + 2).collect();
                assert_eq!(consistent(seen), window, "{r} real, {p} published");
                for &other in &window {
                    assert_eq!(outcomes(other).iter().filter(|c| **c == seen).count(), 1);
                }
            }
        }
    }
}

#[test]
fn a_yes_no_count_is_withheld_when_it_or_its_complement_is_small() {
    let cases = [(30, 15, Cell::Value(15)), (30, 25, Cell::Withheld), (30, 5, Cell::Withheld)];
    let cases = cases.into_iter().chain([(30, 0, Cell::Withheld), (30, 30, Cell::Withheld), (20, 10, Cell::Value(10))]);
    for (total, police, expected) in cases {
        let published = exact(&counts(total, &[], police, police), DEFAULT_THRESHOLD);
        assert_eq!(published.referred_to_police, expected, "{police} of {total}");
        assert_eq!(published.asked_for_advocate, expected, "{police} of {total}");
    }
}

#[test]
fn counters_that_do_not_add_up_are_not_published() {
    let month = counts(40, &[(Dimension::Nation, &[("england", 20), ("scotland", 15)])], 0, 0);
    let published = exact(&month, DEFAULT_THRESHOLD);
    assert!(published.nations.values().all(|c| c.is_withheld()));
    let month = counts(40, &[(Dimension::IncidentType, &[("threats", 41)])], 0, 0);
    assert!(exact(&month, DEFAULT_THRESHOLD).incident_types.values().all(|c| c.is_withheld()));
}

#[test]
fn the_threshold_is_configurable() {
    let channels: &[(&str, u64)] = &[("online", 23), ("phone", 6), ("webchat", 3)];
    let month = counts(32, &[(Dimension::Channel, channels)], 0, 0);
    assert_eq!(cells(&exact(&month, 3), Dimension::Channel), [Some(23), Some(6), Some(3)]);
    // At 5 the 3 would be withheld alone (and known): the table goes.
    assert_eq!(cells(&exact(&month, 5), Dimension::Channel), [W, W, W]);
    // At 10, the 6 and the 3 would be withheld, and 32 − 23 = 9 is below 10 too.
    assert_eq!(cells(&exact(&month, 10), Dimension::Channel), [W, W, W]);
    assert_eq!(exact(&month, 33).reports, Cell::Withheld);
}

#[test]
fn withheld_is_null_in_json_and_empty_in_csv() {
    let channels: &[(&str, u64)] = &[("online", 30), ("phone", 15), ("webchat", 15)];
    let nations: &[(&str, u64)] = &[("england", 36), ("scotland", 15), ("wales", 9)];
    let month = counts(60, &[(Dimension::Channel, channels), (Dimension::Nation, nations)], 20, 0);
    let published = exact(&month, DEFAULT_THRESHOLD);
    let key = NoiseKey([3; 32]);
    assert_eq!(publish(&month, DEFAULT_THRESHOLD, &key), publish(&month, DEFAULT_THRESHOLD, &key), "deterministic");
    let noisy = serde_json::to_value(publish(&month, DEFAULT_THRESHOLD, &key)).unwrap();
    assert_eq!(noisy["perturbation"], json!(2));
    assert!((58..=62).contains(&noisy["reports"].as_u64().unwrap()), "{noisy}");

    let value = serde_json::to_value(&published).unwrap();
    assert_eq!(value["reports"], json!(60));
    assert_eq!(value["perturbation"], json!(0));
    assert_eq!(value["channels"], json!({"online": 30, "phone": 15, "webchat": 15}));
    assert_eq!(value["nations"]["wales"], json!(null));
    assert_eq!(value["referred_to_police"], json!(20));
    assert_eq!(value["asked_for_advocate"], json!(null));
    assert_eq!(value["threshold"], json!(10));
    assert_eq!(value["incident_types"].as_object().unwrap().len(), IncidentType::ALL.len());
    assert_eq!(serde_json::from_value::<PublishedMonth>(value.clone()).unwrap(), published);
    // A month stored before figures carried noise has no `perturbation`: it was exact.
    let mut stored = value;
    stored.as_object_mut().unwrap().remove("perturbation");
    assert_eq!(serde_json::from_value::<PublishedMonth>(stored).unwrap().perturbation, 0);

    let text = csv(std::slice::from_ref(&published));
    let lines: Vec<&str> = text.lines().collect();
    let rows = 1 + IncidentType::ALL.len() + Motivation::ALL.len() + Nation::ALL.len() + Channel::ALL.len() + 2;
    assert_eq!(lines.len(), 1 + rows);
    assert_eq!(lines[0], "month,dimension,category,count,withheld");
    assert_eq!(lines[1], "2026-11,reports,all,60,false");
    assert_eq!(lines[2], "2026-11,incident_type,verbal_abuse,,true");
    assert!(lines.contains(&"2026-11,nation,england,36,false"));
    assert!(lines.contains(&"2026-11,nation,wales,,true"));
    assert!(lines.contains(&"2026-11,channel,online,30,false"));
    assert!(lines.contains(&"2026-11,channel,webchat,15,false"));
    assert_eq!(lines[rows - 1], "2026-11,referred_to_police,yes,20,false");
    assert_eq!(lines[rows], "2026-11,asked_for_advocate,yes,,true");
    assert_eq!(csv(&[]), "month,dimension,category,count,withheld\n");
}

#[test]
fn the_leads_preview_shows_what_is_certain_and_no_count_below_the_threshold() {
    let month = counts(200, &[(Dimension::Channel, &[("online", 195), ("phone", 5)])], 12, 100);
    let outlook = outlook(&month, 10);
    assert_eq!(outlook.reports, Outlook::Published(200));
    assert_eq!(outlook.asked_for_advocate, Outlook::Published(100));
    // 12 is published as 12 + noise only when the noise is at least 0 (published from 12).
    assert_eq!(outlook.referred_to_police, Outlook::DependsOnNoise);
    let channels = &outlook.tables.iter().find(|(d, _)| *d == Dimension::Channel).unwrap().1;
    let phone = channels.iter().find(|(c, _)| *c == "phone").unwrap().1;
    assert_eq!(phone, Outlook::Withheld, "5 is below the threshold whatever the noise");
    let every = std::iter::once(outlook.reports)
        .chain([outlook.referred_to_police, outlook.asked_for_advocate])
        .chain(outlook.tables.iter().flat_map(|(_, cells)| cells.iter().map(|(_, o)| *o)));
    for cell in every {
        if let Outlook::Published(n) = cell {
            assert!(n >= 10, "a count below the threshold was shown: {n}");
        }
    }
    // What the preview calls certain holds in publications with keys it never tried.
    for seed in 100..120u8 {
        let published = publish(&month, 10, &NoiseKey([seed; 32]));
        let agrees = |outlook: Outlook, cell: Cell| match outlook {
            Outlook::Withheld => cell.is_withheld(),
            Outlook::Published(n) => cell.value().is_some_and(|v| v.abs_diff(n) <= MAX_NOISE),
            Outlook::DependsOnNoise => true,
        };
        assert!(agrees(outlook.reports, published.reports));
        assert!(agrees(outlook.asked_for_advocate, published.asked_for_advocate));
        for (dimension, cells) in &outlook.tables {
            for (category, o) in cells {
                assert!(agrees(*o, published.table(*dimension)[*category]), "{dimension:?} {category} {seed}");
            }
        }
    }
}

#[test]
fn a_quiet_month_is_withheld_whole_in_the_preview() {
    let month = counts(7, &[(Dimension::Channel, &[("online", 7)])], 3, 2);
    let outlook = outlook(&month, 10);
    assert_eq!(outlook.reports, Outlook::Withheld);
    assert!(outlook.tables.iter().all(|(_, cells)| cells.iter().all(|(_, o)| *o == Outlook::Withheld)));
}
