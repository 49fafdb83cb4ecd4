//! The work queue: the sections of cases waiting on staff, filters, pages of 50.

use super::*;

pub(in crate::console) struct RowView {
    pub(super) reference: String,
    pub(super) received: String,
    /// When consent to share with the advocate's organisation was recorded (their list).
    pub(super) shared: String,
    pub(super) categories: String,
    pub(super) channel: String,
    pub(super) status: String,
    pub(super) clock: Option<(String, bool)>,
    /// The reporter is not sure yet about the police and asked to talk it through.
    pub(super) police_undecided: bool,
}

impl RowView {
    pub(super) fn of(row: &QueueRow) -> RowView {
        let l = &row.listing;
        RowView {
            reference: l.reference.to_string(),
            received: uk_time(l.received_at),
            shared: l.shared_at.map(uk_time).unwrap_or_default(),
            categories: l.incident_types.iter().map(|t| words(t.as_str())).collect::<Vec<_>>().join(", "),
            channel: words(l.channel.as_str()),
            status: words(l.status.as_str()),
            clock: row.clock.as_ref().map(|c| (c.wording.clone(), c.overdue)),
            police_undecided: l.police_undecided,
        }
    }

    /// A line of a case list: an advocate's holds no categories or channel, and shows none.
    pub(super) fn of_line(line: &CaseLine, now: jiff::Timestamp) -> RowView {
        match line {
            CaseLine::Staff(listing) => RowView::of(&QueueRow {
                clock: listing.next_due_at.map(|due| clock(due, now)),
                listing: listing.clone(),
            }),
            CaseLine::Advocate(a) => RowView {
                reference: a.reference.to_string(),
                received: uk_time(a.received_at),
                shared: a.shared_at.map(uk_time).unwrap_or_default(),
                categories: String::new(),
                channel: String::new(),
                status: words(a.status.as_str()),
                clock: a.next_due_at.map(|due| clock(due, now)).map(|c| (c.wording, c.overdue)),
                police_undecided: false,
            },
        }
    }
}

/// When a listed case was received, and when its next clock is due.
pub(super) fn times(line: &CaseLine) -> (jiff::Timestamp, Option<jiff::Timestamp>) {
    match line {
        CaseLine::Staff(l) => (l.received_at, l.next_due_at),
        CaseLine::Advocate(a) => (a.received_at, a.next_due_at),
    }
}

pub(in crate::console) struct SectionView {
    pub(super) id: &'static str,
    pub(super) heading: &'static str,
    pub(super) rows: Vec<RowView>,
}

/// A `<select>` option.
pub(in crate::console) struct Choice {
    pub(super) value: String,
    pub(super) label: String,
    pub(super) hint: String,
    pub(super) checked: bool,
}

impl Choice {
    pub(super) fn new(value: &str, label: &str, current: &str) -> Choice {
        Choice { value: value.into(), label: label.into(), hint: String::new(), checked: value == current }
    }
}

pub(in crate::console) struct Filters {
    /// (name, label, options) of each `<select>`.
    pub(super) selects: Vec<(&'static str, &'static str, Vec<Choice>)>,
    pub(super) due_before: String,
    /// Field → message.
    pub(super) errors: Vec<(String, String)>,
    pub(super) any: bool,
}

#[derive(askama::Template)]
#[template(path = "console/queue.html")]
pub(super) struct QueuePage {
    pub(super) chrome: Chrome,
    pub(super) filters: Filters,
    pub(super) sections: Vec<SectionView>,
    /// With a filter: the matching cases, a page of them.
    pub(super) matching: Option<Vec<RowView>>,
    pub(super) total: usize,
    pub(super) page: usize,
    pub(super) pages: usize,
    pub(super) previous: Option<String>,
    pub(super) next: Option<String>,
    pub(super) advocate: bool,
}

pub(super) const PAGE_SIZE: usize = 50;

/// The queue's filters as given: each value checked, errors said of the filter's own field.
pub(super) struct FilterQuery {
    pub(super) status: Option<CaseStatus>,
    pub(super) due_before: Option<jiff::Timestamp>,
    pub(super) nation: Option<Nation>,
    pub(super) channel: Option<Channel>,
    pub(super) incident_type: Option<IncidentType>,
    pub(super) sort: String,
    pub(super) page: usize,
    pub(super) raw: Vec<(String, String)>,
    pub(super) errors: Vec<(String, String)>,
}

pub(super) fn filter_query(query: Option<&str>) -> FilterQuery {
    let mut f = FilterQuery {
        status: None,
        due_before: None,
        nation: None,
        channel: None,
        incident_type: None,
        sort: "due".into(),
        page: 1,
        raw: vec![],
        errors: vec![],
    };
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        let (key, value) = (key.into_owned(), value.trim().to_string());
        if value.is_empty() {
            continue;
        }
        let mut bad = |message: &str| f.errors.push((key.clone(), message.to_string()));
        match key.as_str() {
            "status" => f.status = CaseStatus::parse(&value).or_else(|| (bad("Choose a status from the list"), None).1),
            "due_before" => {
                f.due_before = oys_shared::calendar::uk_time_or_date(&value)
                    .or_else(|| (bad("Enter a date, for example 2026-12-31"), None).1)
            }
            "nation" => f.nation = Nation::parse(&value).or_else(|| (bad("Choose a nation from the list"), None).1),
            "channel" => f.channel = Channel::parse(&value).or_else(|| (bad("Choose a channel from the list"), None).1),
            "incident_type" => {
                f.incident_type =
                    IncidentType::parse(&value).or_else(|| (bad("Choose an incident type from the list"), None).1)
            }
            "sort" if ["due", "newest", "oldest"].contains(&value.as_str()) => f.sort = value.clone(),
            "sort" => bad("Choose how to sort from the list"),
            "page" => f.page = value.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
            _ => continue,
        }
        if key != "page" {
            f.raw.push((key, value));
        }
    }
    f
}

