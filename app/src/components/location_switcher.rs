//! The location switcher of the owner screens: the same screen for another location of the
//! business. A disclosure with plain links, so it works without JavaScript, by keyboard and
//! with a screen reader; with many branches it stays out of the way until opened.

use crate::components::layout::CsrfField;
use crate::domain::location::{LocationId, LocationSummary};
use crate::i18n::Lang;
use leptos::prelude::*;

/// `section` is the part of the path after the id (`""`, `"/hours"`, `"/pois"`, …).
#[component]
pub fn LocationSwitcher(
    lang: Lang,
    current: LocationId,
    siblings: Vec<LocationSummary>,
    section: &'static str,
) -> impl IntoView {
    let lt = lang.locations();
    (siblings.len() > 1).then(|| {
        let links = siblings
            .into_iter()
            .map(|l| {
                let here = l.id == current;
                let href = format!("/admin/locations/{}{section}", l.id);
                view! {
                    <li>
                        <a href=href aria-current=here.then_some("page")>
                            {l.name.clone()} <span class="muted">{format!(" · {}", l.city)}</span>
                            {here.then(|| view! { <span class="badge">{lt.current}</span> })}
                            {l.archived.then(|| view! { <span class="badge">{lt.archived_badge}</span> })}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <details class="switcher">
                <summary>{lt.switch_location}</summary>
                <nav aria-label=lt.switch_location>
                    <ul>{links}</ul>
                </nav>
            </details>
        }
    })
}

/// Archive (or publish again) a location: a one-button form with its consequence spelled out.
#[component]
pub fn ArchiveForm(lang: Lang, id: LocationId, archived: bool) -> impl IntoView {
    let lt = lang.locations();
    view! {
        <form method="post" action=format!("/admin/locations/{id}/archive") class="archive">
            <CsrfField />
            <input type="hidden" name="archive" value=if archived { "0" } else { "1" } />
            {(!archived).then(|| view! { <p class="help" id="archive-help">{lt.archive_help}</p> })}
            <button type="submit" class=if archived { "" } else { "danger" } aria-describedby=(!archived).then_some("archive-help")>
                {if archived { lt.unarchive } else { lt.archive }}
            </button>
        </form>
    }
}
