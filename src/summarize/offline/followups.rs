//! Replies that take a task on without naming it, tied to the task they
//! take on. "<@U2> could you set up the retro?" / "Will do, Thursday":
//! the request is the item and the reply gives its due date; "need the
//! k6 credentials from <@U3>" / "<@U1> I'll share them after my 11:00":
//! the reply is the item and the blocker names its object.

use super::actions;
use super::promises;
use super::text::clip;
use crate::summarize::Summary;

/// Where an action item came from.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    /// Who asked for it, when it is not the owner's own.
    pub asker: Option<String>,
    /// Read out of a blocker ("until <@U2> migrates her dashboards"): it is
    /// kept only if its owner takes it on.
    pub tentative: bool,
}

/// A reply that takes something on without naming it.
#[derive(Debug, Clone)]
pub(crate) struct Promise {
    pub owner: String,
    /// The people the reply starts by addressing (empty: a bare "Will do").
    pub to: Vec<String>,
    pub due: Option<String>,
    /// The item the reply made of itself ("Share them after my 11:00"), if any.
    pub item: Option<usize>,
}

/// Ties each promise to the request it answers (which takes the promise's
/// due date when it has none, and the promise's own item is dropped), or
/// to the blocker of the person it answers (which names what "them" is).
/// Tasks read out of blockers that nobody took on are dropped.
pub(crate) fn link(summary: &mut Summary, origins: &mut [Origin], promises: &[Promise]) {
    let mut drop = vec![false; summary.action_items.len()];
    for p in promises {
        let asked_of = |i: usize| {
            let a = &summary.action_items[i];
            a.owner == p.owner
                && Some(i) != p.item
                && origins[i]
                    .asker
                    .as_ref()
                    .is_some_and(|who| p.to.is_empty() || p.to.contains(who))
        };
        let target = (0..summary.action_items.len())
            .filter(|&i| asked_of(i))
            .min_by_key(|&i| summary.action_items[i].due.is_some());
        if let Some(t) = target {
            origins[t].tentative = false;
            let item = &mut summary.action_items[t];
            if item.due.is_none() {
                item.due.clone_from(&p.due);
            }
            // The reply's own item goes only when it names nothing the
            // request does not ("Share them after lunch").
            if let Some(i) = p
                .item
                .filter(|&i| names_nothing(&summary.action_items[i].text))
            {
                drop[i] = true;
            }
            continue;
        }
        let Some(i) = p.item else { continue };
        let blocker = summary
            .blockers
            .iter()
            .find(|b| p.to.contains(&b.user) && b.blocked_by.as_deref() == Some(p.owner.as_str()));
        if let Some(b) = blocker {
            let item = &mut summary.action_items[i];
            if let Some(named) = actions::named_from(&item.text, &b.text) {
                item.text = named;
            } else if names_nothing(&item.text) {
                // "Renovo depois do almoço": what is renewed is what the
                // blocker says is missing.
                item.text = format!("{} ({})", item.text, clip(&b.text, 80));
            }
        }
    }
    for (i, o) in origins.iter().enumerate() {
        drop[i] |= o.tentative;
    }
    let mut keep = drop.iter().map(|d| !d);
    summary.action_items.retain(|_| keep.next().unwrap_or(true));
}

/// An item that names no object of its own: "Share them after my 11:00",
/// "Envoie matin", "Both".
fn names_nothing(text: &str) -> bool {
    promises::is_pronoun_promise(&format!("I'll {text}"))
        || promises::is_pronoun_promise(text)
        || text.split_whitespace().count() <= 3
}
