//! The hours screen's "Recurring rules" section: the location's rules beyond the week in
//! plain words, each with a remove button, and three small forms (an every-year date, a
//! season, an n-th weekday) inside disclosures, so the screen stays short on a phone. Plain
//! forms posted to `/admin/locations/{id}/rules`; a refused form comes back open, with its
//! reason (role=alert) and the typed values.

use crate::api::hours::HoursPageData;
use crate::components::layout::CsrfField;
use crate::domain::hours::weekday_from_index;
use crate::domain::recurring;
use crate::i18n::{Lang, RecurringTexts, describe_recurring};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const WEEKDAYS: [&str; 7] = ["mo", "tu", "we", "th", "fr", "sa", "su"];

/// The values of a refused form (from the redirect's query), or none.
#[derive(Clone, Default)]
struct Typed {
    kind: String,
    error: Option<String>,
    fields: Vec<(String, String)>,
}

impl Typed {
    fn get(&self, key: &str) -> Option<String> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    /// The typed value if this form was refused, else `default`.
    fn value(&self, kind: &str, key: &str, default: &str) -> String {
        if self.kind == kind { self.get(key).unwrap_or_default() } else { default.to_string() }
    }

    fn error(&self, kind: &str) -> Option<String> {
        self.error.clone().filter(|_| self.kind == kind)
    }
}

