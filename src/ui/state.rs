//! The app's state: the open reports, each with its one input signal, its reading (made by
//! the page's second module, asynchronously) and the memo of the core's result, and which of
//! them is shown. Several files opened at once each get their own report; pasting, typing and
//! the samples change the one shown. What changed since the last save is noted here, so that a
//! save writes only that (`ui::storage`).

use leptos::prelude::*;

use super::lazy;
use crate::model::{Digest, Report};
use crate::view::doc::{Input, Outcome, ReadFrom};
use crate::view::review::{self, Review};
use crate::view::stored::StoredReport;

/// One open report. Copy: it is a handful of signal handles.
#[derive(Clone, Copy, Debug)]
pub struct Doc {
    /// Its id, the key it is stored under: kept across reloads.
    pub id: u32,
    /// What the reviewer calls it: the file name, "粘贴的内容", a sample's name.
    pub name: RwSignal<String>,
    /// The report as given: the one input signal of this report.
    pub input: RwSignal<Input>,
    /// What the reviewer did with it: decisions on its findings, corrected cells.
    pub review: RwSignal<Review>,
    /// The last reading of `input` that came (`None` before the first): the page's second
    /// module reads (parses) a report, this module checks it. While the input is read again
    /// (an edit), the last reading stays, so that the page does not flash.
    pub reading: RwSignal<Option<Reading>>,
    /// The core's result: the rules run on the reading, with the corrections of `review`
    /// (computed when first read); a report not read yet, or that could not be read here,
    /// reads as not read ([`Outcome::is_read`]).
    pub outcome: Memo<Outcome>,
    /// What the checks across reports read of it (`desk::Desk`), derived from `outcome`;
    /// `None` for a report not read, which takes no part in them.
    pub digest: Memo<Option<Digest>>,
    /// The effect that asks for the readings.
    asking: Effect<LocalStorage>,
}

/// A reading of a report, as it came from the page's second module.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The input read: what the spans of the report point into (the input may have changed
    /// since, and be being read again).
    pub input: Input,
    /// The report as read and what it was read from, or why it could not be read here.
    pub result: Result<(Report, ReadFrom), String>,
}

impl PartialEq for Doc {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Doc {
    fn new(id: u32, name: String, input: Input, review: Review) -> Doc {
        // What needs no reading has its reading at once, so that the empty page shows as
        // empty, not as being read.
        let reading = RwSignal::new(Reading::at_once(&input));
        let input = RwSignal::new(input);
        let name = RwSignal::new(name);
        let review = RwSignal::new(review);
        let asking = ask_for_readings(input, reading);
        // A decision runs the check again too, and the memo finds the result unchanged (a
        // memo of the corrections alone, to spare that, cost 400 bytes of compressed wasm).
        let outcome = Memo::new(move |_| {
            reading.with(|r: &Option<Reading>| match r.as_ref().map(|r| &r.result) {
                None => Outcome::reading(),
                Some(Ok((report, read_from))) => {
                    let read = Outcome::of(report.clone(), read_from.clone());
                    review.with(|r| review::corrected(read, &r.corrections))
                }
                // Said as a refusal is: `未能读取“…”：` and why.
                Some(Err(why)) => Outcome::of(Report::default(), ReadFrom::Refused(why.clone())),
            })
        });
        let digest = Memo::new(move |_| outcome.with(|o| o.is_read().then(|| Digest::of(name.get(), &o.checked.report))));
        Doc { id, name, input, review, reading, outcome, digest, asking }
    }

    /// The input the outcome was read from: the one the reading came for, which the input
    /// may have moved on from while it is read again (tracked).
    pub fn with_read_input<T>(&self, f: impl FnOnce(&Input) -> T) -> T {
        self.reading.with(|r| match r {
            Some(reading) => f(&reading.input),
            None => self.input.with(f),
        })
    }

