//! Every tracker (issue 17): "Create issue" in Trello, Asana and Linear
//! makes one ticket when pressed twice, assigned when the owner's e-mail is
//! a tracker user's, with the link stored and shown; tickets named in
//! answers show their title and status in the summary; a tracker that hangs
//! does not hold the summary back. Against the fake Slack and the fake
//! trackers of `trackers_support`.

mod common;
mod trackers_support;

use common::*;
use serde_json::{json, Value};
use trackers_support::*;

on_both_databases!(
    create_issue_in_trello_makes_one_card_assigned_and_linked_back,
    create_issue_in_asana_makes_one_task_assigned_and_linked_back,
    create_issue_in_linear_makes_one_issue_assigned_and_linked_back,
    create_issue_in_jira_assigns_the_owners_account,
    tickets_named_in_answers_show_their_title_and_status_in_the_summary,
    a_key_is_read_from_jira_when_the_channel_files_in_jira_and_cached,
    a_hanging_tracker_does_not_hold_the_summary_back,
    a_tracker_without_credentials_is_named_when_set_and_when_pressed,
);

/// A bot whose every tracker is the fake, with extra variables.
async fn start(db: Db, trackers: &FakeTrackerApis, extra: &[(&str, &str)]) -> TestApp {
    scrumbot::install_crypto_provider();
    let config = trackers.config();
    let mut vars: Vec<(&str, &str)> = config.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // Fakes that answer do so at once; a generous bound keeps a busy
    // machine from turning a slow answer into a missing status.
    vars.push(("SCRUMBOT_TICKET_STATUS_TIMEOUT_MS", "10000"));
    vars.extend_from_slice(extra);
    start_on(FakeSlack::start().await, fresh_database(db).await, &vars).await
}

/// Opens a run, has each (user, text) answer in the thread, closes it and
/// waits for the summary and the run's end. Returns the parent ts.
async fn close_with_answers(app: &TestApp, answers: &[(&str, &str)]) -> String {
    let stamps: Vec<String> = (0..answers.len())
        .map(|i| format!("1900000020.00{i:04}"))
        .collect();
    let scripted: Vec<(&str, &str, &str)> = answers
        .iter()
        .zip(&stamps)
        .map(|((user, text), ts)| (*user, ts.as_str(), *text))
        .collect();
    let parent = closed_run(app, &scripted).await;
    app.wait_count(
        "SELECT COUNT(*) FROM posts WHERE post_key LIKE 'run:%:summary' AND ts IS NOT NULL",
        1,
    )
    .await;
    parent
}

/// Everything the bot posted in the thread, as text.
fn thread_text(app: &TestApp, parent: &str) -> String {
    app.slack
        .calls_to("chat.postMessage")
        .iter()
        .filter(|c| c.param("thread_ts").as_deref() == Some(parent))
        .filter_map(|c| c.json_param("blocks"))
        .map(|b| common::blocks::all_text(&b))
        .collect::<Vec<_>>()
        .join("\n")
}

/// U0002's e-mail is a user of every fake tracker; U0003's of none.
const ANSWERS: &[(&str, &str)] = &[
    (
        "U0002",
        "Yesterday: audit\nToday: I'll update the runbook by Friday\nBlockers: none",
    ),
    (
        "U0003",
        "Yesterday: tests\nToday: I will write the migration guide by tomorrow\nBlockers: none",
    ),
];

/// A button or menu press by `user` in the channel.
fn press(user: &str, trigger: &str, action: Value) -> Value {
    let mut p = common::fixtures::fixture_json("interactivity/block_actions.json");
    p["user"]["id"] = json!(user);
    p["channel"]["id"] = json!(CHANNEL);
    p["trigger_id"] = json!(trigger);
    p["actions"] = json!([action]);
    p
}

/// "Create issue" from the item's overflow menu, by its owner.
fn create_issue(owner: &str, item: i64, trigger: &str) -> Value {
    press(
        owner,
        trigger,
        json!({ "type": "overflow", "action_id": "item_menu", "block_id": format!("item:{item}"),
        "selected_option": { "value": format!("issue:{item}") }, "action_ts": trigger }),
    )
}

