//! `scrumbot preview --out DIR`: every message and view the bot sends,
//! rendered from a fixed sample day, written as standalone HTML pages that
//! look like Slack's rendering (and as the Block Kit JSON beside them).
//! `tools/screenshots.sh` turns the pages into the PNGs of the README.

pub mod html;
pub mod samples;

use std::path::Path;

use anyhow::Context as _;

/// The display name of a sample user or channel id.
fn name_of(id: &str) -> String {
    if id == samples::CHANNEL {
        return "team".to_string();
    }
    samples::PEOPLE
        .iter()
        .find(|(u, _)| *u == id)
        .map(|(_, n)| n.to_string())
        .unwrap_or_else(|| id.to_string())
}

/// Writes `<name>.html` and `<name>.json` for every sample into `out`;
/// returns the names written.
pub fn write_all(out: &Path) -> anyhow::Result<Vec<String>> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut names = Vec::new();
    for s in samples::all() {
        let page = html::page(s.title, &s.json, &name_of);
        let html_path = out.join(format!("{}.html", s.name));
        std::fs::write(&html_path, page)
            .with_context(|| format!("writing {}", html_path.display()))?;
        let json = serde_json::to_string_pretty(&s.json)?;
        std::fs::write(out.join(format!("{}.json", s.name)), json)?;
        names.push(s.name.to_string());
    }
    Ok(names)
}
