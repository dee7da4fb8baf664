//! `/digest` commands: ephemeral answers, argument errors that change
//! nothing, a target the bot is not in, `/digest now` and `/digest off`.

use super::*;
use crate::common::*;

pub async fn commands_answer_ephemerally_and_bad_arguments_change_nothing(db: Db) {
    let app = spawn_at(db, "2026-11-24T12:00:00Z").await;
    let quiet = digest_cmd(&app, "C0QUIET", "now").await;
    assert_eq!(quiet["response_type"], "ephemeral");
    assert!(reply_text(&quiet).contains("nothing to digest"), "{quiet}");
    assert!(app.slack.calls_to("chat.postMessage").is_empty());

    for (args, says) in [
        ("on 25:00", "not a time"),
        ("on 17:00 Mars/Olympus", "time zone"),
        ("on 17:00 to", "needs a channel"),
        ("off please", "takes no arguments"),
        ("weekly", "don't know"),
    ] {
        let reply = digest_cmd(&app, CHANNEL, args).await;
        let text = reply_text(&reply);
        assert_eq!(reply["response_type"], "ephemeral");
        assert!(
            text.contains(says) && text.contains("/digest on [HH:MM]"),
            "{args}: {text}"
        );
    }
    app.slack.set_members("C0OTHER", vec!["U0001", "U0002"]);
    let target = digest_cmd(&app, CHANNEL, "on 17:00 UTC to <#C0OTHER|team-digests>").await;
    assert!(
        reply_text(&target).contains("not a member of <#C0OTHER>"),
        "{target}"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM digests").await,
        0,
        "nothing changed"
    );

    // A private channel's digest may not be posted in a public one.
    app.slack.set_members("G0PRIV", vec!["U0001", "UBOT"]);
    let leak = digest_cmd(&app, "G0PRIV", "on 17:00 UTC to <#C0DIGESTS|team-digests>").await;
    assert!(
        reply_text(&leak).contains("This channel is private"),
        "{leak}"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM digests").await,
        0,
        "nothing changed"
    );

    // Default: 17:00 in the caller's zone (the fake's users are in Berlin).
    let on = digest_cmd(&app, CHANNEL, "on to <#C0DIGESTS|team-digests>").await;
    assert!(
        reply_text(&on).contains("17:00 (Europe/Berlin), posted in <#C0DIGESTS>"),
        "{on}"
    );
    let status = digest_cmd(&app, CHANNEL, "status").await;
    assert!(
        reply_text(&status).contains("Tue 2026-11-24 17:00 CET"),
        "{status}"
    );

    // A busy channel's `/digest now` goes where the daily digest goes.
    let base = at("2026-11-24T10:00:00Z");
    say(
        &app,
        "U0002",
        &ts(base, 1),
        None,
        "We agreed to freeze the API until Monday.",
    )
    .await;
    app.wait_count("SELECT COUNT(*) FROM channel_messages", 1)
        .await;
    let now = digest_cmd(&app, CHANNEL, "now").await;
    assert!(reply_text(&now).contains("posted in <#C0DIGESTS>"), "{now}");
    assert!(sections(&digests_posted(&app, "C0DIGESTS")[0]).contains("freeze the API"));

    let off = digest_cmd(&app, CHANNEL, "off").await;
    assert!(reply_text(&off).contains("off"), "{off}");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM channel_messages").await,
        0,
        "forgotten"
    );
    say(&app, "U0002", &ts(base, 2), None, "not recorded any more").await;
    app.idle().await;
    assert_eq!(app.scalar("SELECT COUNT(*) FROM channel_messages").await, 0);
}
