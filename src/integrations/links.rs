//! Link-back: the tickets that standup answers mention (`ENG-12`,
//! `acme/web#3`, a Trello, Asana, Linear or GitHub link) are looked up in
//! their tracker and shown in the summary with their title and status.
//!
//! A summary never waits on a tracker for long: all look-ups run at once,
//! each bounded by `SCRUMBOT_TICKET_STATUS_TIMEOUT_MS`, and what is not back
//! by then is left out (the summary goes out without it). Statuses are
//! cached in the database for [`CACHE_SECS`], so "Update summary" and the
//! next close do not ask again.

use std::sync::LazyLock;

use futures_util::future::join_all;
use regex::Regex;

use super::{asana, github, jira, linear, trello, TicketError, Tracker};
use crate::context::Context;
use crate::render::tickets::TicketView;

/// How long a fetched status is reused: statuses move in hours, and a few
/// minutes spare the tracker the same question from every summary edit.
pub const CACHE_SECS: i64 = 5 * 60;
/// Tickets looked up per summary: more is a list, not a standup.
const MAX_TICKETS: usize = 20;

/// A ticket named in an answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TicketRef {
    /// `ABC-123`: a Jira or a Linear key; the channel's tracker decides.
    Key(String),
    /// A key from a `linear.app/…/issue/KEY` link.
    Linear(String),
    /// `owner/repo#12` or a `github.com/owner/repo/issues/12` link.
    Github { repo: String, number: u64 },
    /// The short link of `trello.com/c/{short_link}`.
    Trello(String),
    /// The task gid of an `app.asana.com` link.
    Asana(String),
}

static URLS: LazyLock<Regex> = LazyLock::new(|| {
    // The URL alternatives, each with its own groups; Slack wraps links in
    // `<…>` or `<…|label>`, which ends the match at `|` or `>`.
    Regex::new(concat!(
        r"https?://trello\.com/c/(?P<trello>[A-Za-z0-9]{8})",
        r"|https?://app\.asana\.com[^\s|>]*?(?:/task/|/0/\d+/)(?P<asana>\d+)",
        r"|https?://linear\.app/[\w.-]+/issue/(?P<linear>[A-Z][A-Z0-9]*-\d+)",
        r"|https?://github\.com/(?P<ghrepo>[\w.-]+/[\w.-]+)/(?:issues|pull)/(?P<ghnum>\d+)",
        r"|https?://[^\s|>]+",
    ))
    .expect("a valid pattern")
});

static PLAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?P<repo>[A-Za-z0-9][\w.-]*/[\w.-]+)#(?P<num>\d+)\b",
        r"|\b(?P<key>[A-Z][A-Z0-9]{1,9}-\d{1,7})\b",
    ))
    .expect("a valid pattern")
});

/// The tickets `text` names, in order, each once. A tracker link counts as
/// its ticket (the key inside a Linear link is not counted again); other
/// links are skipped whole, so a key inside one is no reference.
pub fn find_refs(text: &str) -> Vec<TicketRef> {
    let mut refs = Vec::new();
    let mut rest = String::with_capacity(text.len());
    let mut last = 0;
    for c in URLS.captures_iter(text) {
        let whole = c.get(0).expect("group 0 always matches");
        rest.push_str(&text[last..whole.start()]);
        rest.push(' ');
        last = whole.end();
        let found = if let Some(m) = c.name("trello") {
            TicketRef::Trello(m.as_str().into())
        } else if let Some(m) = c.name("asana") {
            TicketRef::Asana(m.as_str().into())
        } else if let Some(m) = c.name("linear") {
            TicketRef::Linear(m.as_str().into())
        } else if let (Some(repo), Some(n)) = (c.name("ghrepo"), c.name("ghnum")) {
            match n.as_str().parse() {
                Ok(number) => TicketRef::Github {
                    repo: repo.as_str().into(),
                    number,
                },
                Err(_) => continue,
            }
        } else {
            continue;
        };
        refs.push(found);
    }
    rest.push_str(&text[last..]);
    for c in PLAIN.captures_iter(&rest) {
        let found = match (c.name("repo"), c.name("num"), c.name("key")) {
            (Some(repo), Some(num), _) => match num.as_str().parse() {
                Ok(number) => TicketRef::Github {
                    repo: repo.as_str().into(),
                    number,
                },
                Err(_) => continue,
            },
            (_, _, Some(key)) => TicketRef::Key(key.as_str().into()),
            _ => continue,
        };
        refs.push(found);
    }
    let mut seen = std::collections::HashSet::new();
    refs.retain(|r| seen.insert(r.clone()));
    refs
}

/// Which tracker answers for a bare `ABC-123`: the channel's, when it is
/// Jira or Linear; otherwise the one of the two that is configured.
fn key_tracker(ctx: &Context, channel_kind: Option<Tracker>) -> Tracker {
    match channel_kind {
        Some(t @ (Tracker::Jira | Tracker::Linear)) => t,
        _ if ctx.config.tickets.linear_api_key.is_some()
            && ctx.config.tickets.jira_base_url.is_none() =>
        {
            Tracker::Linear
        }
        _ => Tracker::Jira,
    }
}

