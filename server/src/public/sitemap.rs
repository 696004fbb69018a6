//! `/sitemap.xml` (every public location page, with its imprint and privacy notice) and
//! `/robots.txt`.

use crate::ServerState;
use crate::http::page_cache::keep_until_changed;
use app::error::AppError;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, header};
use quick_xml::escape::escape;
use std::fmt::Write as _;

pub async fn sitemap(State(state): State<ServerState>) -> Result<Response, AppError> {
    let locations = state.store().public_locations().await?;
    let base = &state.app.public_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let _ = writeln!(xml, "  <url><loc>{}/</loc></url>", escape(base.as_str()));
    for page in ["imprint", "privacy"] {
        let _ = writeln!(xml, "  <url><loc>{}/{page}</loc></url>", escape(base.as_str()));
    }
    for location in locations {
        let _ = writeln!(
            xml,
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>",
            escape(format!("{base}/{}", location.slug).as_str()),
            location.updated_at.format("%Y-%m-%d"),
        );
        for page in ["imprint", "privacy"] {
            let _ = writeln!(
                xml,
                "  <url><loc>{}</loc></url>",
                escape(format!("{base}/{}/{page}", location.slug).as_str()),
            );
        }
    }
    xml.push_str("</urlset>\n");
    let kind = (header::CONTENT_TYPE, HeaderValue::from_static("application/xml; charset=utf-8"));
    Ok(([kind, keep_until_changed(&state)], xml).into_response())
}

pub async fn robots(State(state): State<ServerState>) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /api/\nDisallow: /login\n\
         Disallow: /setup/\nDisallow: /invite/\n\
         Disallow: /*/go/\n\nSitemap: {}/sitemap.xml\n",
        state.app.public_url
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}
