//! The owner's location editor: details and weekly hours. An island: it is the part of
//! the page that runs in the browser, validating with the same domain code as the server.

use super::interval_row::{IntervalRow, Row};
use crate::api::locations::save_location;
use crate::domain::hours::{DayInput, HoursError, WeeklyHours};
use crate::domain::location::{BUSINESS_TYPES, FieldError, GeoPoint, LocationDetails};
use crate::error::AppError;
use crate::i18n::{Lang, business_type, hours_error};
use leptos::prelude::*;

#[derive(Clone, Copy)]
struct Day {
    closed: RwSignal<bool>,
    rows: RwSignal<Vec<Row>>,
}

#[derive(Clone, Copy)]
struct Fields {
    name: RwSignal<String>,
    schema_type: RwSignal<String>,
    description: RwSignal<String>,
    street: RwSignal<String>,
    postal_code: RwSignal<String>,
    city: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    website: RwSignal<String>,
    timezone: RwSignal<String>,
    lat: RwSignal<String>,
    lon: RwSignal<String>,
    region: RwSignal<String>,
    language: RwSignal<String>,
    branch_code: RwSignal<String>,
}

impl Fields {
    fn new(d: &LocationDetails) -> Fields {
        let s = |v: &str| RwSignal::new(v.to_string());
        Fields {
            name: s(&d.name),
            schema_type: s(&d.schema_type),
            description: s(&d.description),
            street: s(&d.address.street),
            postal_code: s(&d.address.postal_code),
            city: s(&d.address.city),
            phone: s(&d.phone),
            email: s(&d.email),
            website: s(&d.website),
            timezone: s(&d.timezone),
            lat: RwSignal::new(d.geo.map(|g| g.lat.to_string()).unwrap_or_default()),
            lon: RwSignal::new(d.geo.map(|g| g.lon.to_string()).unwrap_or_default()),
            region: s(&d.address.region),
            language: s(&d.language),
            branch_code: s(&d.branch_code),
        }
    }

    /// The details as typed; unparsable coordinates become NaN so validation flags them.
    fn details(&self, base: &LocationDetails) -> LocationDetails {
        let (lat, lon) = (self.lat.get_untracked(), self.lon.get_untracked());
        let geo = if lat.trim().is_empty() && lon.trim().is_empty() {
            None
        } else {
            let number = |s: &str| s.trim().replace(',', ".").parse::<f64>().unwrap_or(f64::NAN);
            Some(GeoPoint { lat: number(&lat), lon: number(&lon) })
        };
        let mut details = base.clone();
        details.name = self.name.get_untracked();
        details.schema_type = self.schema_type.get_untracked();
        details.description = self.description.get_untracked();
        details.address.street = self.street.get_untracked();
        details.address.postal_code = self.postal_code.get_untracked();
        details.address.city = self.city.get_untracked();
        details.phone = self.phone.get_untracked();
        details.email = self.email.get_untracked();
        details.website = self.website.get_untracked();
        details.timezone = self.timezone.get_untracked();
        details.address.region = self.region.get_untracked();
        details.language = self.language.get_untracked();
        details.branch_code = self.branch_code.get_untracked();
        if let Some((country, _)) = details.address.region.split_once('-') {
            details.address.country = country.to_string();
        }
        details.geo = geo;
        details
    }
}

