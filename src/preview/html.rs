//! Block Kit JSON as an HTML page that looks like Slack's rendering:
//! header, sections with mrkdwn (bold, italics, links, mentions, emoji),
//! context, buttons, overflow menus, selects and modal inputs. Good enough
//! for a screenshot of what the bot posts, not a Slack client.

use std::sync::LazyLock;

use regex::{Captures, Regex};
use serde_json::Value;

/// Emoji shortcodes the bot uses, as Unicode.
const EMOJI: [(&str, &str); 22] = [
    ("white_check_mark", "✅"),
    ("arrows_counterclockwise", "🔄"),
    ("arrow_right", "➡️"),
    ("no_entry", "⛔"),
    ("rotating_light", "🚨"),
    ("alarm_clock", "⏰"),
    ("clipboard", "📋"),
    ("sunrise", "🌅"),
    ("tada", "🎉"),
    ("sunny", "☀️"),
    ("hourglass_flowing_sand", "⏳"),
    ("wave", "👋"),
    ("lock", "🔒"),
    ("cloud_with_rain", "🌧️"),
    ("cloud", "☁️"),
    ("partly_sunny", "⛅"),
    ("mostly_sunny", "🌤️"),
    ("construction", "🚧"),
    ("page_facing_up", "📄"),
    ("palm_tree", "🌴"),
    ("bulb", "💡"),
    ("warning", "⚠️"),
];