    /// Frees the report's signals once the page has re-rendered without it (a closed report
    /// may hold megabytes; disposing at once could pull a signal from under a view that is
    /// about to be dropped).
    fn dispose_later(self) {
        gloo::timers::callback::Timeout::new(0, move || {
            self.asking.dispose();
            self.digest.dispose();
            self.reading.dispose();
            self.outcome.dispose();
            self.input.dispose();
            self.review.dispose();
            self.name.dispose();
        })
        .forget();
    }
}

impl Reading {
    /// The reading of an input that needs none (`Input::read_at_once`: a refusal, nothing
    /// typed).
    fn at_once(input: &Input) -> Option<Reading> {
        input.read_at_once().map(|read| Reading { input: input.clone(), result: Ok(read) })
    }
}

/// Asks for a reading of `input` each time it changes, and sets `reading` when it comes; an
/// answer for an input that has changed since is dropped (a generation counter). What needs
/// no reading (a refusal, nothing typed) is set at once, and so is a reading that the
/// instance kept from the last one can do at once (`lazy::read_in_kept`).
fn ask_for_readings(input: RwSignal<Input>, reading: RwSignal<Option<Reading>>) -> Effect<LocalStorage> {
    let generation = std::rc::Rc::new(std::cell::Cell::new(0u32));
    Effect::new(move |_| {
        let given = input.get();
        let now = generation.get().wrapping_add(1);
        generation.set(now);
        if reading.with_untracked(|r: &Option<Reading>| r.as_ref().is_some_and(|r| r.result.is_ok() && r.input == given)) {
            return;
        }
        if let Some(at_once) = Reading::at_once(&given) {
            reading.set(Some(at_once));
            return;
        }
        let answer = move |input, result| {
            reading.try_set(Some(Reading { input, result }));
            // For `benches/page.rs`: a reading has come (the check follows as the page draws
            // it).
            super::dom::mark("nianbao-report-read");
        };
        if let Some(result) = lazy::read_in_kept(&given) {
            return answer(given, result);
        }
        let generation = generation.clone();
        let current = move || generation.get() == now;
        leptos::task::spawn_local(async move {
            if let Some(result) = lazy::read(&given, &current).await
                && current()
            {
                answer(given, result);
            }
        });
    })
}

/// The name of a report that was pasted or typed.
pub const PASTED: &str = "粘贴的内容";

/// The open reports; there is always at least one (an empty one to paste into).
#[derive(Clone, Copy, Debug)]
pub struct Docs {
    pub list: RwSignal<Vec<Doc>>,
    /// The id of the report shown.
    pub current: RwSignal<u32>,
    /// The ids of the reports changed (opened, closed, given a new input or review) since the
    /// last save.
    unsaved: StoredValue<Unsaved>,
}

/// What changed since the last save.
#[derive(Clone, Default)]
pub struct Unsaved {
    /// Reports opened, closed or given a new name or input.
    pub reports: Vec<u32>,
    /// Reports given a new review.
    pub reviews: Vec<u32>,
}

impl Docs {
    /// The reports `restored` with the one at `current` shown; one empty report when there
    /// are none.
    pub fn new(restored: Vec<StoredReport>, current: usize) -> Docs {
        let docs: Vec<Doc> =
            restored.into_iter().map(|r| Doc::new(r.id, r.name, r.input, review::decode(&r.review).unwrap_or_default())).collect();
        let current = docs.get(current).or(docs.first()).map_or(0, |d| d.id);
        let docs = Docs { list: RwSignal::new(docs), current: RwSignal::new(current), unsaved: StoredValue::new(Unsaved::default()) };
        if docs.list.with_untracked(Vec::is_empty) {
            docs.add(PASTED.to_string(), Input::default());
        }
        docs
    }

    /// The report shown (tracked).
    pub fn current(&self) -> Option<Doc> {
        let id = self.current.get();
        self.list.with(|l| l.iter().find(|d| d.id == id).copied())
    }

    /// The report shown, without tracking.
    pub fn current_untracked(&self) -> Option<Doc> {
        let id = self.current.get_untracked();
        self.list.with_untracked(|l| l.iter().find(|d| d.id == id).copied())
    }

    /// Opens a new report and shows it; returns its id.
    pub fn add(&self, name: String, input: Input) -> u32 {
        // Ids are never reused while the page lives: the next is one past the highest, and
        // the current one counts too (a closed report's id may still be current).
        let id = self.list.with_untracked(|l| l.iter().map(|d| d.id + 1).max().unwrap_or(0)).max(self.current.get_untracked() + 1);
        self.list.update(|l| l.push(Doc::new(id, name, input, Review::default())));
        self.current.set(id);
        self.changed(id);
        id
    }

    /// Puts `input` into the report shown, under a new name; returns its id.
    pub fn replace_current(&self, name: &str, input: Input) -> u32 {
        match self.current_untracked() {
            Some(doc) => {
                if doc.name.get_untracked() != name {
                    doc.name.set(name.to_string());
                }
                doc.input.set(input);
                self.changed(doc.id);
                doc.id
            }
            None => self.add(name.to_string(), input),
        }
    }

