//! One opening interval in the hours editor: from, until, "into the next day", remove.

use crate::domain::hours::TimeOfDay;
use crate::i18n::Lang;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub(crate) struct Row {
    pub key: u32,
    pub opens: RwSignal<String>,
    pub closes: RwSignal<String>,
}

#[component]
pub(crate) fn IntervalRow(
    row: Row,
    day_name: &'static str,
    lang: Lang,
    on_remove: impl Fn() + 'static,
) -> impl IntoView {
    let t = lang.texts();
    let overnight = move || {
        let parsed = (TimeOfDay::parse(&row.opens.get()), TimeOfDay::parse(&row.closes.get()));
        matches!(parsed, (Some(o), Some(c)) if c <= o).then_some(t.next_day)
    };
    let input = move |value: RwSignal<String>, label: &'static str| {
        view! {
            <label class="time">
                <span>{label}</span>
                <input
                    type="text"
                    inputmode="decimal"
                    placeholder="08:00"
                    size="5"
                    maxlength="5"
                    aria-label=format!("{day_name}, {label}")
                    aria-invalid=move || {
                        let text = value.get();
                        (!text.trim().is_empty() && TimeOfDay::parse(&text).is_none()).then_some("true")
                    }
                    value=value.get_untracked()
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </label>
        }
    };
    view! {
        <div class="interval">
            {input(row.opens, t.from)}
            {input(row.closes, t.until)}
            <span class="overnight">{overnight}</span>
            <button type="button" class="link" on:click=move |_| on_remove()>
                {t.remove}
                <span class="visually-hidden">{format!(" ({day_name})")}</span>
            </button>
        </div>
    }
}
