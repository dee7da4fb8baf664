//! Meeting notes from a transcript shared with the bot: the notes land in
//! the file's thread with speakers matched to members (an unmatched one in
//! plain text), their action items are stored like a standup's, and
//! `scrumbot summarize FILE.vtt` gives the same items.

mod common;
#[path = "common/fake_openai.rs"]
mod fake_openai;

use common::binary::scrumbot;
use common::blocks::all_text;
use common::fixtures::{event_envelope, fixture_json};
use common::{spawn_app, spawn_app_with, Db, TestApp, BOT_TOKEN, CHANNEL};
use fake_openai::{FakeOpenAi, Reply};
use serde_json::{json, Value};

const SHARED_TS: &str = "1732550500.000100";

fn transcript(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/transcripts/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).expect("fixture")
}

/// Ana Lima is U0001 by real name, Bo Chen is U0002 by display name, and
/// nobody is Carol Diaz.
fn members(app: &TestApp) {
    app.slack
        .set_user(json!({"id": "U0001", "real_name": "Ana Lima",
        "profile": {"real_name": "Ana Lima", "display_name": "ana"}}));
    app.slack
        .set_user(json!({"id": "U0002", "real_name": "Robert Chen",
        "profile": {"real_name": "Robert Chen", "display_name": "Bo Chen"}}));
    app.slack
        .set_user(json!({"id": "U0003", "real_name": "Dan Ray",
        "profile": {"real_name": "Dan Ray", "display_name": "dan"}}));
}

/// A `message` event of subtype `file_share`, as Slack sends when someone
/// shares a file in a channel (or, with a `D…` channel, in a DM).
async fn share(app: &TestApp, channel: &str, file_id: &str, name: &str, event_id: &str) {
    let channel_type = if channel.starts_with('D') {
        "im"
    } else {
        "channel"
    };
    let body = event_envelope(
        "message",
        event_id,
        json!({
            "subtype": "file_share",
            "text": "",
            "user": "U0003",
            "channel": channel,
            "channel_type": channel_type,
            "ts": SHARED_TS,
            "files": [{"id": file_id, "name": name, "mode": "hosted"}],
            "upload": false,
            "blocks": null,
        }),
    );
    assert_eq!(app.post_event(&body).await.status(), 200);
    app.idle().await;
}

/// The text of every message posted in the thread of the shared file.
fn thread_posts(app: &TestApp) -> Vec<String> {
    app.slack
        .calls_to("chat.postMessage")
        .iter()
        .filter(|c| c.param("thread_ts").as_deref() == Some(SHARED_TS))
        .map(|c| {
            let blocks = c.json_param("blocks").unwrap_or(Value::Null);
            format!(
                "{}\n{}",
                c.param("text").unwrap_or_default(),
                all_text(&blocks)
            )
        })
        .collect()
}

/// What `scrumbot summarize FILE --offline` prints, as JSON.
fn cli_notes(name: &str, today: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/transcripts/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = scrumbot()
        .args(["summarize", &path, "--offline", "--today", today])
        .output()
        .expect("scrumbot runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON notes")
}

fn as_member(name: &str) -> String {
    match name {
        "Ana Lima" => "<@U0001>".into(),
        "Bo Chen" => "<@U0002>".into(),
        other => other.into(),
    }
}