#[component]
pub fn RecurringRules(data: HoursPageData, lang: Lang, base: String) -> impl IntoView {
    let t = lang.recurring();
    let query = use_query_map().read_untracked().clone();
    let error = query.get("error").filter(|code| code.starts_with("rule_"));
    let typed = match &error {
        Some(code) if code != "rule_gone" => Typed {
            kind: query.get("kind").unwrap_or_default(),
            error: Some(t.error(code).to_string()),
            fields: [
                "from_day",
                "from_month",
                "to_day",
                "to_month",
                "state",
                "hours",
                "nth",
                "weekday",
                "mo",
                "tu",
                "we",
                "th",
                "fr",
                "sa",
                "su",
            ]
            .into_iter()
            .map(|k| (k.to_string(), query.get(k).unwrap_or_default()))
            .collect(),
        },
        _ => Typed::default(),
    };
    let gone = error.as_deref() == Some("rule_gone");
    let rules = data.location.rules.clone();
    let entries = recurring::items(&rules)
        .into_iter()
        .map(|item| {
            let what = describe_recurring(lang, &item.what);
            let key = recurring::key(&rules, item.index).unwrap_or_default();
            view! {
                <li>
                    <strong>{what.clone()}</strong>
                    <form method="post" action=format!("{base}/rules/{}/delete", item.index) class="inline">
                        <CsrfField />
                        <input type="hidden" name="rule" value=key />
                        <button type="submit" class="link">
                            {t.remove} <span class="visually-hidden">{format!(": {what}")}</span>
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let action = format!("{base}/rules");
    view! {
        <section aria-labelledby="rules-heading" id="rules">
            <h2 id="rules-heading">{t.section}</h2>
            <p class="help">{t.intro}</p>
            {gone.then(|| view! { <p class="message problem" role="alert">{t.error_gone}</p> })}
            {rules.is_empty().then(|| view! { <p class="muted">{t.none}</p> })}
            <ul class="special rules">{entries}</ul>
            <YearlyForm t=t action=action.clone() typed=typed.clone() />
            <SeasonForm t=t lang=lang action=action.clone() typed=typed.clone() />
            <NthForm t=t lang=lang action=action typed=typed />
        </section>
    }
}

fn alert(id: &'static str, text: Option<String>) -> impl IntoView {
    text.map(|text| view! { <p class="message problem" role="alert" id=id>{text}</p> })
}

/// Day (number) and month (list) of one end of a date or season.
fn day_month(
    t: &'static RecurringTexts,
    id: &'static str,
    which: &'static str,
    legend: &'static str,
    values: (String, String),
    required: bool,
) -> impl IntoView {
    let (day, month) = values;
    let months = t
        .months
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let value = (i + 1).to_string();
            view! { <option value=value.clone() selected=month == value>{*name}</option> }
        })
        .collect_view();
    view! {
        <fieldset class="day">
            <legend>{legend}</legend>
            <div class="row">
                <div class="field day-number">
                    <label for=format!("{id}-{which}-day")>{t.day}</label>
                    <input id=format!("{id}-{which}-day") name=format!("{which}_day") type="number"
                        min="1" max="31" inputmode="numeric" required=required value=day />
                </div>
                <div class="field">
                    <label for=format!("{id}-{which}-month")>{t.month}</label>
                    <select id=format!("{id}-{which}-month") name=format!("{which}_month") required=required>
                        {(!required).then(|| view! { <option value="">"–"</option> })}
                        {months}
                    </select>
                </div>
            </div>
        </fieldset>
    }
}

/// Closed, or open with the hours typed beside it.
fn state_and_hours(
    t: &'static RecurringTexts,
    id: &'static str,
    typed: &Typed,
    kind: &str,
) -> impl IntoView + use<> {
    let closed = typed.value(kind, "state", "open") == "closed";
    let hours = typed.value(kind, "hours", "");
    view! {
        <fieldset class="day">
            <legend>{t.open_or_closed}</legend>
            <div class="check">
                <input type="radio" id=format!("{id}-open") name="state" value="open" checked=!closed />
                <label for=format!("{id}-open")>{t.open}</label>
            </div>
            <div class="check">
                <input type="radio" id=format!("{id}-closed") name="state" value="closed" checked=closed />
                <label for=format!("{id}-closed")>{t.closed}</label>
            </div>
            <div class="field">
                <label for=format!("{id}-hours")>{t.hours}</label>
                <input id=format!("{id}-hours") name="hours" inputmode="decimal" placeholder="10:00-14:00"
                    value=hours aria-describedby=format!("{id}-hours-help") />
                <p class="help" id=format!("{id}-hours-help")>{t.hours_help}</p>
            </div>
        </fieldset>
    }
}

#[component]
fn YearlyForm(t: &'static RecurringTexts, action: String, typed: Typed) -> impl IntoView {
    let kind = "yearly";
    let error = typed.error(kind);
    let v = |key: &str| typed.value(kind, key, "");
    view! {
        <details class="add-rule" open=error.is_some()>
            <summary>{t.add_yearly}</summary>
            <form method="post" action=action class="stack">
                <CsrfField />
                <input type="hidden" name="kind" value=kind />
                {alert("yearly-error", error.clone())}
                {day_month(t, "yearly", "from", t.first_day, (v("from_day"), v("from_month")), true)}
                {day_month(t, "yearly", "to", t.last_day_optional, (v("to_day"), v("to_month")), false)}
                {state_and_hours(t, "yearly", &typed, kind)}
                <button type="submit" class="primary">{t.add}</button>
            </form>
        </details>
    }
}

#[component]
fn SeasonForm(
    t: &'static RecurringTexts,
    lang: Lang,
    action: String,
    typed: Typed,
) -> impl IntoView {
    let kind = "season";
    let error = typed.error(kind);
    let v = |key: &str| typed.value(kind, key, "");
    let days = WEEKDAYS
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let checked = typed.value(kind, code, "on") == "on";
            let id = format!("season-{code}");
            view! {
                <div class="check">
                    <input type="checkbox" id=id.clone() name=*code checked=checked />
                    <label for=id>{lang.texts().weekday_short(weekday_from_index(i))}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <details class="add-rule" open=error.is_some()>
            <summary>{t.add_season}</summary>
            <form method="post" action=action class="stack">
                <CsrfField />
                <input type="hidden" name="kind" value=kind />
                <input type="hidden" name="state" value="open" />
                {alert("season-error", error.clone())}
                <p class="help">{t.season_help}</p>
                {day_month(t, "season", "from", t.season_from, (v("from_day"), v("from_month")), true)}
                {day_month(t, "season", "to", t.season_to, (v("to_day"), v("to_month")), true)}
                <fieldset class="day">
                    <legend>{t.weekdays}</legend>
                    {days}
                </fieldset>
                <div class="field">
                    <label for="season-hours">{t.hours}</label>
                    <input id="season-hours" name="hours" inputmode="decimal" placeholder="09:00-19:00"
                        required value=v("hours") aria-describedby="season-hours-help" />
                    <p class="help" id="season-hours-help">{t.hours_help}</p>
                </div>
                <button type="submit" class="primary">{t.add}</button>
            </form>
        </details>
    }
}

#[component]
fn NthForm(t: &'static RecurringTexts, lang: Lang, action: String, typed: Typed) -> impl IntoView {
    let kind = "nth";
    let error = typed.error(kind);
    let nth = typed.value(kind, "nth", "1");
    let weekday = typed.value(kind, "weekday", "sa");
    let ordinals = ["1", "2", "3", "4", "-1"]
        .into_iter()
        .zip(t.ordinals)
        .map(|(value, label)| view! { <option value=value selected=nth == value>{label}</option> })
        .collect_view();
    let weekdays = WEEKDAYS
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let name = lang.texts().weekday(weekday_from_index(i));
            view! { <option value=*code selected=weekday == *code>{name}</option> }
        })
        .collect_view();
    view! {
        <details class="add-rule" open=error.is_some()>
            <summary>{t.add_nth}</summary>
            <form method="post" action=action class="stack">
                <CsrfField />
                <input type="hidden" name="kind" value=kind />
                {alert("nth-error", error.clone())}
                <div class="row">
                    <div class="field">
                        <label for="nth-which">{t.which}</label>
                        <select id="nth-which" name="nth">{ordinals}</select>
                    </div>
                    <div class="field">
                        <label for="nth-weekday">{t.weekday}</label>
                        <select id="nth-weekday" name="weekday">{weekdays}</select>
                    </div>
                </div>
                {state_and_hours(t, "nth", &typed, kind)}
                <button type="submit" class="primary">{t.add}</button>
            </form>
        </details>
    }
}
