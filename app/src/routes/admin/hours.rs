//! `/admin/locations/{id}/hours`: closures, special hours, holidays, OSM import and the
//! 14-day preview. Plain forms (posted to the server's handlers), usable without WASM.

use super::hours_rules::RecurringRules;
use crate::api::hours::{HoursPageData, get_hours_page};
use crate::components::layout::{AppLayout, CsrfField};
use crate::components::location_switcher::LocationSwitcher;
use crate::domain::schedule::{HolidayRule, intervals_to_text};
use crate::i18n::date_range;
use crate::i18n::{Lang, Texts};
use crate::request;
use crate::routes::not_found::NotFound;
use chrono::Datelike;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HoursPage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_hours_page(id).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <HoursView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HoursView(data: HoursPageData) -> impl IntoView {
    let lang = request::lang();
    let t = lang.texts();
    let query = use_query_map().read_untracked().clone();
    let message = match (query.get("saved"), query.get("error")) {
        (Some(_), _) => Some((true, t.saved_short.to_string())),
        // Refused recurring-rule forms say why beside the form (see `hours_rules.rs`).
        (_, Some(code)) if code.starts_with("rule_") => None,
        (_, Some(code)) => Some((
            false,
            match code.as_str() {
                "dates" => t.bad_dates.to_string(),
                "hours" => t.bad_hours.to_string(),
                "osm" => query.get("osm_error").unwrap_or_default(),
                _ => t.save_failed.to_string(),
            },
        )),
        _ => None,
    };
    let base = format!("/admin/locations/{}", data.location.id);
    let title = format!("{}: {}", t.hours_and_holidays, data.location.details.name);
    let osm_value = query.get("osm").unwrap_or_else(|| data.osm.clone());
    view! {
        <Title text=format!("{title} – Nahbar") />
        <AppLayout signed_in=true>
            <p class="crumbs">
                <a href="/admin">{t.dashboard}</a> " · "
                <a href=base.clone()>{t.edit_location}</a> " · "
                <a href=format!("/{}", data.location.slug)>{t.view_page}</a>
            </p>
            <LocationSwitcher lang=lang current=data.location.id siblings=data.siblings.clone() section="/hours" />
            <h1>{title}</h1>
            {message.map(|(ok, text)| view! {
                <p class=if ok { "message ok" } else { "message problem" } role="status">{text}</p>
            })}
            // The common jobs first, so a phone reaches them within two screens: confirm
            // the next holidays, add a closure, change a season or an every-year date.
            // Then what customers will see, and the rest folded or further down.
            <Holidays data=data.clone() lang=lang base=base.clone() />
            <SpecialList data=data.clone() lang=lang base=base.clone() />
            <RecurringRules data=data.clone() lang=lang base=base.clone() />
            <Preview data=data.clone() lang=lang />
            <section aria-labelledby="osm-heading">
                <h2 id="osm-heading">{t.osm_import}</h2>
                <p class="help">{t.osm_current} ":"</p>
                <p><code class="osm">{data.osm.clone()}</code></p>
                <form method="post" action=format!("{base}/osm") class="stack">
                    <CsrfField />
                    <div class="field">
                        <label for="osm-value">"opening_hours"</label>
                        <textarea id="osm-value" name="value" rows="3" aria-describedby="osm-help">{osm_value}</textarea>
                        <p class="help" id="osm-help">{t.osm_help}</p>
                    </div>
                    <button type="submit" class="primary">{t.import}</button>
                </form>
            </section>
            <ApplyToOthers data=data.clone() lang=lang base=base.clone() />
            <Signs data=data.clone() lang=lang base=base.clone() />
        </AppLayout>
    }
}