/// Sets the channel's tracker, presses "Create issue" twice on each item
/// (the second press while the first is with the tracker), and checks that
/// each item got one ticket whose link is stored and shown on its message.
/// `link` is the stored link as a LIKE pattern. Returns what the tracker
/// received, U0002's item first.
async fn create_twice(db: Db, kind: &str, target: &str, tracker: &str, link: &str) -> Vec<Value> {
    let trackers = FakeTrackerApis::start().await;
    let app = start(db, &trackers, &[]).await;
    close_with_answers(&app, ANSWERS).await;
    app.wait_count(
        "SELECT COUNT(*) FROM posts WHERE post_key LIKE '%:actions' AND ts IS NOT NULL",
        1,
    )
    .await;
    let reply = app.standup(&format!("tickets {kind} {target}")).await;
    let said = reply["text"].as_str().unwrap_or_default();
    assert!(said.contains(target), "{reply}");
    for (n, owner) in ["U0002", "U0003"].into_iter().enumerate() {
        let item = app
            .scalar(&format!(
                "SELECT id FROM action_items WHERE owner = '{owner}'"
            ))
            .await;
        app.interaction(&create_issue(owner, item, &format!("t-{owner}-1")))
            .await;
        app.interaction(&create_issue(owner, item, &format!("t-{owner}-2")))
            .await;
        let stored = format!(
            "SELECT COUNT(*) FROM action_items WHERE id = {item} AND issue_url LIKE '{link}%'"
        );
        app.wait_count(&stored, 1).await;
        app.idle().await;
        assert_eq!(
            trackers.created(tracker).len(),
            n + 1,
            "one ticket per item, pressed twice"
        );
        let url = app
            .text(&format!(
                "SELECT issue_url FROM action_items WHERE id = {item}"
            ))
            .await;
        app.eventually("the link shows on the item's message", || async {
            app.slack
                .calls_to("chat.update")
                .iter()
                .any(|c| c.param("blocks").is_some_and(|b| b.contains(&url)))
        })
        .await;
    }
    let ephemerals: String = app
        .slack
        .calls_to("chat.postEphemeral")
        .iter()
        .filter_map(|c| c.param("text"))
        .collect();
    assert!(ephemerals.contains("Issue created"), "{ephemerals}");
    assert!(
        !ephemerals.contains("secret"),
        "no secret reaches Slack: {ephemerals}"
    );
    trackers
        .created(tracker)
        .into_iter()
        .map(|c| c.body)
        .collect()
}

async fn create_issue_in_trello_makes_one_card_assigned_and_linked_back(db: Db) {
    let cards = create_twice(
        db,
        "trello",
        TRELLO_LIST,
        "trello",
        "https://trello.com/c/%",
    )
    .await;
    assert_eq!(cards[0]["name"], "Update the runbook");
    assert_eq!(cards[0]["idList"], TRELLO_LIST);
    assert_eq!(
        cards[0]["idMembers"],
        json!([TRELLO_MEMBER]),
        "assigned to U0002's member"
    );
    assert!(cards[0]["desc"]
        .as_str()
        .unwrap()
        .contains("https://acme.slack.com/archives/"));
    assert!(
        cards[1].get("idMembers").is_none(),
        "U0003 is no member: unassigned"
    );
}

async fn create_issue_in_asana_makes_one_task_assigned_and_linked_back(db: Db) {
    let tasks = create_twice(
        db,
        "asana",
        ASANA_PROJECT,
        "asana",
        "https://app.asana.com/0/",
    )
    .await;
    assert_eq!(tasks[0]["data"]["name"], "Update the runbook");
    assert_eq!(tasks[0]["data"]["projects"], json!([ASANA_PROJECT]));
    assert_eq!(
        tasks[0]["data"]["assignee"], ASANA_USER,
        "assigned to U0002's user"
    );
    assert!(
        tasks[1]["data"].get("assignee").is_none(),
        "U0003 is no user: unassigned"
    );
}

async fn create_issue_in_linear_makes_one_issue_assigned_and_linked_back(db: Db) {
    let issues = create_twice(
        db,
        "linear",
        LINEAR_TEAM_KEY,
        "linear",
        "https://linear.app/acme/issue/ENG-",
    )
    .await;
    assert_eq!(issues[0]["title"], "Update the runbook");
    assert_eq!(
        issues[0]["assigneeId"], LINEAR_USER,
        "assigned to U0002's user"
    );
    assert!(
        issues[1].get("assigneeId").is_none(),
        "U0003 is no user: unassigned"
    );
}

async fn create_issue_in_jira_assigns_the_owners_account(db: Db) {
    let issues = create_twice(db, "jira", JIRA_PROJECT, "jira", "%/jira/browse/OPS-%").await;
    assert_eq!(issues[0]["fields"]["summary"], "Update the runbook");
    assert_eq!(
        issues[0]["fields"]["assignee"],
        json!({ "id": JIRA_ACCOUNT })
    );
    assert!(
        issues[1]["fields"].get("assignee").is_none(),
        "U0003 has no account: unassigned"
    );
}

/// Answers naming a ticket in every tracker (Linear keys: the channel's
/// tracker is Linear).
const WITH_TICKETS: &[(&str, &str)] = &[
    (
        "U0002",
        "Yesterday: fixed the login, ENG-7\nToday: acme/web#3 and <https://trello.com/c/AbCd1234/12-design|the design card>\nBlockers: waiting on ENG-7 to ship",
    ),
    (
        "U0003",
        "Yesterday: tests\nToday: the guide, https://app.asana.com/0/1204512345678901/1205000000000077\nBlockers: none",
    ),
];