async fn notes_from(db: Db, name: &str) {
    let app = spawn_app(db).await;
    members(&app);
    app.slack
        .set_file("F0MEET", name, "vtt", &transcript(name), None);
    share(&app, CHANNEL, "F0MEET", name, "Ev0MEET1").await;

    let posts = thread_posts(&app);
    let notes = posts
        .iter()
        .find(|p| p.contains("Meeting notes"))
        .unwrap_or_else(|| panic!("notes in the thread: {}", app.slack.describe_calls()));
    // The decision, by its speaker, at its time in the recording.
    assert!(
        notes.contains("ship the beta to ten customers on Monday. — <@U0001> `0:08`"),
        "{notes}"
    );
    // The unmatched speaker is a plain name, never a mention; no stand-in leaks.
    assert!(notes.contains("Carol Diaz"), "{notes}");
    assert!(!notes.contains("<@USPK"), "{notes}");
    // The same items as `scrumbot summarize` finds, attributed to members.
    let today = jiff::Zoned::now()
        .in_tz("Europe/Berlin")
        .unwrap()
        .date()
        .to_string();
    let cli = cli_notes(name, &today);
    let items = cli["action_items"].as_array().expect("action items");
    let owners: Vec<&str> = items.iter().map(|i| i["who"].as_str().unwrap()).collect();
    assert_eq!(owners, ["Bo Chen", "Carol Diaz", "Ana Lima"], "{cli:#}");
    for item in items {
        let line = format!(
            "{} — {}",
            as_member(item["who"].as_str().unwrap()),
            item["text"].as_str().unwrap()
        );
        assert!(notes.contains(&line), "{line} in {notes}");
    }
    for d in cli["decisions"].as_array().unwrap() {
        assert!(
            notes.contains(d["text"].as_str().unwrap()),
            "{d} in {notes}"
        );
    }
    // The bytes were fetched with the bot token; names read once.
    let download = app.slack.calls_to("files.download");
    assert_eq!(download.len(), 1);
    assert_eq!(download[0].token.as_deref(), Some(BOT_TOKEN));
    assert_eq!(app.slack.calls_to("users.list").len(), 1);
    // Members' items are stored and shown with their buttons; Carol's is not stored.
    let stored = app
        .scalar("SELECT COUNT(*) FROM action_items WHERE owner IN ('U0001', 'U0002') AND run_id IS NULL")
        .await;
    assert_eq!(stored, 2);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM action_items").await, 2);
    assert!(
        posts
            .iter()
            .any(|p| p.contains("Action items: 2 open of 2")),
        "{posts:#?}"
    );

    // Done on a meeting's item updates its message in place, as on a standup's.
    let item = app
        .scalar("SELECT id FROM action_items WHERE owner = 'U0002'")
        .await;
    let mut press = fixture_json("interactivity/block_actions.json");
    press["user"]["id"] = json!("U0002");
    press["channel"]["id"] = json!(CHANNEL);
    press["trigger_id"] = json!(format!("t-done-{name}"));
    press["actions"] = json!([{ "type": "button", "action_id": "item_done", "value": item.to_string(), "action_ts": "5.1" }]);
    assert_eq!(app.interaction(&press).await.status(), 200);
    app.idle().await;
    let updated = app.slack.calls_to("chat.update");
    assert!(
        updated
            .iter()
            .any(|c| c.param("text").as_deref() == Some("Action items: 1 open of 2")),
        "{}",
        app.slack.describe_calls()
    );

    // A redelivered event (Slack retries) or the same file again posts nothing more.
    share(&app, CHANNEL, "F0MEET", name, "Ev0MEET2").await;
    assert_eq!(thread_posts(&app).len(), posts.len());
}

async fn zoom_transcript_gets_notes_with_matched_speakers(db: Db) {
    notes_from(db, "zoom.vtt").await;
}

async fn teams_transcript_gets_notes_with_matched_speakers(db: Db) {
    notes_from(db, "teams.vtt").await;
}

async fn a_too_large_or_wrong_type_file_is_declined_in_one_sentence(db: Db) {
    let app = spawn_app(db).await;
    app.slack.set_file(
        "F0BIG",
        "allhands.vtt",
        "vtt",
        b"WEBVTT\n",
        Some(6 * 1024 * 1024),
    );
    share(&app, CHANNEL, "F0BIG", "allhands.vtt", "Ev0BIG").await;
    let said = app.slack.calls_to("chat.postEphemeral");
    assert_eq!(said.len(), 1, "{}", app.slack.describe_calls());
    assert_eq!(said[0].param("user").as_deref(), Some("U0003"));
    assert!(said[0].param("text").unwrap().contains("over 5 MB"));
    assert!(app.slack.calls_to("files.download").is_empty());

    // A PDF sent by DM is declined; a screenshot in a channel is ignored.
    app.slack
        .set_file("F0PDF", "roadmap.pdf", "pdf", b"%PDF", None);
    share(&app, "D0003", "F0PDF", "roadmap.pdf", "Ev0PDF").await;
    let dm = app.slack.calls_to("chat.postMessage");
    assert_eq!(dm.len(), 1);
    assert_eq!(dm[0].param("channel").as_deref(), Some("D0003"));
    assert!(dm[0]
        .param("text")
        .unwrap()
        .contains("I read meeting transcripts as .vtt, .srt or .txt files"));
    app.slack
        .set_file("F0PNG", "screen.png", "png", b"\x89PNG", None);
    share(&app, CHANNEL, "F0PNG", "screen.png", "Ev0PNG").await;
    assert!(app
        .slack
        .calls_to("files.info")
        .iter()
        .all(|c| c.param("file").as_deref() != Some("F0PNG")));
    assert_eq!(app.slack.calls_to("chat.postMessage").len(), 1);
    assert_eq!(app.slack.calls_to("chat.postEphemeral").len(), 1);
}

