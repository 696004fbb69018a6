//! `/admin/posts/new`: a photo and a line, from the phone. Without JavaScript it is one
//! multipart form (photos go up at full size); `/compose.js` adds downscaling on the
//! device, upload progress, reordering, and the geotag with its snap to the shop or a POI.

use crate::api::posts::{PostTarget, get_compose_page};
use crate::components::layout::AppLayout;
use crate::domain::post::{MAX_TEXT_CHARS, PostKind, PostProblem};
use crate::request;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ComposePage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| get_compose_page());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let targets = data.await.unwrap_or_default();
                view! { <ComposeView targets=targets /> }
            })}
        </Suspense>
    }
}

#[component]
fn ComposeView(targets: Vec<PostTarget>) -> impl IntoView {
    let lang = request::lang();
    let (t, p) = (lang.texts(), lang.posts());
    let query = use_query_map().read_untracked().clone();
    let values: std::collections::HashMap<&str, String> =
        ["text", "kind", "valid_until", "starts_at", "ends_at", "publish_at"]
            .into_iter()
            .map(|key| (key, query.get(key).unwrap_or_default()))
            .collect();
    let value = move |key: &str| values.get(key).cloned().unwrap_or_default();
    let problem = query.get("error").and_then(|code| PostProblem::from_code(&code));
    let chosen: Option<i64> = query.get("location").and_then(|l| l.parse().ok());
    let kind = PostKind::parse(&value("kind")).unwrap_or(PostKind::Update);
    let first = targets.first().cloned();
    let current = targets.iter().find(|t| Some(t.location_id) == chosen).cloned().or(first);
    let places_json = serde_json::to_string(
        &targets
            .iter()
            .map(|t| {
                (
                    t.location_id,
                    t.places
                        .iter()
                        .map(|(name, p)| (name.clone(), p.lat, p.lon))
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>(),
    )
    .unwrap_or_default();
    let options = targets
        .iter()
        .map(|target| {
            let selected = current.as_ref().is_some_and(|c| c.location_id == target.location_id);
            view! { <option value=target.location_id.to_string() selected=selected>{target.name.clone()}</option> }
        })
        .collect_view();
    let kinds = PostKind::ALL
        .into_iter()
        .map(|k| {
            let id = format!("kind-{}", k.as_str());
            view! {
                <span class="check">
                    <input type="radio" id=id.clone() name="kind" value=k.as_str() checked=k == kind />
                    <label for=id>{p.kind(k)}</label>
                </span>
            }
        })
        .collect_view();
    let checklist = current.as_ref().map(|c| c.checklist.clone()).unwrap_or_default();
    let approval_note = current
        .as_ref()
        .is_some_and(|c| c.approval_required && c.role == crate::domain::location::Role::Staff);
    let checklist_view = (!checklist.is_empty()).then(|| {
        let items = checklist
            .into_iter()
            .enumerate()
            .map(|(n, item)| {
                let id = format!("confirm-{n}");
                view! {
                    <div class="check">
                        <input type="checkbox" id=id.clone() name="confirm" value=item.clone() required />
                        <label for=id>{item}</label>
                    </div>
                }
            })
            .collect_view();
        view! { <fieldset class="checklist"><legend>{p.checklist}</legend>{items}</fieldset> }
    });
    let action = format!("/admin/posts?csrf_token={}", request::csrf_token());
    let o = lang.outbox();
    let user = request::user_id().map(|id| id.to_string()).unwrap_or_default();
    // Photos shared to Nahbar and stored by the server (`/admin/share` without a service
    // worker) arrive as `?photo=<hash>-<width of the smallest rendition>`: attached, also
    // without JavaScript.
    let shared: Vec<(String, String)> = query
        .get_all("photo")
        .unwrap_or_default()
        .into_iter()
        .filter_map(|stem| {
            let (hash, width) = stem.split_once('-')?;
            let valid = hash.len() == 32
                && hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
                && (1..=4).contains(&width.len())
                && width.bytes().all(|b| b.is_ascii_digit());
            valid.then(|| (hash.to_string(), stem.clone()))
        })
        .take(crate::domain::post::MAX_PHOTOS)
        .collect();
    let outbox_texts = serde_json::json!({
        "saved": o.saved, "quota": o.quota, "noStorage": o.no_storage,
        "photoMissing": o.photo_missing, "editing": o.editing, "editingGone": o.editing_gone,
        "waitingForSend": o.waiting_for_send, "saveChanges": o.save_changes, "shared": o.shared,
    })
    .to_string();
    let shared_note =
        (!shared.is_empty()).then(|| view! { <p class="message ok" role="status">{o.shared}</p> });
    let shared_inputs = shared
        .iter()
        .map(|(hash, stem)| view! { <input type="hidden" name="photo_hash" value=hash.clone() data-shared-photo=stem.clone() /> })
        .collect_view();
    let shared_previews = shared
        .iter()
        .map(|(_, stem)| view! { <li data-shared-preview=""><img src=format!("/media/{stem}.jpg") alt="" width="96" height="72" /></li> })
        .collect_view();
    view! {
        <Title text=format!("{} – Nahbar", p.new_post) />
        <AppLayout signed_in=true>
            <p class="crumbs"><a href="/admin">{t.dashboard}</a> " · " <a href="/admin/posts">{p.posts}</a></p>
            <h1>{p.new_post}</h1>
            {problem.map(|problem| view! { <p class="message problem" role="alert" id="compose-error">{p.problem(lang, problem)}</p> })}
            {shared_note}
            <p class="message" data-compose-note="" role="status" hidden></p>
            <form
                method="post"
                action=action
                enctype="multipart/form-data"
                class="stack compose"
                data-compose=""
                data-places=places_json
                data-text-locating=p.locating
                data-text-at=p.at_place
                data-text-no-position=p.no_position
                data-text-uploading=p.uploading
                data-text-remove=p.remove
                data-text-move=p.move_left
                data-text-alt=p.alt
                data-text-offline=p.offline
                data-user=user
                data-outbox-texts=outbox_texts
            >
                {shared_inputs}
                <input type="hidden" name="idempotency_key" value=fresh_key() data-idempotency="" />
                <div class="field">
                    <label for="compose-location">{p.location}</label>
                    <select id="compose-location" name="location">{options}</select>
                </div>
                <div class="field">
                    <label for="compose-photos">{p.photos}</label>
                    <input id="compose-photos" name="photo" type="file" accept="image/*" multiple aria-describedby="compose-photos-help" />
                    <p class="help" id="compose-photos-help">{p.photos_help}</p>
                    <ol class="photo-list" data-photo-list="" aria-live="polite">{shared_previews}</ol>
                    <p class="help" data-upload-status="" role="status" aria-live="polite"></p>
                </div>
                <div class="field">
                    <label for="compose-text">{p.text}</label>
                    <textarea id="compose-text" name="text" rows="4" required maxlength=MAX_TEXT_CHARS.to_string() aria-describedby="compose-text-help">{value("text")}</textarea>
                    <p class="help" id="compose-text-help">{p.text_help}</p>
                </div>
                <fieldset class="kinds">
                    <legend>{p.kind}</legend>
                    {kinds}
                </fieldset>
                <div class="field" data-for-kind="offer">
                    <label for="compose-valid">{p.valid_until}</label>
                    <input id="compose-valid" name="valid_until" type="date" value=value("valid_until") />
                </div>
                <div class="row" data-for-kind="event">
                    <div class="field">
                        <label for="compose-starts">{p.starts}</label>
                        <input id="compose-starts" name="starts_at" type="datetime-local" value=value("starts_at") />
                    </div>
                    <div class="field">
                        <label for="compose-ends">{p.ends}</label>
                        <input id="compose-ends" name="ends_at" type="datetime-local" value=value("ends_at") />
                    </div>
                </div>
                <div class="field">
                    <label for="compose-publish">{p.publish_at}</label>
                    <input id="compose-publish" name="publish_at" type="datetime-local" value=value("publish_at") aria-describedby="compose-publish-help" />
                    <p class="help" id="compose-publish-help">{p.publish_at_help}</p>
                </div>
                <div class="geotag" data-geotag="" hidden>
                    <input type="hidden" name="lat" value="" />
                    <input type="hidden" name="lon" value="" />
                    <input type="hidden" name="accuracy" value="" />
                    <p><strong>{p.position} ": "</strong> <span data-geotag-text="" role="status" aria-live="polite">{p.locating}</span></p>
                    <button type="button" class="link" data-geotag-remove="">{p.remove_position}</button>
                </div>
                {checklist_view}
                {approval_note.then(|| view! { <p class="help">{p.approval_note}</p> })}
                <div class="actions">
                    <button type="submit" name="intent" value="submit" class="primary">{p.post_now}</button>
                    <button type="submit" name="intent" value="draft" formnovalidate>{p.save_draft}</button>
                </div>
            </form>
            <script src="/compose.js" defer></script>
        </AppLayout>
    }
}

/// The key that makes sending this form twice (a double click, "back" and send again, a
/// proxy passing the request to another node) make one post, also without JavaScript;
/// the staff app's script replaces it with its own for every post.
#[cfg(feature = "ssr")]
fn fresh_key() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        return String::new(); // no key: the form still works, without the protection
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(not(feature = "ssr"))]
fn fresh_key() -> String {
    String::new()
}