/// Bulk: this location's weekly hours and/or special hours for other locations of the
/// business, chosen by checkbox.
#[component]
fn ApplyToOthers(data: HoursPageData, lang: Lang, base: String) -> impl IntoView {
    let lt = lang.locations();
    let query = use_query_map().read_untracked().clone();
    let message = match (query.get("applied"), query.get("apply_error")) {
        (Some(n), _) => Some((true, lt.applied.replace("{n}", &n))),
        (_, Some(code)) => Some((
            false,
            if code == "targets" { lt.apply_no_targets } else { lt.apply_nothing }.to_string(),
        )),
        _ => None,
    };
    let others: Vec<_> =
        data.siblings.into_iter().filter(|l| l.id != data.location.id && !l.archived).collect();
    view! {
        <section aria-labelledby="apply-heading" id="apply">
            <h2 id="apply-heading">{lt.apply_title}</h2>
            {message.map(|(ok, text)| view! {
                <p class=if ok { "message ok" } else { "message problem" } role="status">{text}</p>
            })}
            {if others.is_empty() {
                view! { <p class="help">{lt.no_other_locations}</p> }.into_any()
            } else {
                view! {
                    <form method="post" action=format!("{base}/apply-hours") class="stack">
                        <CsrfField />
                        <p class="help">{lt.apply_help}</p>
                        <fieldset>
                            <legend>{lt.apply_title}</legend>
                            <label class="check"><input type="checkbox" name="weekly" checked=true /> {lt.apply_weekly}</label>
                            <label class="check"><input type="checkbox" name="rules" /> {lt.apply_rules}</label>
                            <label class="check"><input type="checkbox" name="special" /> {lt.apply_special}</label>
                        </fieldset>
                        <fieldset>
                            <legend>{lt.apply_targets}</legend>
                            {others
                                .into_iter()
                                .map(|l| view! {
                                    <label class="check">
                                        <input type="checkbox" name="targets" value=l.id.to_string() />
                                        {l.name} <span class="muted">{format!(" · {}", l.city)}</span>
                                    </label>
                                })
                                .collect_view()}
                        </fieldset>
                        <button type="submit" class="primary">{lt.apply_button}</button>
                    </form>
                }
                    .into_any()
            }}
        </section>
    }
}

fn hours_text(t: &Texts, intervals: &[crate::domain::hours::Interval]) -> String {
    if intervals.is_empty() {
        t.closed_all_day.to_string()
    } else {
        intervals.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    }
}