/// The "Make meeting notes" shortcut on the message sharing a transcript,
/// from Slack's sample `message_action` payload.
async fn use_shortcut(app: &TestApp, trigger: &str) {
    let mut payload = fixture_json("interactivity/message_action.json");
    payload["callback_id"] = json!("meeting_notes");
    payload["trigger_id"] = json!(trigger);
    payload["user"]["id"] = json!("U0003");
    payload["message_ts"] = json!(SHARED_TS);
    payload["message"]["ts"] = json!(SHARED_TS);
    payload["message"]["thread_ts"] = Value::Null;
    payload["message"]["files"] = json!([{"id": "F0MEET", "name": "sync.txt"}]);
    assert_eq!(app.interaction(&payload).await.status(), 200);
    app.idle().await;
}

async fn the_shortcut_makes_notes_once_from_a_plain_transcript(db: Db) {
    let app = spawn_app(db).await;
    members(&app);
    let plain = "Ana Lima: We agreed to freeze the API on Wednesday.\nBo Chen: I'll write the migration guide by Tuesday.\n";
    app.slack
        .set_file("F0MEET", "sync.txt", "text", plain.as_bytes(), None);
    use_shortcut(&app, "trigger-1").await;
    let posts = thread_posts(&app);
    assert_eq!(posts.len(), 2, "{}", app.slack.describe_calls());
    assert!(
        posts[0].contains("freeze the API on Wednesday. — <@U0001>"),
        "{posts:#?}"
    );
    assert!(
        posts[0].contains("<@U0002> — Write the migration guide"),
        "{posts:#?}"
    );
    // A second use posts nothing more and says where the notes are.
    use_shortcut(&app, "trigger-2").await;
    assert_eq!(thread_posts(&app).len(), 2);
    let said = app.slack.calls_to("chat.postEphemeral");
    assert!(said
        .last()
        .unwrap()
        .param("text")
        .unwrap()
        .contains("already in its thread"));
}

/// A long meeting: more items than one message holds.
async fn notes_too_long_for_a_message_go_as_a_file(db: Db) {
    let app = spawn_app(db).await;
    members(&app);
    let mut vtt = String::from("WEBVTT\n\n");
    for i in 0..1200 {
        let who = if i % 2 == 0 { "Ana Lima" } else { "Bo Chen" };
        let (m, s) = (i / 60, i % 60);
        vtt.push_str(&format!(
            "00:{m:02}:{s:02}.000 --> 00:{m:02}:{s:02}.900\n{who}: I'll fix the flaky checkout test number {i} in the payments service and write down its root cause in the runbook.\n\n"
        ));
    }
    app.slack.set_file(
        "F0LONG",
        "quarterly-planning.vtt",
        "vtt",
        vtt.as_bytes(),
        None,
    );
    share(&app, CHANNEL, "F0LONG", "quarterly-planning.vtt", "Ev0LONG").await;
    let complete = app.slack.calls_to("files.completeUploadExternal");
    assert_eq!(complete.len(), 1, "{}", app.slack.describe_calls());
    assert_eq!(complete[0].param("channel_id").as_deref(), Some(CHANNEL));
    let uploaded = app.slack.calls_to("files.upload_url");
    let body = uploaded[0].params["_raw_body"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        body.contains("## Action items"),
        "{}",
        &body[..300.min(body.len())]
    );
    assert!(
        body.contains("Ana Lima — Fix the flaky checkout test number 1198"),
        "names in the file are plain"
    );
    let posts = thread_posts(&app);
    assert!(posts[0].contains("too long for one message"), "{posts:#?}");
    assert!(posts[0].contains("1200 action items"), "{}", posts[0]);
    // The first hundred are followed up; the board shows twenty with buttons.
    assert_eq!(app.scalar("SELECT COUNT(*) FROM action_items").await, 100);
    assert!(
        posts[1].contains("Action items: 100 open of 100"),
        "{}",
        posts[1]
    );
}

