//! The public statistics (issue 12): `GET /v1/stats` (JSON), `GET /v1/stats.csv` and `GET /stats`
//! (a page with a server-drawn SVG chart and the tables). They read published months only
//! (`statistics::published`: one query, however many reports there are) and may be cached by a
//! CDN for an hour: a published month never changes.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use oys_shared::i18n::Language;
use oys_shared::statistics::{csv, Cell, Dimension, PublishedMonth};

use super::form::{form_language, Chrome, Texts};

use crate::Services;

pub fn stats_routes(services: Arc<Services>) -> Router {
    Router::new()
        .route("/v1/stats", get(stats_json))
        .route("/v1/stats.csv", get(stats_csv))
        // The page in English at the old address, and in every language of the form.
        .route("/stats", get(english_stats_page))
        .route("/{lang}/stats", get(stats_page))
        .route("/{lang}/stats/method", get(method_page))
        .layer(axum::middleware::map_response(cacheable))
        .with_state(services)
}

async fn cacheable(mut response: Response) -> Response {
    let cache = if response.status().is_success() { "public, max-age=3600" } else { "no-store" };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        // The pages share the form's header, whose quick exit is the form's script.
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; \
             base-uri 'none'; form-action 'none'",
        ),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

async fn months(services: &Services) -> Result<Vec<PublishedMonth>, Response> {
    oys_application::statistics::published(services).await.map_err(|error| {
        tracing::error!(%error, "statistics could not be read");
        // Unavailable answers carry `Retry-After`.
        super::ApiError::Unavailable { language: oys_shared::i18n::Language::English, staff: true }.into_response()
    })
}

async fn stats_json(State(services): State<Arc<Services>>) -> Response {
    match months(&services).await {
        Ok(months) => Json(serde_json::json!({
            "threshold": services.disclosure_threshold,
            "months": months,
        }))
        .into_response(),
        Err(refusal) => refusal,
    }
}

async fn stats_csv(State(services): State<Arc<Services>>) -> Response {
    match months(&services).await {
        Ok(months) => ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv(&months)).into_response(),
        Err(refusal) => refusal,
    }
}

/// `GET /stats`: the English page, where it has always been.
async fn english_stats_page(State(services): State<Arc<Services>>) -> Response {
    render_stats(&services, Language::English, "").await
}

/// `GET /{lang}/stats`: the page in one of the form's languages.
async fn stats_page(State(services): State<Arc<Services>>, Path(lang): Path<String>) -> Response {
    match form_language(&lang) {
        Some(language) => render_stats(&services, language, "../").await,
        None => super::not_found().await,
    }
}

/// `GET /{lang}/stats/method`: how the figures are made, in plain words.
async fn method_page(State(services): State<Arc<Services>>, Path(lang): Path<String>) -> Response {
    let Some(language) = form_language(&lang) else { return super::not_found().await };
    let mut chrome = Chrome::new(language, "stats-method-title", "stats/method");
    chrome.root = "../../";
    let t = Texts(language);
    let threshold = services.disclosure_threshold.to_string();
    let page = MethodPage {
        paragraphs: [
            "stats-method-counted",
            "stats-method-month",
            "stats-method-several",
            "stats-method-nation",
            "stats-method-noise",
            "stats-method-withheld",
            "stats-method-no-totals",
            "stats-method-reuse",
        ]
        .iter()
        .map(|id| oys_shared::i18n::message(language, id, &[("threshold", threshold.clone())]))
        .collect(),
        back: t.get("stats-title"),
        chrome,
    };
    render(&page)
}

async fn render_stats(services: &Services, language: Language, root: &'static str) -> Response {
    let months = match months(services).await {
        Ok(months) => months,
        Err(refusal) => return refusal,
    };
    let mut chrome = Chrome::new(language, "stats-title", "stats");
    chrome.root = root;
    render(&StatsPage::new(chrome, &months, services.disclosure_threshold))
}

