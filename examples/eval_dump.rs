//! Writes each labelled thread of the given evaluation sets as one JSON
//! line: the input the offline engine read, its summary (sanitized as the
//! bot posts it) and the thread's labels. It feeds experiments outside the
//! engine, such as `tools/learned_blockers/loso.py`.
//!
//! ```sh
//! cargo run --release --example eval_dump -- tests/fixtures/eval tests/fixtures/eval/v16 > threads.jsonl
//! ```

#[path = "../tests/eval_support/mod.rs"]
mod eval_support;

use scrumbot::summarize::offline;
use serde_json::json;

fn main() {
    for dir in std::env::args().skip(1) {
        for thread in eval_support::load(&dir) {
            let summary = offline::summarize(&thread.input);
            let input = serde_json::to_value(&thread.input).expect("an input is JSON");
            let labels = json!({
                "about": thread.labels.about,
                "split": thread.labels.split,
                "blockers": thread.labels.blockers.iter()
                    .map(|b| json!({"user": b.user, "blocked_by": b.blocked_by}))
                    .collect::<Vec<_>>(),
            });
            let case = thread.with_summary(summary);
            let line = json!({
                "dir": dir,
                "name": case.name,
                "input": input,
                "labels": labels,
                "summary": case.summary,
            });
            println!("{line}");
        }
    }
}