const STYLE: &str = r#"
body{margin:0;background:#f8f8f8;font:15px/1.47 -apple-system,"Segoe UI","Helvetica Neue",Lato,Arial,sans-serif;color:#1d1c1d}
.frame{width:560px;margin:16px;background:#fff;border:1px solid #e2e2e2;border-radius:8px;padding:12px 16px}
.who{display:flex;gap:8px;align-items:baseline;margin-bottom:2px}.avatar{width:36px;height:36px;border-radius:6px;background:#4a154b;color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center;float:left;margin:2px 8px 0 0}
.name{font-weight:900}.app{font-size:10px;background:#e8e8e8;color:#616061;padding:1px 3px;border-radius:2px}.time{color:#616061;font-size:12px}
.body{margin-left:44px}.header{font-size:18px;font-weight:900;margin:4px 0 6px}
.section{margin:6px 0;display:flex;gap:8px;justify-content:space-between}.section .text{flex:1}
.context{color:#616061;font-size:13px;margin:6px 0}.divider{border:0;border-top:1px solid #e2e2e2;margin:12px 0}
.actions{display:flex;gap:8px;margin:6px 0;flex-wrap:wrap}
.btn{border:1px solid #c8c8c8;border-radius:4px;padding:3px 12px;font-weight:700;font-size:13px;background:#fff;white-space:nowrap;height:fit-content}
.btn.primary{background:#007a5a;border-color:#007a5a;color:#fff}.btn.danger{color:#e01e5a}
.overflow{border:1px solid #c8c8c8;border-radius:4px;padding:0 8px;font-weight:900;height:fit-content}
.select{border:1px solid #c8c8c8;border-radius:4px;padding:3px 10px;color:#616061;font-size:13px;min-width:120px}
a{color:#1264a3;text-decoration:none}.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
code{background:#f6f6f6;border:1px solid #e2e2e2;border-radius:3px;padding:0 3px;font-size:12px;color:#e01e5a}
.modal{width:520px}.mtitle{font-size:22px;font-weight:900;margin-bottom:12px}.label{font-weight:700;margin-top:12px}
.hint{color:#616061;font-size:13px}.input{border:1px solid #c8c8c8;border-radius:4px;padding:6px 10px;margin-top:4px;white-space:pre-wrap}
.checks label{display:inline-block;margin:4px 12px 0 0}.footer{display:flex;justify-content:flex-end;gap:8px;margin-top:16px}
.chip{display:inline-block;background:#e8f5fa;border-radius:3px;padding:0 4px;margin-right:4px}
"#;

/// Writes the page's height into the DOM, where `tools/screenshots.sh`
/// reads it to cut the screenshot to the content.
const MEASURE: &str = "<script>document.body.setAttribute('data-height', \
    Math.ceil(document.querySelector('.frame').getBoundingClientRect().bottom + 16))</script>";

/// A standalone page showing one message or view.
pub fn page(title: &str, json: &Value, names: &dyn Fn(&str) -> String) -> String {
    let r = Renderer { names };
    let body = match json["type"].as_str() {
        Some("modal") => r.modal(json),
        Some("home") => format!(
            "<div class=\"frame\"><div class=\"mtitle\">Home</div>{}</div>",
            r.blocks(&json["blocks"])
        ),
        _ => r.message(json),
    };
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>{body}{MEASURE}</body></html>\n",
        escape(title)
    )
}

struct Renderer<'a> {
    names: &'a dyn Fn(&str) -> String,
}

impl Renderer<'_> {
    fn message(&self, m: &Value) -> String {
        let content = match m["blocks"].as_array() {
            Some(b) if !b.is_empty() => self.blocks(&m["blocks"]),
            _ => format!(
                "<div class=\"text\">{}</div>",
                self.mrkdwn(str_of(&m["text"]))
            ),
        };
        format!(
            "<div class=\"frame\"><div class=\"avatar\">S</div><div class=\"who\"><span class=\"name\">scrumbot</span>\
             <span class=\"app\">APP</span><span class=\"time\">11:00</span></div><div class=\"body\">{content}</div></div>"
        )
    }

    fn modal(&self, v: &Value) -> String {
        let footer = [("close", "btn"), ("submit", "btn primary")]
            .iter()
            .filter_map(|(k, class)| {
                v[*k]["text"]
                    .as_str()
                    .map(|t| format!("<span class=\"{class}\">{}</span>", escape(t)))
            })
            .collect::<String>();
        format!(
            "<div class=\"frame modal\"><div class=\"mtitle\">{}</div>{}<div class=\"footer\">{footer}</div></div>",
            escape(str_of(&v["title"]["text"])),
            self.blocks(&v["blocks"])
        )
    }

    fn blocks(&self, blocks: &Value) -> String {
        blocks
            .as_array()
            .map(|b| b.iter().map(|b| self.block(b)).collect())
            .unwrap_or_default()
    }

    fn block(&self, b: &Value) -> String {
        match str_of(&b["type"]) {
            "header" => format!("<div class=\"header\">{}</div>", self.plain(&b["text"])),
            "section" => format!(
                "<div class=\"section\"><div class=\"text\">{}</div>{}</div>",
                self.text(&b["text"]),
                self.element(&b["accessory"])
            ),
            "context" => format!(
                "<div class=\"context\">{}</div>",
                b["elements"]
                    .as_array()
                    .map(|e| e.iter().map(|e| self.text(e)).collect::<Vec<_>>().join(" "))
                    .unwrap_or_default()
            ),
            "actions" => format!(
                "<div class=\"actions\">{}</div>",
                b["elements"]
                    .as_array()
                    .map(|e| e.iter().map(|e| self.element(e)).collect::<String>())
                    .unwrap_or_default()
            ),
            "divider" => "<hr class=\"divider\">".to_string(),
            "input" => format!(
                "<div class=\"label\">{}</div>{}<div class=\"hint\">{}</div>",
                self.plain(&b["label"]),
                self.input(&b["element"]),
                b["hint"]["text"].as_str().map(escape).unwrap_or_default()
            ),
            _ => String::new(),
        }
    }

    /// An interactive element as it looks before anyone touches it.
    fn element(&self, e: &Value) -> String {
        match str_of(&e["type"]) {
            "button" => {
                let class = match e["style"].as_str() {
                    Some(s) => format!("btn {s}"),
                    None => "btn".to_string(),
                };
                format!("<span class=\"{class}\">{}</span>", self.plain(&e["text"]))
            }
            "overflow" => "<span class=\"overflow\">⋯</span>".to_string(),
            "static_select" | "users_select" => format!(
                "<span class=\"select\">{} ▾</span>",
                e["initial_option"]["text"]["text"]
                    .as_str()
                    .or(e["placeholder"]["text"].as_str())
                    .map(escape)
                    .unwrap_or_else(|| "Select…".into())
            ),
            _ => String::new(),
        }
    }

    fn input(&self, e: &Value) -> String {
        match str_of(&e["type"]) {
            "plain_text_input" => format!(
                "<div class=\"input\">{}</div>",
                escape(e["initial_value"].as_str().unwrap_or(" "))
            ),
            "timepicker" => format!(
                "<div class=\"input\">🕘 {}</div>",
                escape(e["initial_time"].as_str().unwrap_or(""))
            ),
            "checkboxes" => {
                let checked: Vec<&str> = e["initial_options"]
                    .as_array()
                    .map(|o| o.iter().map(|o| str_of(&o["value"])).collect())
                    .unwrap_or_default();
                let boxes: String = e["options"]
                    .as_array()
                    .map(|o| {
                        o.iter()
                            .map(|o| {
                                let on = if checked.contains(&str_of(&o["value"])) {
                                    "☑"
                                } else {
                                    "☐"
                                };
                                format!("<label>{on} {}</label>", self.plain(&o["text"]))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                format!("<div class=\"checks\">{boxes}</div>")
            }
            "multi_users_select" => {
                let users: String = e["initial_users"]
                    .as_array()
                    .map(|u| {
                        u.iter()
                            .map(|u| {
                                format!(
                                    "<span class=\"chip\">{}</span>",
                                    escape(&(self.names)(str_of(u)))
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                format!("<div class=\"input\">{users}&nbsp;</div>")
            }
            _ => format!("<div class=\"input\">{}</div>", self.element(e)),
        }
    }

    fn text(&self, t: &Value) -> String {
        match str_of(&t["type"]) {
            "mrkdwn" => self.mrkdwn(str_of(&t["text"])),
            _ => self.plain(t),
        }
    }

    fn plain(&self, t: &Value) -> String {
        emoji(&escape(str_of(&t["text"])))
    }

    /// Slack mrkdwn (already escaped by the bot) as HTML: `<…>` tokens
    /// become mentions and links first, then bold, italics, strike, code.
    fn mrkdwn(&self, text: &str) -> String {
        static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<([^<>]+)>").unwrap());
        let mut tokens: Vec<String> = Vec::new();
        let held = TOKEN.replace_all(text, |c: &Captures| {
            tokens.push(self.token(&c[1]));
            format!("\u{1}{}\u{2}", tokens.len() - 1)
        });
        let formatted = format_marks(&held);
        static HELD: LazyLock<Regex> = LazyLock::new(|| Regex::new("\u{1}(\\d+)\u{2}").unwrap());
        let out = HELD.replace_all(&formatted, |c: &Captures| {
            tokens[c[1].parse::<usize>().unwrap_or(0)].clone()
        });
        emoji(&out.replace('\n', "<br>"))
    }

    /// One `<…>` token: a mention, a channel, a date, or a link.
    fn token(&self, inner: &str) -> String {
        let (target, label) = match inner.split_once('|') {
            Some((t, l)) => (t, Some(l)),
            None => (inner, None),
        };
        if let Some(user) = target.strip_prefix('@') {
            return format!(
                "<span class=\"mention\">@{}</span>",
                escape(&(self.names)(user))
            );
        }
        if let Some(channel) = target.strip_prefix('#') {
            return format!(
                "<span class=\"mention\">#{}</span>",
                escape(&(self.names)(channel))
            );
        }
        if target.starts_with("!date") {
            return label.unwrap_or("11:00").to_string();
        }
        if let Some(special) = target.strip_prefix('!') {
            return format!("<span class=\"mention\">@{}</span>", escape(special));
        }
        format!(
            "<a href=\"{}\">{}</a>",
            target.replace('"', "%22"),
            format_marks(label.unwrap_or(target))
        )
    }
}

/// `*bold*`, `_italic_`, `~strike~` and `` `code` `` as HTML.
fn format_marks(text: &str) -> String {
    static MARKS: LazyLock<[(Regex, &str); 4]> = LazyLock::new(|| {
        [
            (Regex::new(r"`([^`\n]+)`").unwrap(), "<code>$1</code>"),
            (Regex::new(r"\*([^*\n]+)\*").unwrap(), "<b>$1</b>"),
            (Regex::new(r"(^|[\s(>])_([^_\n]+)_").unwrap(), "$1<i>$2</i>"),
            (Regex::new(r"~([^~\n]+)~").unwrap(), "<s>$1</s>"),
        ]
    });
    MARKS.iter().fold(text.to_string(), |t, (re, with)| {
        re.replace_all(&t, *with).into_owned()
    })
}

fn emoji(text: &str) -> String {
    static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r":([a-z0-9_+-]+):").unwrap());
    CODE.replace_all(text, |c: &Captures| {
        EMOJI
            .iter()
            .find(|(k, _)| *k == &c[1])
            .map(|(_, e)| e.to_string())
            .unwrap_or_else(|| c[0].to_string())
    })
    .into_owned()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn mrkdwn_becomes_bold_links_mentions_and_emoji() {
        let names = |id: &str| {
            if id == "U1" {
                "Ana".to_string()
            } else {
                id.to_string()
            }
        };
        let m = json!({ "text": "t", "blocks": [
            { "type": "section", "text": { "type": "mrkdwn", "text": "*<@U1>* :white_check_mark: <https://x/1|PR &amp; docs> _soon_" } }
        ] });
        let html = page("t", &m, &names);
        assert!(html.contains("<b><span class=\"mention\">@Ana</span></b> ✅ <a href=\"https://x/1\">PR &amp; docs</a> <i>soon</i>"), "{html}");
    }
}
