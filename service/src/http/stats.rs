//! The public statistics (issue 12): `GET /v1/stats` (JSON), `GET /v1/stats.csv` and `GET /stats`
//! (a page with a server-drawn SVG chart and the tables). They read published months only
//! (`statistics::published`: one query, however many reports there are) and may be cached by a
//! CDN for an hour: a published month never changes.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use oys_shared::statistics::{csv, Cell, Dimension, PublishedMonth};

use crate::Services;

pub fn stats_routes(services: Arc<Services>) -> Router {
    Router::new()
        .route("/v1/stats", get(stats_json))
        .route("/v1/stats.csv", get(stats_csv))
        .route("/stats", get(stats_page))
        .layer(axum::middleware::map_response(cacheable))
        .with_state(services)
}

async fn cacheable(mut response: Response) -> Response {
    let cache = if response.status().is_success() { "public, max-age=3600" } else { "no-store" };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'"),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

async fn months(services: &Services) -> Result<Vec<PublishedMonth>, Response> {
    crate::statistics::published(services).await.map_err(|error| {
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

async fn stats_page(State(services): State<Arc<Services>>) -> Response {
    let months = match months(&services).await {
        Ok(months) => months,
        Err(refusal) => return refusal,
    };
    let page = StatsPage::new(&months, services.disclosure_threshold);
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!(%error, "the statistics page did not render");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "stats.html")]
struct StatsPage {
    threshold: u64,
    months: Vec<String>,
    chart: Chart,
    tables: Vec<Table>,
}

struct Table {
    title: &'static str,
    rows: Vec<Row>,
}

struct Row {
    label: String,
    cells: Vec<String>,
}

struct Chart {
    width: u32,
    height: u32,
    baseline: u32,
    bar_width: u32,
    max: u64,
    description: String,
    bars: Vec<Bar>,
    legend: Vec<(String, &'static str)>,
}

struct Bar {
    month: String,
    x: u32,
    withheld: bool,
    segments: Vec<Segment>,
}

struct Segment {
    y: u32,
    height: u32,
    colour: &'static str,
    label: String,
    count: u64,
}

/// Eleven colours told apart by people with the common colour-vision deficiencies (Okabe–Ito
/// and Tol's muted scheme).
const COLOURS: &[&str] = &[
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288", "#882255", "#44AA99",
    "#999933",
];

fn words(code: &str) -> String {
    let spaced = code.replace('_', " ");
    let mut chars = spaced.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().collect::<String>() + chars.as_str())
}

fn shown(cell: Cell) -> String {
    match cell {
        Cell::Value(count) => count.to_string(),
        Cell::Withheld => "withheld".into(),
    }
}

impl StatsPage {
    fn new(published: &[PublishedMonth], threshold: u64) -> StatsPage {
        let months: Vec<String> = published.iter().map(|m| m.month.clone()).collect();
        let mut tables = vec![Table {
            title: "Reports",
            rows: vec![
                Row { label: "All reports".into(), cells: published.iter().map(|m| shown(m.reports)).collect() },
                Row {
                    label: "Agreed to a police referral".into(),
                    cells: published.iter().map(|m| shown(m.referred_to_police)).collect(),
                },
                Row {
                    label: "Asked for a caseworker advocate".into(),
                    cells: published.iter().map(|m| shown(m.asked_for_advocate)).collect(),
                },
            ],
        }];
        for (dimension, title) in [
            (Dimension::IncidentType, "By type of incident (a report can have several)"),
            (Dimension::Motivation, "By motivation (a report can have several)"),
            (Dimension::Nation, "By nation of the UK"),
            (Dimension::Channel, "By how the report was made"),
        ] {
            let rows = dimension
                .categories()
                .iter()
                .map(|category| Row {
                    label: words(category),
                    cells: published
                        .iter()
                        .map(|m| m.table(dimension).get(*category).copied().map_or_else(String::new, shown))
                        .collect(),
                })
                .collect();
            tables.push(Table { title, rows });
        }
        StatsPage { threshold, months, chart: Chart::new(published), tables }
    }
}

impl Chart {
    fn new(published: &[PublishedMonth]) -> Chart {
        let types = Dimension::IncidentType.categories();
        let (bar_width, gap, left, baseline) = (36u32, 14u32, 48u32, 260u32);
        let stack = |m: &PublishedMonth| -> u64 { m.incident_types.values().filter_map(|c| c.value()).sum() };
        let max = published.iter().map(stack).max().unwrap_or(0).max(1);
        let bars = published
            .iter()
            .enumerate()
            .map(|(i, month)| {
                let mut top = baseline;
                let segments = types
                    .iter()
                    .zip(COLOURS.iter().cycle())
                    .filter_map(|(code, colour)| {
                        let count = month.incident_types.get(*code)?.value().filter(|c| *c > 0)?;
                        let height = ((count as f64 / max as f64) * 240.0).round().max(1.0) as u32;
                        top -= height.min(top);
                        Some(Segment { y: top, height, colour, label: words(code), count })
                    })
                    .collect();
                Bar {
                    month: month.month.clone(),
                    x: left + i as u32 * (bar_width + gap),
                    withheld: month.reports.is_withheld(),
                    segments,
                }
            })
            .collect();
        let description = published
            .iter()
            .map(|m| match m.reports {
                Cell::Value(n) => format!("{}: {n} reports", m.month),
                Cell::Withheld => format!("{}: withheld", m.month),
            })
            .collect::<Vec<_>>()
            .join("; ");
        Chart {
            width: left + published.len().max(1) as u32 * (bar_width + gap),
            height: baseline + 24,
            baseline,
            bar_width,
            max,
            description: format!("{description}. The table below gives every figure."),
            bars,
            legend: types.iter().zip(COLOURS.iter().cycle()).map(|(code, colour)| (words(code), *colour)).collect(),
        }
    }
}