fn render(page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!(%error, "a statistics page did not render");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "stats_method.html")]
struct MethodPage {
    chrome: Chrome,
    paragraphs: Vec<String>,
    back: String,
}

#[derive(Template)]
#[template(path = "stats.html")]
struct StatsPage {
    chrome: Chrome,
    withheld_note: String,
    /// Each published month by name (`November 2026`).
    months: Vec<String>,
    chart: Chart,
    tables: Vec<Table>,
}

struct Table {
    title: String,
    rows: Vec<Row>,
}

struct Row {
    label: String,
    cells: Vec<String>,
}

/// Reports per month as horizontal bars, one under the other with its month above it, drawn at
/// its own size (not scaled to the screen, so no label is smaller than 12 px): a bar is the
/// month's number of reports, split by the nation where it happened, with the part in nations
/// too small to show as "withheld".
struct Chart {
    width: u32,
    height: u32,
    description: String,
    bars: Vec<Bar>,
    /// Only what is drawn: the nations with a segment, and "withheld" if a bar has one.
    legend: Vec<(String, &'static str)>,
}

struct Bar {
    /// `November 2026: 53` or `November 2026: withheld`.
    label: String,
    label_y: u32,
    bar_y: u32,
    segments: Vec<Segment>,
}

struct Segment {
    x: u32,
    width: u32,
    colour: &'static str,
    /// What it is and its figure, for the segment's tooltip.
    title: String,
}

/// The nations' colours (Okabe–Ito and Tol, told apart with the common colour-vision
/// deficiencies, each at least 3:1 against white) and the withheld part's grey.
const NATION_COLOURS: &[&str] = &["#0072B2", "#D55E00", "#117733", "#882255", "#332288"];
const WITHHELD_COLOUR: &str = "#6f777b";
const ROW: u32 = 48;
const PLOT_WIDTH: u32 = 260;

/// `2026-11` in the page's language (`November 2026`, `2026年11月`).
fn month_name(language: Language, month: &str) -> String {
    match month.split_once('-') {
        Some((year, number)) => oys_shared::i18n::message(
            language,
            &format!("stats-month-{}", number.trim_start_matches('0')),
            &[("year", year.to_string())],
        ),
        None => month.to_string(),
    }
}

/// A category's name in the page's language: the form's own words for the types and
/// motivations, the page's for nations and channels.
fn category_name(t: &Texts, dimension: Dimension, code: &str) -> String {
    match dimension {
        Dimension::IncidentType => t.get(&format!("choice-types-{code}")),
        Dimension::Motivation => t.get(&format!("choice-motivations-{code}")),
        Dimension::Nation => t.get(&format!("stats-nation-{}", code.replace('_', "-"))),
        Dimension::Channel => t.get(&format!("stats-channel-{code}")),
    }
}

impl StatsPage {
    fn new(chrome: Chrome, published: &[PublishedMonth], threshold: u64) -> StatsPage {
        let language = chrome.t.0;
        let t = Texts(language);
        let shown = |cell: Cell| match cell {
            Cell::Value(count) => count.to_string(),
            Cell::Withheld => t.get("stats-withheld"),
        };
        let months: Vec<String> = published.iter().map(|m| month_name(language, &m.month)).collect();
        let mut tables = vec![Table {
            title: t.get("stats-table-reports"),
            rows: vec![
                Row { label: t.get("stats-row-reports"), cells: published.iter().map(|m| shown(m.reports)).collect() },
                Row {
                    label: t.get("stats-row-police"),
                    cells: published.iter().map(|m| shown(m.referred_to_police)).collect(),
                },
                Row {
                    label: t.get("stats-row-advocate"),
                    cells: published.iter().map(|m| shown(m.asked_for_advocate)).collect(),
                },
            ],
        }];
        for (dimension, title) in [
            (Dimension::IncidentType, "stats-table-types"),
            (Dimension::Motivation, "stats-table-motivations"),
            (Dimension::Nation, "stats-table-nations"),
            (Dimension::Channel, "stats-table-channels"),
        ] {
            let rows = dimension
                .categories()
                .iter()
                .map(|category| Row {
                    label: category_name(&t, dimension, category),
                    cells: published
                        .iter()
                        .map(|m| m.table(dimension).get(*category).copied().map_or_else(String::new, shown))
                        .collect(),
                })
                .collect();
            tables.push(Table { title: t.get(title), rows });
        }
        let withheld_note =
            oys_shared::i18n::message(language, "stats-withheld-note", &[("threshold", threshold.to_string())]);
        StatsPage { chart: Chart::new(&t, published, &months), chrome, withheld_note, months, tables }
    }
}

impl Chart {
    fn new(t: &Texts, published: &[PublishedMonth], months: &[String]) -> Chart {
        let nations = Dimension::Nation.categories();
        let max = published.iter().filter_map(|m| m.reports.value()).max().unwrap_or(0).max(1);
        let withheld_word = t.get("stats-withheld");
        let mut drawn_nations = vec![false; nations.len()];
        let mut withheld_drawn = false;
        let bars = published
            .iter()
            .zip(months)
            .enumerate()
            .map(|(i, (month, name))| {
                let label_y = i as u32 * ROW + 16;
                let bar_y = label_y + 8;
                let Some(total) = month.reports.value() else {
                    return Bar { label: format!("{name}: {withheld_word}"), label_y, bar_y, segments: Vec::new() };
                };
                // Each nation's published figure, then what the withheld ones hold between them.
                // Figures carry their own noise, so they are drawn in proportion within a bar as
                // long as the month's total.
                let mut parts: Vec<(Option<usize>, u64)> = nations
                    .iter()
                    .enumerate()
                    .filter_map(|(n, code)| Some((Some(n), month.nations.get(*code)?.value().filter(|c| *c > 0)?)))
                    .collect();
                let published_sum: u64 = parts.iter().map(|(_, c)| c).sum();
                // The withheld part: what the total holds beyond the published nations, drawn only
                // when a nation was withheld (else the difference is the figures' own noise).
                let some_withheld = month.nations.values().any(|cell| cell.is_withheld());
                if some_withheld && total > published_sum {
                    parts.push((None, total - published_sum));
                }
                let bar_width = (total as f64 / max as f64 * PLOT_WIDTH as f64).round();
                let denominator = published_sum.max(total) as f64;
                let mut x = 0f64;
                let segments = parts
                    .into_iter()
                    .map(|(nation, count)| {
                        let width = count as f64 / denominator * bar_width;
                        let drawn = (x + width).round() > x.round();
                        let (colour, title) = match nation {
                            Some(n) => {
                                drawn_nations[n] |= drawn;
                                let name = category_name(t, Dimension::Nation, nations[n]);
                                (NATION_COLOURS[n % NATION_COLOURS.len()], format!("{name}: {count}"))
                            }
                            None => {
                                withheld_drawn |= drawn;
                                (WITHHELD_COLOUR, withheld_word.clone())
                            }
                        };
                        let segment = Segment {
                            x: x.round() as u32,
                            width: (x + width).round() as u32 - x.round() as u32,
                            colour,
                            title,
                        };
                        x += width;
                        segment
                    })
                    .collect();
                Bar { label: format!("{name}: {total}"), label_y, bar_y, segments }
            })
            .collect::<Vec<_>>();
        let mut legend: Vec<(String, &'static str)> = nations
            .iter()
            .enumerate()
            .filter(|(n, _)| drawn_nations[*n])
            .map(|(n, code)| (category_name(t, Dimension::Nation, code), NATION_COLOURS[n % NATION_COLOURS.len()]))
            .collect();
        if withheld_drawn {
            legend.push((withheld_word, WITHHELD_COLOUR));
        }
        let description = bars.iter().map(|bar| bar.label.clone()).collect::<Vec<_>>().join("; ");
        Chart { width: PLOT_WIDTH + 20, height: published.len().max(1) as u32 * ROW + 4, description, bars, legend }
    }
}
