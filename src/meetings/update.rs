//! What the weekly stakeholder update shows, as plain values: built by the
//! stakeholder module next to this one, shown by the render layer.

/// One line of the update and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// A member the line is about, if any.
    pub who: Option<String>,
    /// Already escaped for Slack (it comes from a sanitized summary).
    pub text: String,
    /// The message it came from: a permalink, or a ts in the channel.
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Link(String),
    Ts(String),
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Update {
    pub channel: String,
    pub from: String,
    pub to: String,
    pub runs: usize,
    pub progress: Vec<(String, Vec<Line>)>,
    pub risks: Vec<Line>,
    pub decisions: Vec<Line>,
    pub next: Vec<Line>,
}