#[derive(Clone, PartialEq)]
enum Message {
    Saved,
    Problem(&'static str),
}

#[island]
pub fn LocationEditor(
    lang: Lang,
    csrf_token: String,
    business_id: i64,
    location_id: i64,
    details: LocationDetails,
    hours: Vec<DayInput>,
    /// `(code, name)` of the regions with public-holiday rules (sent by the server, so the
    /// holiday data stays out of the WASM).
    regions: Vec<(String, String)>,
) -> impl IntoView {
    let t = lang.texts();
    let counter = StoredValue::new(0u32);
    let new_row = move |opens: String, closes: String| {
        counter.update_value(|c| *c += 1);
        Row { key: counter.get_value(), opens: RwSignal::new(opens), closes: RwSignal::new(closes) }
    };
    let days: [Day; 7] = std::array::from_fn(|index| {
        let input = hours.get(index).cloned().unwrap_or_default();
        Day {
            closed: RwSignal::new(input.closed),
            rows: RwSignal::new(input.intervals.into_iter().map(|(o, c)| new_row(o, c)).collect()),
        }
    });
    let fields = Fields::new(&details);
    let field_errors = RwSignal::new(Vec::<FieldError>::new());
    let hours_errors = RwSignal::new(Vec::<HoursError>::new());
    let message = RwSignal::new(None::<Message>);
    let saving = RwSignal::new(false);
    let base = StoredValue::new(details);
    // Effects run only in the browser: this marks the form as interactive (for tests and
    // for styling a not-yet-ready editor).
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let csrf = StoredValue::new(csrf_token);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let hours_input: Vec<DayInput> = days
            .iter()
            .map(|day| DayInput {
                closed: day.closed.get_untracked(),
                intervals: day
                    .rows
                    .get_untracked()
                    .iter()
                    .map(|r| (r.opens.get_untracked(), r.closes.get_untracked()))
                    .collect(),
            })
            .collect();
        let details = fields.details(&base.get_value());
        let local_hours = WeeklyHours::parse(&hours_input).err().unwrap_or_default();
        let local_fields = details.clone().validate().err().unwrap_or_default();
        if !local_hours.is_empty() || !local_fields.is_empty() {
            hours_errors.set(local_hours);
            field_errors.set(local_fields);
            message.set(Some(Message::Problem(t.fix_marked)));
            return;
        }
        saving.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            let result =
                save_location(csrf.get_value(), business_id, location_id, details, hours_input)
                    .await;
            saving.set(false);
            match result {
                Ok(()) => {
                    field_errors.set(Vec::new());
                    hours_errors.set(Vec::new());
                    message.set(Some(Message::Saved));
                }
                Err(AppError::Invalid { fields, hours }) => {
                    field_errors.set(fields);
                    hours_errors.set(hours);
                    message.set(Some(Message::Problem(t.fix_marked)));
                }
                Err(AppError::Unauthorized) => message.set(Some(Message::Problem(t.session_ended))),
                Err(_) => message.set(Some(Message::Problem(t.save_failed))),
            }
        });
    };

    let field_error = move |name: &'static str| {
        move || {
            field_errors.get().iter().find(|e| e.field == name).map(|e| t.field_problem(e.problem))
        }
    };
    let text_field = move |name: &'static str,
                           label: &'static str,
                           value: RwSignal<String>,
                           kind: &'static str,
                           autocomplete: &'static str| {
        let error = field_error(name);
        let id = format!("f-{name}");
        let error_id = format!("f-{name}-error");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input
                    id=id
                    name=name
                    type=kind
                    autocomplete=autocomplete
                    value=value.get_untracked()
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || error().is_some().then_some("true")
                    aria-describedby=error_id.clone()
                />
                <p class="error" id=error_id>{error}</p>
            </div>
        }
    };

    let day_views = (0..7)
        .map(|index| {
            let day = days[index];
            let day_name = t.weekdays[index];
            let error_id = format!("day-{index}-error");
            let described_by = error_id.clone();
            let closed_id = format!("day-{index}-closed");
            let errors = move || {
                hours_errors
                    .get()
                    .into_iter()
                    .filter(|e| e.day.num_days_from_monday() as usize == index)
                    .map(|e| view! { <li>{hours_error(lang, &e)}</li> })
                    .collect_view()
            };
            let targets = RwSignal::new([false; 7]);
            let copy = move |_| {
                let source = day.rows.get_untracked();
                let chosen = targets.get_untracked();
                for (other, target) in days.iter().enumerate() {
                    if chosen[other] && other != index {
                        target.closed.set(day.closed.get_untracked());
                        target.rows.set(
                            source
                                .iter()
                                .map(|r| new_row(r.opens.get_untracked(), r.closes.get_untracked()))
                                .collect(),
                        );
                    }
                }
                targets.set([false; 7]);
            };
            view! {
                <fieldset class="day" aria-describedby=described_by>
                    <legend>{day_name}</legend>
                    <div class="check">
                        <input
                            type="checkbox"
                            id=closed_id.clone()
                            checked=day.closed.get_untracked()
                            prop:checked=move || day.closed.get()
                            on:change=move |ev| day.closed.set(event_target_checked(&ev))
                        />
                        <label for=closed_id>{t.closed_this_day}</label>
                    </div>
                    <ul class="error" id=error_id>{errors}</ul>
                    <div class="intervals" hidden=move || day.closed.get()>
                        <For each=move || day.rows.get() key=|row| row.key let:row>
                            <IntervalRow row=row day_name=day_name lang=lang on_remove=move || {
                                day.rows.update(|rows| rows.retain(|r| r.key != row.key))
                            } />
                        </For>
                        <button
                            type="button"
                            class="secondary"
                            on:click=move |_| {
                                day.rows.update(|rows| rows.push(new_row(String::new(), String::new())))
                            }
                        >
                            {t.add_hours}
                            <span class="visually-hidden">{format!(" ({day_name})")}</span>
                        </button>
                    </div>
                    <details class="copy">
                        <summary>
                            {t.copy_to_days}
                            <span class="visually-hidden">{format!(" ({day_name})")}</span>
                        </summary>
                        <div class="targets">
                            {(0..7)
                                .filter(|other| *other != index)
                                .map(|other| {
                                    let id = format!("copy-{index}-{other}");
                                    view! {
                                        <span class="check">
                                            <input
                                                type="checkbox"
                                                id=id.clone()
                                                prop:checked=move || targets.get()[other]
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    targets.update(|t| t[other] = on);
                                                }
                                            />
                                            <label for=id>{t.weekdays_short[other]}</label>
                                        </span>
                                    }
                                })
                                .collect_view()}
                        </div>
                        <button type="button" class="secondary" on:click=copy>
                            {t.copy}
                        </button>
                    </details>
                </fieldset>
            }
        })
        .collect_view();

    let type_error = field_error("schema_type");
    let description_error = field_error("description");
    let geo_error = field_error("geo");
    let initial_type = fields.schema_type.get_untracked();
    let initial_region = fields.region.get_untracked();
    let region_error = field_error("region");
    let initial_language = fields.language.get_untracked();
    let lt = lang.locations();
    view! {
        <form class="editor" on:submit=on_submit novalidate data-ready=move || ready.get().to_string()>
            <section aria-labelledby="hours-heading">
                <h2 id="hours-heading">{t.weekly_hours}</h2>
                <p class="help">{t.weekly_hours_help}</p>
                {day_views}
            </section>
            <section aria-labelledby="details-heading">
                <h2 id="details-heading">{t.details}</h2>
                {text_field("name", t.name, fields.name, "text", "organization")}
                <div class="field">
                    <label for="f-schema_type">{t.schema_type}</label>
                    <select
                        id="f-schema_type"
                        name="schema_type"
                        on:change=move |ev| fields.schema_type.set(event_target_value(&ev))
                        aria-invalid=move || type_error().is_some().then_some("true")
                        aria-describedby="f-schema_type-error"
                    >
                        {BUSINESS_TYPES
                            .iter()
                            .map(|ty| {
                                view! {
                                    <option value=*ty selected=*ty == initial_type>
                                        {business_type(lang, ty)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p class="error" id="f-schema_type-error">{type_error}</p>
                </div>
                <div class="field">
                    <label for="f-description">{t.description}</label>
                    <textarea
                        id="f-description"
                        name="description"
                        rows="3"
                        prop:value=move || fields.description.get()
                        on:input=move |ev| fields.description.set(event_target_value(&ev))
                        aria-invalid=move || description_error().is_some().then_some("true")
                        aria-describedby="f-description-error"
                    >
                        {fields.description.get_untracked()}
                    </textarea>
                    <p class="error" id="f-description-error">{description_error}</p>
                </div>
                {text_field("street", t.street, fields.street, "text", "street-address")}
                <div class="row">
                    {text_field("postal_code", t.postal_code, fields.postal_code, "text", "postal-code")}
                    {text_field("city", t.city, fields.city, "text", "address-level2")}
                </div>
                {text_field("phone", t.phone, fields.phone, "tel", "tel")}
                {text_field("email", t.email, fields.email, "email", "email")}
                {text_field("website", t.website, fields.website, "url", "url")}
                {text_field("timezone", t.timezone, fields.timezone, "text", "off")}
                <div class="field">
                    <label for="f-language">{lt.language}</label>
                    <select
                        id="f-language"
                        name="language"
                        on:change=move |ev| fields.language.set(event_target_value(&ev))
                        aria-describedby="f-language-help"
                    >
                        <option value="de" selected=initial_language == "de">{lt.german}</option>
                        <option value="en" selected=initial_language == "en">{lt.english}</option>
                    </select>
                    <p class="help" id="f-language-help">{lt.language_help}</p>
                </div>
                {text_field("branch_code", lt.branch_code, fields.branch_code, "text", "off")}
                <div class="field">
                    <label for="f-region">{t.holiday_region}</label>
                    <select
                        id="f-region"
                        name="region"
                        on:change=move |ev| fields.region.set(event_target_value(&ev))
                        aria-invalid=move || region_error().is_some().then_some("true")
                        aria-describedby="f-region-error"
                    >
                        <option value="" selected=initial_region.is_empty()>{t.no_region_choice}</option>
                        {regions
                            .into_iter()
                            .map(|(code, name)| {
                                let selected = code == initial_region;
                                view! { <option value=code.clone() selected=selected>{format!("{name} ({code})")}</option> }
                            })
                            .collect_view()}
                    </select>
                    <p class="error" id="f-region-error">{region_error}</p>
                </div>
                <div class="row">
                    {text_field("lat", t.latitude, fields.lat, "text", "off")}
                    {text_field("lon", t.longitude, fields.lon, "text", "off")}
                </div>
                <p class="error" id="f-geo-error">{geo_error}</p>
            </section>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || saving.get()>
                    {move || if saving.get() { t.saving } else { t.save }}
                </button>
                <p
                    role="status"
                    class=move || match message.get() {
                        Some(Message::Saved) => "message ok",
                        Some(Message::Problem(_)) => "message problem",
                        None => "message",
                    }
                >
                    {move || match message.get() {
                        Some(Message::Saved) => t.saved,
                        Some(Message::Problem(text)) => text,
                        None => "",
                    }}
                </p>
            </div>
        </form>
    }
}