#[component]
fn Preview(data: HoursPageData, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let rows = data
        .preview
        .into_iter()
        .map(|day| {
            let label = day.label.map(|(de, en)| lang.choose(de, en));
            let exceptional = label.is_some();
            view! {
                <tr class:exception=exceptional>
                    <th scope="row">
                        {t.weekday_short(day.date.weekday())} " " {date_range(lang, day.date, day.date)}
                    </th>
                    <td>
                        {hours_text(t, &day.intervals)}
                        {label.filter(|l| !l.is_empty()).map(|l| view! { <span class="muted">" · " {l}</span> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="preview-heading">
            <h2 id="preview-heading">{t.preview_14}</h2>
            <table class="hours preview"><tbody>{rows}</tbody></table>
        </section>
    }
}

#[component]
fn SpecialList(data: HoursPageData, lang: Lang, base: String) -> impl IntoView {
    let t = lang.texts();
    let entries = data
        .location
        .special
        .iter()
        .filter(|s| s.to >= data.today)
        .map(|s| {
            let action = format!("{base}/special/{}/delete", s.id);
            let what = format!("{} {}", date_range(lang, s.from, s.to), hours_text(t, &s.intervals));
            view! {
                <li>
                    <strong>{what.clone()}</strong>
                    {(!s.note.is_empty()).then(|| view! { <span class="muted">" · " {s.note.clone()}</span> })}
                    <form method="post" action=action class="inline">
                        <CsrfField />
                        <button type="submit" class="link">
                            {t.delete} <span class="visually-hidden">{format!(" {what}")}</span>
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let empty = !data.location.special.iter().any(|s| s.to >= data.today);
    view! {
        <section aria-labelledby="special-heading">
            <h2 id="special-heading">{t.special_hours}</h2>
            {empty.then(|| view! { <p class="muted">{t.no_special}</p> })}
            <ul class="special">{entries}</ul>
            <h3>{t.add_special}</h3>
            <form method="post" action=format!("{base}/special") class="stack">
                <CsrfField />
                <div class="row">
                    <div class="field">
                        <label for="special-from">{t.first_day}</label>
                        <input id="special-from" name="from" type="date" required value=data.today.to_string() />
                    </div>
                    <div class="field">
                        <label for="special-to">{t.last_day}</label>
                        <input id="special-to" name="to" type="date" value=data.today.to_string() />
                    </div>
                </div>
                <div class="check">
                    <input id="special-closed" name="closed" type="checkbox" checked />
                    <label for="special-closed">{t.closed_these_days}</label>
                </div>
                <div class="field">
                    <label for="special-hours">{t.other_hours}</label>
                    <input id="special-hours" name="hours" inputmode="decimal" placeholder="10:00-14:00" />
                </div>
                <div class="field">
                    <label for="special-note">{t.note_public}</label>
                    <input id="special-note" name="note" maxlength="200" placeholder="Inventur" />
                </div>
                <button type="submit" class="primary">{t.add}</button>
            </form>
        </section>
    }
}

#[component]
fn Holidays(data: HoursPageData, lang: Lang, base: String) -> impl IntoView {
    let t = lang.texts();
    let rule = data.location.holiday_rule.clone();
    let rule_hours = match &rule {
        HolidayRule::Hours(intervals) => intervals_to_text(intervals),
        _ => String::new(),
    };
    let radio = move |value: &'static str, label: &'static str, checked: bool| {
        let id = format!("rule-{value}");
        view! {
            <div class="check">
                <input type="radio" id=id.clone() name="rule" value=value checked=checked />
                <label for=id>{label}</label>
            </div>
        }
    };
    let item = |item: &crate::api::hours::HolidayItem| {
        let h = &item.holiday;
        let name = lang.choose(&h.name_de, &h.name_en).clone();
        let action = format!("{base}/holidays/{}", h.date);
        let state = if item.confirmed { t.confirmed } else { t.unconfirmed };
        // The hours field and its button come first: Enter in the field sets the hours.
        view! {
            <li class:unconfirmed=!item.confirmed>
                <strong>{format!("{} {}", t.weekday_short(h.date.weekday()), date_range(lang, h.date, h.date))}</strong>
                " " {name.clone()} <span class="muted">" · " {state}</span>
                <form method="post" action=action class="inline">
                    <CsrfField />
                    <span class="holiday-hours">
                        <label class="visually-hidden" for=format!("h-{}", h.date)>{format!("{} {name}", t.other_hours)}</label>
                        <input id=format!("h-{}", h.date) name="hours" inputmode="decimal" placeholder="10:00-14:00" size="11" />
                        <button type="submit" name="action" value="hours" class="secondary small">
                            {t.set_hours} <span class="visually-hidden">{format!(" {name}")}</span>
                        </button>
                    </span>
                    <button type="submit" name="action" value="closed" class="secondary small">
                        {t.mark_closed} <span class="visually-hidden">{format!(" {name}")}</span>
                    </button>
                    <button type="submit" name="action" value="as_usual" class="secondary small">
                        {t.mark_as_usual} <span class="visually-hidden">{format!(" {name}")}</span>
                    </button>
                </form>
            </li>
        }
    };
    // The next two open, the rest of the coming year's dozen folded.
    let shown = 2;
    let first = data.holidays.iter().take(shown).map(item).collect_view();
    let rest: Vec<_> = data.holidays.iter().skip(shown).take(12 - shown).collect();
    let more = (!rest.is_empty()).then(|| {
        let summary = t.more_holidays.replace("{n}", &rest.len().to_string());
        let items = rest.into_iter().map(item).collect_view();
        view! {
            <details class="more-holidays">
                <summary>{summary}</summary>
                <ul class="holidays">{items}</ul>
            </details>
        }
    });
    let no_region = data.location.details.address.region.is_empty();
    // The rule for all holidays is set once; folded, its summary says what it is now.
    let rule_now = match &rule {
        HolidayRule::Closed => t.rule_closed.to_string(),
        HolidayRule::AsUsual => t.rule_as_usual.to_string(),
        HolidayRule::Hours(_) => rule_hours.clone(),
    };
    view! {
        <section aria-labelledby="holidays-heading">
            <h2 id="holidays-heading">{t.upcoming_holidays}</h2>
            {no_region.then(|| view! { <p class="muted">{t.no_region}</p> })}
            <ul class="holidays">{first}</ul>
            {more}
            <details class="holiday-rule">
                <summary>{t.holiday_rule_label} ": " {rule_now}</summary>
                <form method="post" action=format!("{base}/holiday-rule") class="stack">
                    <CsrfField />
                    <fieldset class="day">
                        <legend>{t.holiday_rule_label}</legend>
                        {radio("closed", t.rule_closed, rule == HolidayRule::Closed)}
                        {radio("as_usual", t.rule_as_usual, rule == HolidayRule::AsUsual)}
                        {radio("hours", t.rule_hours, matches!(rule, HolidayRule::Hours(_)))}
                        <div class="field">
                            <label for="rule-hours-value" class="visually-hidden">{t.other_hours}</label>
                            <input id="rule-hours-value" name="hours" inputmode="decimal" placeholder="10:00-14:00" value=rule_hours />
                        </div>
                    </fieldset>
                    <button type="submit" class="primary">{t.save_rule}</button>
                </form>
            </details>
        </section>
    }
}

/// Printable signs as PDF downloads or as print pages for the browser (a form post: each
/// print is recorded), and for each sign printed before whether it still shows what the
/// data says, with one tap to print the new one in the same paper and language.
#[component]
fn Signs(data: HoursPageData, lang: Lang, base: String) -> impl IntoView {
    use crate::domain::sign::SignKind;
    use crate::i18n::sign_text::full_date;
    let t = lang.texts();
    let s = lang.signs();
    let action = format!("{base}/signs");
    let kind_fields = |kind: SignKind| {
        let value = match kind {
            SignKind::Closure { special_id } => format!("closure-{special_id}"),
            other => other.code().to_string(),
        };
        view! { <input type="hidden" name="sign" value=value /> }
    };
    let prints = data
        .prints
        .iter()
        .map(|print| {
            let date = full_date(lang, print.printed_on);
            let (class, text) = if print.out_of_date {
                ("message problem", s.out_of_date(print.kind, &date))
            } else {
                ("muted", s.still_true(print.kind, &date))
            };
            view! {
                <li>
                    <span class=class>{text}</span>
                    {print.out_of_date.then(|| view! {
                        " "
                        <form method="post" action=action.clone() class="inline">
                            <CsrfField />
                            {kind_fields(print.kind)}
                            <input type="hidden" name="paper" value=print.paper.clone() />
                            <input type="hidden" name="lang" value=print.language.clone() />
                            <button type="submit" class="link">{s.print_again}</button>
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    let closures = data
        .location
        .special
        .iter()
        .filter(|entry| entry.to >= data.today)
        .map(|entry| {
            let label = format!(
                "{}: {} {}",
                s.closure_notice,
                date_range(lang, entry.from, entry.to),
                hours_text(t, &entry.intervals)
            );
            view! { <option value=format!("closure-{}", entry.id)>{label}</option> }
        })
        .collect_view();
    let own = crate::domain::sign::SignLanguage::of_location(&data.location);
    let language_option = |code: &'static str, label: &'static str| {
        view! { <option value=code selected=own.code() == code>{label}</option> }
    };
    view! {
        <section aria-labelledby="signs-heading">
            <h2 id="signs-heading">{s.section}</h2>
            <p class="help">{s.intro}</p>
            {(!data.prints.is_empty()).then(|| view! { <ul class="prints">{prints}</ul> })}
            <form method="post" action=action.clone() class="stack">
                <CsrfField />
                <div class="field">
                    <label for="sign-kind">{s.sign}</label>
                    <select id="sign-kind" name="sign">
                        <option value="door">{s.door_sign}</option>
                        <option value="poster">{s.counter_poster}</option>
                        {closures}
                    </select>
                </div>
                <div class="row">
                    <div class="field">
                        <label for="sign-paper">{s.paper}</label>
                        <select id="sign-paper" name="paper">
                            <option value="a4">"A4"</option>
                            <option value="a5">"A5"</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="sign-lang">{s.language}</label>
                        <select id="sign-lang" name="lang">
                            {language_option("de", s.german)}
                            {language_option("en", s.english)}
                            {language_option("de-en", s.bilingual)}
                        </select>
                    </div>
                </div>
                <div class="row">
                    <button type="submit" class="primary">{s.make_pdf}</button>
                    <button type="submit" formaction=format!("{action}/page")>
                        {s.open_print_view}
                    </button>
                </div>
            </form>
        </section>
    }
}