    /// Opens a file's report: into the report shown when that one is empty, else as a new
    /// one; returns its id.
    pub fn open(&self, name: String, input: Input) -> u32 {
        let empty =
            self.current_untracked().is_some_and(|d| d.input.with_untracked(|i| i.size() == 0 && !matches!(i, Input::Refused { .. })));
        if empty {
            let id = self.replace_current(&name, input);
            self.start_afresh(id);
            id
        } else {
            self.add(name, input)
        }
    }

    /// Closes a report; the last one closed leaves an empty one.
    pub fn remove(&self, id: u32) {
        let mut removed = None;
        self.list.update(|l| {
            if let Some(at) = l.iter().position(|d| d.id == id) {
                removed = Some(l.remove(at));
            }
        });
        if self.list.with_untracked(Vec::is_empty) {
            self.add(PASTED.to_string(), Input::default());
        } else if self.current.get_untracked() == id {
            let first = self.list.with_untracked(|l| l[0].id);
            self.current.set(first);
        }
        if let Some(doc) = removed {
            self.changed(doc.id);
            doc.dispose_later();
        }
    }

    /// Closes every report and leaves one empty one.
    pub fn clear(&self) {
        let old = self.list.get_untracked();
        self.list.set(Vec::new());
        self.add(PASTED.to_string(), Input::default());
        // Everything stored is removed at once (`storage::clear`): nothing of before to save.
        let new = self.list.with_untracked(|l| l.iter().map(|d| d.id).collect());
        self.unsaved.set_value(Unsaved { reports: new, reviews: Vec::new() });
        old.into_iter().for_each(Doc::dispose_later);
    }

    /// Forgets the reading and the review of report `id` (another report was put into it):
    /// the page shows it as being read, not the report that was there.
    pub fn start_afresh(&self, id: u32) {
        if let Some(doc) = self.get(id) {
            doc.reading.set(doc.input.with_untracked(Reading::at_once));
        }
        self.reset_review(id);
    }

    /// Forgets the review of report `id` (another report was put into it).
    pub fn reset_review(&self, id: u32) {
        if self.get(id).is_some_and(|d| d.review.with_untracked(|r| !r.is_empty())) {
            self.update_review(id, |r| *r = Review::default());
        }
    }

    /// Every report's review, in the order of [`Docs::snapshot`] (for storing).
    pub fn reviews(&self) -> Vec<Review> {
        self.list.with_untracked(|l| l.iter().map(|d| d.review.get_untracked()).collect())
    }

    /// Changes a report's review (the reviewer's decisions and corrections), to be saved.
    pub fn update_review(&self, id: u32, change: impl FnOnce(&mut Review)) {
        let Some(doc) = self.get(id) else { return };
        doc.review.update(change);
        self.unsaved.update_value(|u| u.reviews.push(id));
    }

    /// Notes that report `id` changed since the last save.
    fn changed(&self, id: u32) {
        self.unsaved.update_value(|u| u.reports.push(id));
    }

    /// Notes that reports `ids` and their reviews are to be saved (they are not in the
    /// database yet).
    pub fn mark_unsaved(&self, ids: &[u32]) {
        self.unsaved.update_value(|u| {
            u.reports.extend_from_slice(ids);
            u.reviews.extend_from_slice(ids);
        });
    }

    /// What changed since the last save, which is now forgotten.
    pub fn take_unsaved(&self) -> Unsaved {
        self.unsaved.try_update_value(std::mem::take).unwrap_or_default()
    }

    /// What changed since the last save, still to be saved.
    pub fn peek_unsaved(&self) -> Unsaved {
        self.unsaved.with_value(Unsaved::clone)
    }

    /// The open report `id`.
    pub fn get(&self, id: u32) -> Option<Doc> {
        self.list.with_untracked(|l| l.iter().find(|d| d.id == id).copied())
    }

    /// Every report's name and input, and the index of the one shown (for storing).
    pub fn snapshot(&self) -> (Vec<(String, Input)>, usize) {
        let current = self.current.get_untracked();
        self.list.with_untracked(|l| {
            let at = l.iter().position(|d| d.id == current).unwrap_or(0);
            (l.iter().map(|d| (d.name.get_untracked(), d.input.get_untracked())).collect(), at)
        })
    }
}