/// The cache key of a reference (tracker and reference), or none when this
/// scrumbot has no credentials for its tracker: nothing is sent to a
/// tracker the operator did not set up (not even GitHub's public API).
fn cache_key(ctx: &Context, r: &TicketRef, key_in: Option<Tracker>) -> Option<String> {
    let (tracker, reference) = match r {
        TicketRef::Key(k) => (key_tracker(ctx, key_in), k.clone()),
        TicketRef::Linear(k) => (Tracker::Linear, k.clone()),
        TicketRef::Github { repo, number } => (Tracker::Github, format!("{repo}#{number}")),
        TicketRef::Trello(s) => (Tracker::Trello, s.clone()),
        TicketRef::Asana(g) => (Tracker::Asana, g.clone()),
    };
    if tracker.missing_config(&ctx.config.tickets).is_some() {
        return None;
    }
    Some(format!("{}:{reference}", tracker.name().to_lowercase()))
}

/// Asks the tracker behind `key` (`tracker:reference`).
async fn fetch(ctx: &Context, r: &TicketRef, key: &str) -> Result<TicketView, TicketError> {
    let reference = key.split_once(':').map_or(key, |(_, rest)| rest);
    match r {
        TicketRef::Github { repo, number } => github::status(ctx, repo, *number).await,
        TicketRef::Trello(s) => trello::status(ctx, s).await,
        TicketRef::Asana(g) => asana::status(ctx, g).await,
        TicketRef::Linear(_) => linear::status(ctx, reference).await,
        TicketRef::Key(_) if key.starts_with("linear:") => linear::status(ctx, reference).await,
        TicketRef::Key(_) => jira::status(ctx, reference).await,
    }
}

/// One ticket's status: from the cache, else from its tracker within the
/// timeout (and then cached). `None` when the tracker failed, did not
/// answer in time, or does not know the ticket.
async fn status_of(ctx: &Context, team: &str, r: &TicketRef, key: &str) -> Option<TicketView> {
    match ctx.store.ticket_status_cached(team, key, CACHE_SECS).await {
        Ok(Some(view)) => return Some(view),
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "ticket status cache unreadable"),
    }
    let timeout = ctx.config.tickets.status_timeout;
    let view = match tokio::time::timeout(timeout, fetch(ctx, r, key)).await {
        Ok(Ok(view)) => view,
        Ok(Err(e)) => {
            tracing::info!(ticket = key, error = %e, "no ticket status");
            return None;
        }
        Err(_) => {
            tracing::info!(
                ticket = key,
                "the tracker did not answer in time; summary without its status"
            );
            return None;
        }
    };
    if let Err(e) = ctx.store.ticket_status_put(team, key, &view).await {
        tracing::warn!(error = %e, "could not cache a ticket status");
    }
    Some(view)
}

/// The statuses of the tickets `texts` mention, in order of mention, for
/// the summary of a run in `channel`. Bounded in time (see the module).
pub async fn statuses<'a>(
    ctx: &Context,
    team: &str,
    channel: &str,
    texts: impl IntoIterator<Item = &'a str>,
) -> Vec<TicketView> {
    let mut refs: Vec<TicketRef> = Vec::new();
    for text in texts {
        for r in find_refs(text) {
            if !refs.contains(&r) {
                refs.push(r);
            }
        }
    }
    if refs.is_empty() {
        return Vec::new();
    }
    if let Err(e) = ctx.store.ticket_statuses_prune(team, CACHE_SECS).await {
        tracing::warn!(error = %e, "could not prune old ticket statuses");
    }
    let key_in = match ctx.store.ticket_target(team, channel).await {
        Ok(target) => target.and_then(|(kind, _)| Tracker::parse(&kind)),
        Err(_) => None,
    };
    let keyed: Vec<(TicketRef, String)> = refs
        .into_iter()
        .filter_map(|r| cache_key(ctx, &r, key_in).map(|k| (r, k)))
        .take(MAX_TICKETS)
        .collect();
    join_all(keyed.iter().map(|(r, k)| status_of(ctx, team, r, k)))
        .await
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gh(repo: &str, number: u64) -> TicketRef {
        TicketRef::Github {
            repo: repo.into(),
            number,
        }
    }

    #[test]
    fn keys_repos_and_tracker_links_are_found_once_each() {
        let text = "Today: ENG-12 and acme/web#3, see <https://trello.com/c/AbCd1234/7-fix|card> \
                    and <https://linear.app/acme/issue/ENG-40/login-fails> \
                    and https://app.asana.com/0/1204512345678901/1204598765432101/f \
                    and https://app.asana.com/1/111/project/222/task/333444555 \
                    and https://github.com/acme/api/pull/9; ENG-12 again";
        assert_eq!(
            find_refs(text),
            vec![
                TicketRef::Trello("AbCd1234".into()),
                TicketRef::Linear("ENG-40".into()),
                TicketRef::Asana("1204598765432101".into()),
                TicketRef::Asana("333444555".into()),
                gh("acme/api", 9),
                TicketRef::Key("ENG-12".into()),
                gh("acme/web", 3),
            ]
        );
    }

    proptest::proptest! {
        /// Any text: no panic, and every key found is written in it.
        #[test]
        fn any_text_gives_references_it_contains(text in "\\PC{0,200}") {
            for r in find_refs(&text) {
                if let TicketRef::Key(k) = r {
                    proptest::prop_assert!(text.contains(&k));
                }
            }
        }
    }

    #[test]
    fn words_and_other_links_are_no_tickets() {
        assert!(
            find_refs("ran utf-8 tests, see <https://wiki.example/OPS-1|notes>, 3-4 days")
                .is_empty()
        );
    }
}
