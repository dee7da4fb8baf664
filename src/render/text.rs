//! Text for Slack's mrkdwn: escaping, clipping and mentions.
//!
//! The summarizer escapes and clips what it produces, and `summarize/` must
//! not depend on the render layer, so the one copy of each lives there and
//! is re-exported here for every other caller (unescaping, which only the
//! summarizer and the issue trackers need, stays in `summarize::sanitize`).

pub(crate) use crate::summarize::offline::text::{capitalize, clip};
pub(crate) use crate::summarize::sanitize::escape;

/// `<@U1> <@U2>`: user ids as mentions, space-separated.
pub fn mentions(users: &[String]) -> String {
    users
        .iter()
        .map(|u| format!("<@{u}>"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A URL made safe to put inside `<url|label>`: the characters that would
/// end or split the link are dropped.
pub fn link_target(url: &str) -> String {
    url.chars()
        .filter(|c| !matches!(c, '<' | '>' | '|' | ' '))
        .collect()
}

/// `text` as a link to `url` when there is one. Slack cannot nest a link
/// in a link's label, so text holding a mention or link keeps its own and
/// gets a short " <url|↗>" after it. The URL's `&` is escaped as Slack
/// asks of all mrkdwn.
pub fn linked(text: &str, url: Option<&str>) -> String {
    match url.map(|u| escape(&link_target(u))) {
        None => text.to_string(),
        Some(url) if text.contains('<') => format!("{text} <{url}|↗>"),
        Some(url) => format!("<{url}|{text}>"),
    }
}

/// The permalink of a reply `ts` in the thread whose permalink is
/// `thread_link` (`https://acme.slack.com/archives/C1/p1700000000000100`):
/// Slack's own reply links have this shape, so no API call is needed.
pub fn reply_link(thread_link: &str, ts: &str) -> Option<String> {
    let (base, parent) = thread_link.rsplit_once("/p")?;
    let parent = parent.split(['?', '#']).next()?;
    if parent.len() < 7 || !parent.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let parent_ts = format!(
        "{}.{}",
        &parent[..parent.len() - 6],
        &parent[parent.len() - 6..]
    );
    let reply = ts.replace('.', "");
    let channel = base.rsplit('/').next()?;
    Some(format!(
        "{base}/p{reply}?thread_ts={parent_ts}&cid={channel}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_unescape_and_clip() {
        assert_eq!(escape("a<b>&c"), "a&lt;b&gt;&amp;c");
        assert_eq!(clip("héllo", 3), "hé…");
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(mentions(&["U1".into(), "U2".into()]), "<@U1> <@U2>");
        assert_eq!(link_target("https://x/a b|c>"), "https://x/abc");
        assert_eq!(linked("Docs", Some("https://x/1")), "<https://x/1|Docs>");
        assert_eq!(
            linked("<@U1> docs", Some("https://x/1")),
            "<@U1> docs <https://x/1|↗>"
        );
        assert_eq!(linked("Docs", None), "Docs");
    }

    #[test]
    fn a_reply_link_is_made_from_the_thread_link() {
        assert_eq!(
            reply_link("https://acme.slack.com/archives/C1/p1700000000000100", "1700000050.000200").as_deref(),
            Some("https://acme.slack.com/archives/C1/p1700000050000200?thread_ts=1700000000.000100&cid=C1")
        );
        assert_eq!(reply_link("https://acme.slack.com/", "1.2"), None);
    }
}
