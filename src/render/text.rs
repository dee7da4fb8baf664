//! Text for Slack's mrkdwn: escaping, clipping and mentions.
//!
//! The summarizer escapes and clips what it produces, and `summarize/` must
//! not depend on the render layer, so the one copy of each lives there and
//! is re-exported here for every other caller (unescaping, which only the
//! summarizer and the issue trackers need, stays in `summarize::sanitize`).

pub(crate) use crate::summarize::offline::text::clip;
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
    }
}