async fn tickets_named_in_answers_show_their_title_and_status_in_the_summary(db: Db) {
    let trackers = FakeTrackerApis::start().await;
    trackers.set_ticket("ENG-7", "Login fails on Safari", "Done", true);
    trackers.set_ticket("acme/web#3", "Flaky CI job", "open", false);
    trackers.set_ticket("AbCd1234", "Design review", "Doing", false);
    trackers.set_ticket("1205000000000077", "Write the guide", "", false);
    let app = start(db, &trackers, &[]).await;
    app.standup(&format!("tickets linear {LINEAR_TEAM_KEY}"))
        .await;
    let parent = close_with_answers(&app, WITH_TICKETS).await;
    let text = thread_text(&app, &parent);
    for expected in [
        "ENG-7> Login fails on Safari — :white_check_mark: _Done_",
        "acme/web#3> Flaky CI job — _open_",
        "AbCd1234> Design review — _Doing_",
        "1205000000000077> Write the guide — _Open_",
        "<@U0002> is blocked on <https://linear.app/acme/issue/ENG-7/x|ENG-7>: ticket done — still blocked?",
    ] {
        assert!(text.contains(expected), "{expected:?} in the summary:\n{text}");
    }
    // Cached: the four statuses are kept for the next summary.
    assert_eq!(app.scalar("SELECT COUNT(*) FROM ticket_statuses").await, 4);
}

async fn a_hanging_tracker_does_not_hold_the_summary_back(db: Db) {
    let trackers = FakeTrackerApis::start().await;
    trackers.set_ticket("ENG-7", "Login fails on Safari", "Done", true);
    trackers.hang_reads();
    let app = start(
        db,
        &trackers,
        &[("SCRUMBOT_TICKET_STATUS_TIMEOUT_MS", "300")],
    )
    .await;
    app.standup(&format!("tickets linear {LINEAR_TEAM_KEY}"))
        .await;
    // Returns once the summary is posted: the tracker has answered nothing.
    let parent = close_with_answers(&app, WITH_TICKETS).await;
    // On a busy machine a request may not leave within the 300 ms: at least
    // one was asked, and none was answered.
    assert!(trackers.reads() >= 1, "the tracker was asked");
    assert_eq!(trackers.pending_reads(), trackers.reads(), "none answered");
    let text = thread_text(&app, &parent);
    assert!(
        text.contains("Blockers") || text.contains("blocked"),
        "the summary is there: {text}"
    );
    assert!(
        !text.contains("Login fails on Safari"),
        "no status without an answer: {text}"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM ticket_statuses").await,
        0,
        "nothing cached"
    );
}

async fn a_key_is_read_from_jira_when_the_channel_files_in_jira_and_cached(db: Db) {
    let trackers = FakeTrackerApis::start().await;
    trackers.set_ticket("OPS-4", "Rotate the keys", "Done", true);
    let app = start(db, &trackers, &[]).await;
    app.standup(&format!("tickets jira {JIRA_PROJECT}")).await;
    let parent = close_with_answers(
        &app,
        &[(
            "U0002",
            "Yesterday: keys\nToday: docs\nBlockers: waiting for OPS-4",
        )],
    )
    .await;
    let text = thread_text(&app, &parent);
    assert!(
        text.contains("/jira/browse/OPS-4|OPS-4> Rotate the keys — :white_check_mark: _Done_"),
        "{text}"
    );
    assert!(
        text.contains("OPS-4>: ticket done — still blocked?"),
        "{text}"
    );
    assert_eq!(trackers.reads(), 1);
    // "Update summary" within the cache's five minutes edits the summary
    // with the same status, without asking Jira again.
    let run = app.scalar("SELECT id FROM runs").await;
    let updates = app.slack.calls_to("chat.update").len();
    app.interaction(&press(
        "U0001",
        "t-update",
        json!({ "type": "button", "action_id": "standup_update_summary",
        "block_id": "b2", "value": run.to_string(), "action_ts": "1900000030.000100" }),
    ))
    .await;
    app.eventually("the summary is edited", || async {
        app.slack.calls_to("chat.update")[updates..]
            .iter()
            .any(|c| {
                c.param("blocks")
                    .is_some_and(|b| b.contains("Rotate the keys"))
            })
    })
    .await;
    app.idle().await;
    assert_eq!(trackers.reads(), 1, "the cached status was used");
}

async fn a_tracker_without_credentials_is_named_when_set_and_when_pressed(db: Db) {
    let app = spawn_app(db).await;
    let reply = app.standup(&format!("tickets asana {ASANA_PROJECT}")).await;
    let said = reply["text"].as_str().unwrap_or_default();
    assert!(said.contains("ASANA_TOKEN is not configured"), "{said}");
    close_with_answers(&app, &ANSWERS[..1]).await;
    let item = app.scalar("SELECT id FROM action_items").await;
    app.interaction(&create_issue("U0002", item, "t-unset"))
        .await;
    let told = app.slack.wait_for_calls("chat.postEphemeral", 1).await;
    let text = told[0].param("text").unwrap_or_default();
    assert!(
        text.contains("could not be created") && text.contains("ASANA_TOKEN"),
        "{text}"
    );
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM action_items WHERE issue_url IS NOT NULL")
            .await,
        0
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM posts WHERE post_key LIKE 'item:%:issue'")
            .await,
        0,
        "the claim was released"
    );
}
