//! Reading Block Kit structurally: what a test asserts is found in a given
//! kind of block and field (a section's text, a button's action id and
//! value), not anywhere in the serialized JSON.

use serde_json::Value;

/// One interactive element of a message or view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// `button`, `static_select`, `users_select`, `overflow`, `plain_text_input`, …
    pub kind: String,
    pub action_id: String,
    pub value: Option<String>,
    /// The `block_id` of the block that holds it.
    pub block_id: Option<String>,
}

fn blocks_of(blocks_or_view: &Value) -> &[Value] {
    let list = blocks_or_view.get("blocks").unwrap_or(blocks_or_view);
    list.as_array().map(Vec::as_slice).unwrap_or(&[])
}

/// The text of every block, in order: a section's text and fields, a
/// header's text, a context's elements, an input's label.
pub fn texts(blocks_or_view: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks_of(blocks_or_view) {
        let mut push = |v: &Value| {
            if let Some(t) = v.as_str() {
                out.push(t.to_string());
            }
        };
        match b["type"].as_str().unwrap_or_default() {
            "section" => {
                push(&b["text"]["text"]);
                for f in b["fields"].as_array().into_iter().flatten() {
                    push(&f["text"]);
                }
            }
            "header" => push(&b["text"]["text"]),
            "context" => {
                for e in b["elements"].as_array().into_iter().flatten() {
                    push(&e["text"]);
                }
            }
            "input" => {
                push(&b["label"]["text"]);
                push(&b["element"]["initial_value"]);
            }
            _ => {}
        }
    }
    out
}

/// All the texts joined by newlines (for a readable failure message).
pub fn all_text(blocks_or_view: &Value) -> String {
    texts(blocks_or_view).join("\n")
}

/// Whether some block's text contains `needle`.
pub fn has_text(blocks_or_view: &Value, needle: &str) -> bool {
    texts(blocks_or_view).iter().any(|t| t.contains(needle))
}

/// Every interactive element: in actions blocks, as a section's accessory,
/// and as an input's element.
pub fn elements(blocks_or_view: &Value) -> Vec<Element> {
    let mut out = Vec::new();
    for b in blocks_of(blocks_or_view) {
        let block_id = b["block_id"].as_str().map(str::to_string);
        let mut candidates: Vec<&Value> = Vec::new();
        match b["type"].as_str().unwrap_or_default() {
            "actions" => candidates.extend(b["elements"].as_array().into_iter().flatten()),
            "section" => candidates.push(&b["accessory"]),
            "input" => candidates.push(&b["element"]),
            _ => {}
        }
        for e in candidates {
            if let Some(action_id) = e["action_id"].as_str() {
                out.push(Element {
                    kind: e["type"].as_str().unwrap_or_default().to_string(),
                    action_id: action_id.to_string(),
                    value: e["value"].as_str().map(str::to_string),
                    block_id: block_id.clone(),
                });
            }
        }
    }
    out
}

/// The element with this action id (the first, if several).
pub fn element(blocks_or_view: &Value, action_id: &str) -> Option<Element> {
    elements(blocks_or_view)
        .into_iter()
        .find(|e| e.action_id == action_id)
}
