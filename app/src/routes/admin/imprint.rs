//! `/admin/imprint/{business}`: the imprint and privacy screen of a business (owners and
//! managers). The imprint form shows the fields the business's country asks for, each with
//! whether it is required, the provision behind it and one sentence of help; a refused form
//! comes back (from the server's `imprint` handler) with every problem beside its field and
//! what was typed. Plain forms; works without WASM.

use crate::api::imprint::{ImprintScreen, get_imprint_screen};
use crate::components::layout::{AppLayout, CsrfField};
use crate::domain::imprint::{
    Country, FLAGS, FieldRule, Imprint, ImprintError, ImprintField as F, LegalForm, Need,
    errors_from_query, own_address_from_pairs, rules,
};
use crate::domain::privacy::{MAX_EXTRA_CHARS, MAX_HOSTING_CHARS};
use crate::i18n::Lang;
use crate::i18n::imprint::{citation, country_name, help, label, legal_form, need, problem};
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ImprintScreenPage() -> impl IntoView {
    let business =
        use_params_map().read_untracked().get("business").and_then(|id| id.parse::<i64>().ok());
    let data = Resource::new_blocking(
        move || business,
        |business| async move {
            match business {
                Some(business) => get_imprint_screen(business).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <ScreenView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Countries offered in the form; any other code the owner typed earlier is kept.
const COUNTRIES: [&str; 12] =
    ["DE", "AT", "CH", "LI", "LU", "BE", "NL", "FR", "IT", "DK", "PL", "CZ"];

#[component]
fn ScreenView(data: ImprintScreen) -> impl IntoView {
    let lang = request::lang();
    let s = lang.imprint_screen();
    let query = use_query_map().read_untracked().clone();
    // A refused form: what was typed and its problems come back in the query.
    let errors = query.get("errors").map(|e| errors_from_query(&e)).unwrap_or_default();
    let refused = query.get("errors").is_some();
    let (imprint, own_address) = if refused {
        let pairs: Vec<(String, String)> =
            query.clone().into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let pairs = || pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        (Imprint::from_pairs(pairs()), own_address_from_pairs(pairs()))
    } else {
        let own = data.locations.iter().filter(|l| l.own_address).map(|l| l.id).collect();
        (data.imprint.clone(), own)
    };
    let saved = query.get("saved");
    let privacy_refused = query.get("error").as_deref() == Some("privacy_too_long");
    let (hosting, extra) = if privacy_refused {
        (query.get("hosting").unwrap_or_default(), query.get("extra").unwrap_or_default())
    } else {
        (data.privacy_hosting.clone(), data.privacy_extra.clone())
    };
    let title = s.title.replace("{name}", &data.business_name);
    let view_base = data.locations.first().map(|l| format!("/{}", l.slug)).unwrap_or_default();
    let action = format!("/admin/imprint/{}", data.business_id);
    let status = if refused {
        None
    } else if saved.as_deref() == Some("imprint") {
        Some(s.saved)
    } else if data.complete {
        Some(s.complete)
    } else {
        None
    };
    let missing = !refused && !data.complete;
    view! {
        <Title text=title.clone() />
        <AppLayout signed_in=true>
            <p class="crumbs"><a href="/admin">{lang.texts().dashboard}</a></p>
            <h1>{title}</h1>
            <p>{s.intro}</p>
            {missing.then(|| view! { <p class="message problem">{lang.imprint().missing_notice}</p> })}
            {status.map(|text| view! { <p class="message ok" role="status">{text}</p> })}
            <ImprintForm action=action.clone() imprint=imprint errors=errors refused=refused
                locations=data.locations.iter().map(|l| (l.id, l.name.clone(), l.address.clone())).collect()
                own_address=own_address />
            <p><a href=format!("{view_base}/imprint")>{s.view_imprint}</a></p>

            <section aria-labelledby="privacy-heading" id="privacy-form">
                <h2 id="privacy-heading">{s.privacy_heading}</h2>
                <p>{s.privacy_intro}</p>
                {(saved.as_deref() == Some("privacy")).then(|| view! { <p class="message ok" role="status">{s.privacy_saved}</p> })}
                {privacy_refused.then(|| view! { <p class="message problem" role="alert" id="privacy-error">{s.privacy_too_long}</p> })}
                <form method="post" action=format!("{action}/privacy") class="stack">
                    <CsrfField />
                    <div class="field">
                        <label for="privacy-hosting">{s.hosting}</label>
                        <input id="privacy-hosting" name="hosting" value=hosting maxlength=MAX_HOSTING_CHARS.to_string()
                            aria-describedby="privacy-hosting-help" autocomplete="off" />
                        <p class="muted small" id="privacy-hosting-help">{s.hosting_help}</p>
                    </div>
                    <div class="field">
                        <label for="privacy-extra">{s.extra}</label>
                        <textarea id="privacy-extra" name="extra" rows="5" maxlength=MAX_EXTRA_CHARS.to_string()
                            aria-describedby="privacy-extra-help">{extra}</textarea>
                        <p class="muted small" id="privacy-extra-help">{s.extra_help}</p>
                    </div>
                    <button type="submit">{s.save_privacy}</button>
                </form>
                <p><a href=format!("{view_base}/privacy")>{s.view_privacy}</a></p>
            </section>
        </AppLayout>
    }
}

/// The groups of the form, in order, with the fields each holds.
const GROUPS: [(Group, &[F]); 6] = [
    (Group::Company, &[F::LegalName, F::LegalForm, F::BusinessPurpose, F::Representatives]),
    (Group::Address, &[F::Street, F::PostalCode, F::City, F::Country]),
    (Group::Contact, &[F::Email, F::Phone]),
    (Group::Register, &[F::RegisterCourt, F::RegisterNumber, F::VatId]),
    (
        Group::Profession,
        &[
            F::SupervisoryAuthority,
            F::Chamber,
            F::ProfessionalTitle,
            F::TitleCountry,
            F::ProfessionalRules,
        ],
    ),
    (Group::Media, &[F::ContentResponsible, F::MediaLine]),
];

#[derive(Clone, Copy)]
enum Group {
    Company,
    Address,
    Contact,
    Register,
    Profession,
    Media,
}

fn legend(lang: Lang, group: Group) -> &'static str {
    let s = lang.imprint_screen();
    match group {
        Group::Company => s.company_legend,
        Group::Address => s.address_legend,
        Group::Contact => s.contact_legend,
        Group::Register => s.register_legend,
        Group::Profession => s.profession_legend,
        Group::Media => s.media_legend,
    }
}

fn field_id(field: F) -> String {
    format!("imprint-{}", field.code().replace('_', "-"))
}

#[component]
fn ImprintForm(
    action: String,
    imprint: Imprint,
    errors: Vec<ImprintError>,
    refused: bool,
    locations: Vec<(i64, String, String)>,
    own_address: Vec<i64>,
) -> impl IntoView {
    let lang = request::lang();
    let (s, t) = (lang.imprint_screen(), lang.imprint());
    let country = imprint.country();
    let asked = rules(country);
    let rule_of = |field: F| asked.iter().find(|r| r.field == field).copied();
    let summary = (!errors.is_empty()).then(|| {
        let text = if errors.len() == 1 {
            s.refused_one.to_string()
        } else {
            s.refused.replace("{n}", &errors.len().to_string())
        };
        let items = errors
            .iter()
            .map(|e| {
                view! {
                    <li><a href=format!("#{}", field_id(e.field))>
                        {label(lang, country, e.field)} ": " {problem(lang, e.problem)}
                    </a></li>
                }
            })
            .collect_view();
        view! {
            <div class="message problem" role="alert" id="imprint-errors">
                <p>{text}</p>
                <ul>{items}</ul>
            </div>
        }
    });
    let asks = |field: F| rule_of(field).is_some();
    let flags = [
        (FLAGS[0], t.permit_required, imprint.permit_required, asks(F::SupervisoryAuthority)),
        (FLAGS[1], t.regulated_profession, imprint.regulated_profession, asks(F::Chamber)),
        (FLAGS[2], t.editorial_content, imprint.editorial_content, asks(F::ContentResponsible)),
    ];
    let flags = flags
        .into_iter()
        .filter(|(_, _, _, shown)| *shown)
        .map(|(name, text, on, _)| {
            view! {
                <div class="check">
                    <input type="checkbox" id=format!("imprint-{name}") name=name checked=on />
                    <label for=format!("imprint-{name}")>{text}</label>
                </div>
            }
        })
        .collect_view();
    let groups = GROUPS
        .into_iter()
        .filter_map(|(group, fields)| {
            let rows: Vec<FieldRule> = fields.iter().filter_map(|f| rule_of(*f)).collect();
            (!rows.is_empty()).then(|| {
                let rows = rows
                    .into_iter()
                    .map(|rule| {
                        let error =
                            errors.iter().find(|e| e.field == rule.field).map(|e| e.problem);
                        view! { <FieldRow rule=rule imprint=imprint.clone() error=error /> }
                    })
                    .collect_view();
                view! {
                    <fieldset>
                        <legend>{legend(lang, group)}</legend>
                        {rows}
                    </fieldset>
                }
            })
        })
        .collect_view();
    let branches = (locations.len() > 1).then(|| {
        let items = locations
            .into_iter()
            .map(|(id, name, address)| {
                let input = format!("{}{id}", crate::domain::imprint::OWN_ADDRESS);
                view! {
                    <div class="check">
                        <input type="checkbox" id=input.clone() name=input.clone() checked=own_address.contains(&id) />
                        <label for=input>{s.own_address.replace("{name}", &name).replace("{address}", &address)}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <fieldset>
                <legend>{s.branches_legend}</legend>
                <p class="muted small">{s.branches_help}</p>
                {items}
            </fieldset>
        }
    });
    let _ = refused;
    view! {
        <form method="post" action=action class="stack imprint-form" id="imprint-form" novalidate>
            <CsrfField />
            {summary}
            <fieldset>
                <legend>{s.facts_legend}</legend>
                <p class="muted small">{s.facts_help}</p>
                {flags}
            </fieldset>
            {groups}
            {branches}
            <button type="submit">{s.save}</button>
        </form>
    }
}

/// One field: label, whether it is needed, the law, one sentence of help, its problem.
#[component]
fn FieldRow(
    rule: FieldRule,
    imprint: Imprint,
    error: Option<crate::domain::imprint::ImprintProblem>,
) -> impl IntoView {
    let lang = request::lang();
    let country = imprint.country();
    let field = rule.field;
    let id = field_id(field);
    let (help_id, error_id) = (format!("{id}-help"), format!("{id}-error"));
    let required = imprint.is_required(field);
    let note = if required { need(lang, Need::Required) } else { need(lang, rule.need) };
    let law = rule.law.map(|law| citation(lang, law));
    let described = match error {
        Some(_) => format!("{error_id} {help_id}"),
        None => help_id.clone(),
    };
    let value = imprint.value(field).to_string();
    let multiline = matches!(
        field,
        F::Representatives
            | F::ProfessionalRules
            | F::ContentResponsible
            | F::MediaLine
            | F::BusinessPurpose
    );
    let invalid = error.is_some().then_some("true");
    let input = match field {
        F::LegalForm => {
            let options = LegalForm::ALL
                .into_iter()
                .map(|form| {
                    view! {
                        <option value=form.code() selected=imprint.legal_form == Some(form)>
                            {legal_form(lang, country, form)}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <select id=id.clone() name=field.code() required=required aria-invalid=invalid aria-describedby=described.clone()>
                    <option value="" selected=imprint.legal_form.is_none()>{lang.imprint_screen().choose}</option>
                    {options}
                </select>
            }
            .into_any()
        }
        F::Country => {
            let mut codes: Vec<String> = COUNTRIES.iter().map(|c| c.to_string()).collect();
            let current = value.trim().to_ascii_uppercase();
            if !current.is_empty() && !codes.contains(&current) {
                codes.push(current.clone());
            }
            let options = codes
                .into_iter()
                .map(|code| {
                    let name = match Country::from_code(&code) {
                        Country::Other => code.clone(),
                        _ => format!("{} ({code})", country_name(lang, &code)),
                    };
                    view! { <option value=code.clone() selected=code == current>{name}</option> }
                })
                .collect_view();
            view! {
                <select id=id.clone() name=field.code() required=required aria-invalid=invalid aria-describedby=described.clone()>
                    {options}
                </select>
            }
            .into_any()
        }
        _ if multiline => view! {
            <textarea id=id.clone() name=field.code() rows="3" required=required aria-invalid=invalid aria-describedby=described.clone()>
                {value}
            </textarea>
        }
        .into_any(),
        _ => {
            let kind = match field {
                F::Email => "email",
                F::Phone => "tel",
                _ => "text",
            };
            let autocomplete = match field {
                F::LegalName => "organization",
                F::Street => "street-address",
                F::PostalCode => "postal-code",
                F::City => "address-level2",
                F::Email => "email",
                F::Phone => "tel",
                _ => "off",
            };
            view! {
                <input type=kind id=id.clone() name=field.code() value=value required=required
                    autocomplete=autocomplete aria-invalid=invalid aria-describedby=described.clone() />
            }
            .into_any()
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>
                {label(lang, country, field)}
                " " <span class=if required { "badge required" } else { "muted small" }>{note}</span>
            </label>
            {input}
            {error.map(|p| view! { <p class="field-error" id=error_id.clone()>{problem(lang, p)}</p> })}
            <p class="muted small" id=help_id>
                {help(lang, rule.help)}
                {law.map(|law| view! { " (" {law} ")" })}
            </p>
        </div>
    }
}