async fn a_transcript_sent_by_dm_gets_notes_in_the_dm_thread(db: Db) {
    let app = spawn_app(db).await;
    members(&app);
    app.slack.set_file(
        "F0DM",
        "1on1.srt",
        "srt",
        b"1\n00:00:01,000 --> 00:00:03,000\nAna Lima: I'll review the hiring plan by Friday.\n",
        None,
    );
    share(&app, "D0003", "F0DM", "1on1.srt", "Ev0DM").await;
    let posts = app.slack.calls_to("chat.postMessage");
    let notes = posts
        .iter()
        .find(|c| {
            c.param("text")
                .is_some_and(|t| t.starts_with("Meeting notes"))
        })
        .unwrap_or_else(|| panic!("{}", app.slack.describe_calls()));
    assert_eq!(notes.param("channel").as_deref(), Some("D0003"));
    assert_eq!(notes.param("thread_ts").as_deref(), Some(SHARED_TS));
    let text = all_text(&notes.json_param("blocks").unwrap());
    assert!(text.contains("<@U0001> — Review the hiring plan"), "{text}");
    // Nothing else answered the DM (it is not a standup answer).
    assert!(
        posts
            .iter()
            .all(|c| c.param("thread_ts").as_deref() == Some(SHARED_TS)),
        "{}",
        app.slack.describe_calls()
    );
}

/// With an LLM, the model writes the notes: it sees speakers only as
/// stand-ins, and its items come back attributed to the matched members.
async fn with_an_llm_the_models_notes_are_posted_with_members_matched(db: Db) {
    let fake = FakeOpenAi::start().await;
    fake.otherwise(Reply::content(
        json!({
            "done": [], "planned": [], "blockers": [], "topics": [], "open_questions": [],
            "decisions": [{"user": "USPK0001", "text": "Beta ships Monday (per the model)"}],
            "action_items": [
                {"owner": "USPK0002", "text": "Release notes (per the model)", "due": "2031-05-02"},
                {"owner": "USPK0003", "text": "Customer FAQ (per the model)"},
                {"owner": "U0003", "text": "Not a speaker (per the model)"}
            ],
            "highlights": "The model says: a short beta sync with <@USPK0003>."
        })
        .to_string(),
    ));
    let app = spawn_app_with(
        db,
        &[
            ("OPENAI_API_KEY", "sk-test-meetings"),
            ("OPENAI_BASE_URL", fake.base_url.as_str()),
            ("OPENAI_MODEL", "fake-model"),
        ],
    )
    .await;
    members(&app);
    app.slack
        .set_file("F0MEET", "zoom.vtt", "vtt", &transcript("zoom.vtt"), None);
    share(&app, CHANNEL, "F0MEET", "zoom.vtt", "Ev0LLM").await;
    let posts = thread_posts(&app);
    let notes = &posts[0];
    assert!(
        notes.contains("• Beta ships Monday (per the model) — <@U0001>"),
        "{notes}"
    );
    assert!(
        notes.contains("<@U0002> — Release notes (per the model) _(due 2031-05-02)_"),
        "{notes}"
    );
    assert!(
        notes.contains("Carol Diaz — Customer FAQ (per the model)"),
        "{notes}"
    );
    assert!(
        notes.contains("The model says: a short beta sync with Carol Diaz."),
        "{notes}"
    );
    assert!(
        !notes.contains("Not a speaker"),
        "only speakers own items: {notes}"
    );
    let prompt = fake.requests()[0].message("user");
    assert!(prompt.contains("USPK0002"), "{prompt}");
    assert!(
        !prompt.contains("U0002"),
        "no Slack ids reach the model: {prompt}"
    );
}

on_both_databases!(
    with_an_llm_the_models_notes_are_posted_with_members_matched,
    a_transcript_sent_by_dm_gets_notes_in_the_dm_thread,
    notes_too_long_for_a_message_go_as_a_file,
    the_shortcut_makes_notes_once_from_a_plain_transcript,
    zoom_transcript_gets_notes_with_matched_speakers,
    teams_transcript_gets_notes_with_matched_speakers,
    a_too_large_or_wrong_type_file_is_declined_in_one_sentence,
);
