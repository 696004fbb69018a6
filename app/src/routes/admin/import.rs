//! `/admin/businesses/{business}/import`: all locations of a business as one CSV file (the
//! columns of Google Business Profile's bulk sheet), and the import of such a file. Owners
//! and managers. Without JavaScript the download is a link and the upload a plain multipart
//! form whose answer comes back here as `?created=…` or `?failed=…&e=…`; `/import.js`
//! uploads with a progress bar and shows the answer in place.

use crate::api::import::{ImportPageData, MAX_CSV_MB, PROBLEMS_IN_URL, get_import_page};
use crate::components::layout::AppLayout;
use crate::domain::gbp_csv::{Column, RowError};
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ImportPage() -> impl IntoView {
    let business =
        use_params_map().read_untracked().get("business").and_then(|id| id.parse::<i64>().ok());
    let data = Resource::new_blocking(
        move || business,
        |business| async move {
            match business {
                Some(business) => get_import_page(business).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <ImportView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The answer of the last upload, from the query of the redirect.
enum Outcome {
    None,
    Done { created: String, updated: String, unchanged: String },
    Failed { rows: String, total: usize, shown: Vec<RowError> },
}

fn outcome() -> Outcome {
    let query = use_query_map().read_untracked().clone();
    let number = |key: &str| {
        query.get(key).filter(|v| v.parse::<u64>().is_ok()).unwrap_or_else(|| "0".into())
    };
    if query.get("failed").is_some() {
        let shown: Vec<RowError> = query
            .get_all("e")
            .unwrap_or_default()
            .iter()
            .filter_map(|code| RowError::from_code(code))
            .take(PROBLEMS_IN_URL)
            .collect();
        let total = query.get("errors").and_then(|n| n.parse().ok()).unwrap_or(shown.len());
        Outcome::Failed { rows: number("failed"), total, shown }
    } else if query.get("created").is_some() {
        Outcome::Done {
            created: number("created"),
            updated: number("updated"),
            unchanged: number("unchanged"),
        }
    } else {
        Outcome::None
    }
}

#[component]
fn ImportView(data: ImportPageData) -> impl IntoView {
    let lang = request::lang();
    let (t, it) = (lang.texts(), lang.import());
    let base = format!("/admin/businesses/{}", data.business_id);
    let action = format!("{base}/locations.csv?csrf_token={}", request::csrf_token());
    let mb = MAX_CSV_MB.to_string();
    let outcome = outcome();
    let failed = matches!(outcome, Outcome::Failed { .. });
    let described_by = if failed { "import-file-help import-result" } else { "import-file-help" };
    let result = match outcome {
        Outcome::None => None,
        Outcome::Done { created, updated, unchanged } => {
            let text = it
                .done
                .replace("{created}", &created)
                .replace("{updated}", &updated)
                .replace("{unchanged}", &unchanged);
            Some(view! { <p class="message ok">{text}</p> }.into_any())
        }
        Outcome::Failed { rows, total, shown } => {
            let more = (total > shown.len())
                .then(|| it.more_problems.replace("{n}", &shown.len().to_string()));
            let lines = shown
                .iter()
                .map(|e| {
                    view! {
                        <tr>
                            <td>{e.line}</td>
                            <td>{lang.import_column(e)}</td>
                            <td>{lang.import_problem(e.problem)}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(
                view! {
                    <p class="message problem">{it.failed.replace("{n}", &rows)}</p>
                    {more.map(|text| view! { <p class="help">{text}</p> })}
                    // Focusable, so the wide table scrolls by keyboard too.
                    <div class="table-scroll" tabindex="0" role="region" aria-label=it.problems_caption>
                        <table class="audit">
                            <caption class="visually-hidden">{it.problems_caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{it.col_line}</th>
                                    <th scope="col">{it.col_column}</th>
                                    <th scope="col">{it.col_problem}</th>
                                </tr>
                            </thead>
                            <tbody>{lines}</tbody>
                        </table>
                    </div>
                }
                .into_any(),
            )
        }
    };
    let columns = Column::ALL.map(Column::header).join(", ");
    view! {
        <Title text=format!("{} – Nahbar", it.title) />
        <AppLayout signed_in=true>
            <p class="crumbs"><a href="/admin">{t.dashboard}</a></p>
            <h1>{it.title}</h1>
            <p class="muted">{data.business_name.clone()}</p>
            <p>{it.intro}</p>
            <section aria-labelledby="export-title">
                <h2 id="export-title">{it.export_title}</h2>
                <p class="help">{it.export_help}</p>
                <p class="card-actions">
                    <a class="button" href=format!("{base}/locations.csv") download="">
                        {it.download.replace("{n}", &data.locations.to_string())}
                    </a>
                    <a href=format!("{base}/locations.csv?excel=1") download="">{it.download_excel}</a>
                </p>
            </section>
            <section aria-labelledby="import-title">
                <h2 id="import-title">{it.import_title}</h2>
                <p class="help">{it.import_help}</p>
                <form
                    method="post"
                    action=action
                    enctype="multipart/form-data"
                    class="stack"
                    data-import=""
                    data-text-uploading=it.uploading
                    data-text-checking=it.checking
                    data-text-done=it.done
                    data-text-failed=it.failed
                    data-text-more=it.more_problems
                    data-text-network=it.network_error
                    data-text-caption=it.problems_caption
                    data-text-line=it.col_line
                    data-text-column=it.col_column
                    data-text-problem=it.col_problem
                    data-text-value=it.col_value
                >
                    <div class="field">
                        <label for="import-file">{it.file_label}</label>
                        <input
                            id="import-file"
                            name="file"
                            type="file"
                            accept=".csv,.txt,text/csv"
                            required
                            aria-describedby=described_by
                            aria-invalid=failed.then_some("true")
                        />
                        <p class="help" id="import-file-help">{it.file_help.replace("{mb}", &mb)}</p>
                    </div>
                    <p data-import-progress="" hidden>
                        <progress max="100" value="0" aria-labelledby="import-status"></progress>
                    </p>
                    <p class="help" id="import-status" data-import-status="" role="status"></p>
                    <button type="submit" class="primary">{it.submit}</button>
                </form>
                <div id="import-result" data-import-result="" aria-live="polite">{result}</div>
            </section>
            <section aria-labelledby="columns-title">
                <h2 id="columns-title">{it.columns_title}</h2>
                <p class="help">{it.columns_help}</p>
                <p class="small muted">{columns}</p>
            </section>
            <script src="/import.js" defer></script>
        </AppLayout>
    }
}