pub(super) fn choices<T: Copy>(all: &[T], as_str: fn(T) -> &'static str, current: Option<T>) -> Vec<Choice> {
    let current = current.map(as_str).unwrap_or_default();
    std::iter::once(Choice::new("", "Any", current))
        .chain(all.iter().map(|v| Choice::new(as_str(*v), &words(as_str(*v)), current)))
        .collect()
}

/// `GET /staff/queue`: what is waiting, by section; or, with filters, the matching cases.
pub(in crate::console) async fn queue(
    State(state): State<ConsoleState>,
    signed_in: SignedIn,
    RawQuery(query): RawQuery,
) -> Response {
    let casework = &state.casework;
    let now = casework.services.clock.now();
    let caller = signed_in.caller();
    let f = filter_query(query.as_deref());
    let advocate = !caller.is_operator();
    let filters = Filters {
        selects: vec![
            ("status", "Status", choices(CaseStatus::ALL, CaseStatus::as_str, f.status)),
            ("nation", "Nation", choices(Nation::ALL, Nation::as_str, f.nation)),
            ("channel", "Channel", choices(Channel::ALL, Channel::as_str, f.channel)),
            ("incident_type", "Incident type", choices(IncidentType::ALL, IncidentType::as_str, f.incident_type)),
            (
                "sort",
                "Sort by",
                [("due", "Due soonest"), ("newest", "Newest first"), ("oldest", "Oldest first")]
                    .iter()
                    .map(|(v, l)| Choice::new(v, l, &f.sort))
                    .collect(),
            ),
        ],
        due_before: f.raw.iter().find(|(k, _)| k == "due_before").map(|(_, v)| v.clone()).unwrap_or_default(),
        errors: f.errors.clone(),
        any: !f.raw.is_empty(),
    };
    // An advocate's list holds no nation, channel or incident type: no filter on them either.
    let mut filters = filters;
    if advocate {
        filters.selects.retain(|(name, _, _)| ["status", "sort"].contains(name));
    }
    let mut page = QueuePage {
        chrome: Chrome::signed_in("Work queue", &signed_in, now),
        filters,
        sections: vec![],
        matching: None,
        total: 0,
        page: f.page,
        pages: 1,
        previous: None,
        next: None,
        advocate: !caller.is_operator(),
    };
    if !f.errors.is_empty() {
        page.chrome.title = "Error: Work queue".into();
        return (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response();
    }
    if f.raw.is_empty() && caller.is_operator() {
        match casework.work_queue(caller).await {
            Ok(sections) => {
                page.sections = sections
                    .iter()
                    .map(|(section, rows)| SectionView {
                        id: section.as_str(),
                        heading: section.heading(),
                        rows: rows.iter().map(RowView::of).collect(),
                    })
                    .collect();
                return render(&page);
            }
            Err(error) => return refused(error, &signed_in, now),
        }
    }
    let lines = match casework.list(caller, f.status, f.due_before).await {
        Ok(lines) => lines,
        Err(error) => return refused(error, &signed_in, now),
    };
    let mut lines: Vec<CaseLine> = lines
        .into_iter()
        .filter(|line| match line {
            CaseLine::Staff(l) => {
                f.nation.is_none_or(|n| l.nation == n)
                    && f.channel.is_none_or(|c| l.channel == c)
                    && f.incident_type.is_none_or(|t| l.incident_types.contains(&t))
            }
            // An advocate's lines hold none of these: any of them asked for matches none.
            CaseLine::Advocate(_) => f.nation.is_none() && f.channel.is_none() && f.incident_type.is_none(),
        })
        .collect();
    match f.sort.as_str() {
        "newest" => lines.sort_by_key(|line| std::cmp::Reverse(times(line).0)),
        "oldest" => lines.sort_by_key(|line| times(line).0),
        _ => lines.sort_by_key(|line| {
            let (received, due) = times(line);
            by_urgency(due, received)
        }),
    }
    page.total = lines.len();
    page.pages = lines.len().div_ceil(PAGE_SIZE).max(1);
    page.page = f.page.min(page.pages);
    let link = |n: usize| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &f.raw {
            query.append_pair(k, v);
        }
        query.append_pair("page", &n.to_string());
        format!("/staff/queue?{}", query.finish())
    };
    page.previous = (page.page > 1).then(|| link(page.page - 1));
    page.next = (page.page < page.pages).then(|| link(page.page + 1));
    page.matching = Some(
        lines
            .iter()
            .skip((page.page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .map(|line| RowView::of_line(line, now))
            .collect(),
    );
    render(&page)
}
