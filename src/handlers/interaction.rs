//! Purpose: the one dispatch of interactions — block actions by action id,
//! modal submissions by callback id, message shortcuts by callback id — to
//! the handler module of each feature.

use super::ViewResponse;
use crate::context::Context;
use crate::render::confirm::DELETE_STANDUP_ACTION;
use crate::render::followup::{
    BLOCKER_RESOLVED, BLOCKER_STILL, ITEM_DONE, ITEM_MENU, ITEM_REASSIGN, ITEM_SNOOZE,
    REASSIGN_VIEW,
};
use crate::render::meeting::MEETING_NOTES_SHORTCUT;
use crate::render::modals::SETUP_VIEW;
use crate::render::standup::{ANSWER_ACTION, ANSWER_VIEW, MOOD_ACTION, UPDATE_SUMMARY_ACTION};
use crate::render::thread_summary::{SHARE_ACTION, SHORTCUT};
use crate::slack::inbound::{Action, BlockActions, Interaction, ViewSubmission};

use super::{
    followup_actions, meeting_shortcut, standup_answer, standup_delete, standup_setup,
    summarize_thread,
};

/// Handles block actions and shortcuts (acknowledged already). Modal
/// submissions go through [`on_view_submission`], whose answer Slack awaits.
pub async fn handle(ctx: &Context, i: &Interaction) -> anyhow::Result<()> {
    match i {
        Interaction::BlockActions(press) => {
            for action in &press.actions {
                on_action(ctx, press, action).await?;
            }
            Ok(())
        }
        Interaction::MessageShortcut(s) if s.callback_id == SHORTCUT => {
            summarize_thread::on_shortcut(ctx, s).await
        }
        Interaction::MessageShortcut(s) if s.callback_id == MEETING_NOTES_SHORTCUT => {
            meeting_shortcut::on_shortcut(ctx, s).await
        }
        Interaction::MessageShortcut(_)
        | Interaction::ViewSubmission(_)
        | Interaction::Other { .. } => Ok(()),
    }
}

/// One pressed button or chosen option, by action id.
async fn on_action(ctx: &Context, press: &BlockActions, action: &Action) -> anyhow::Result<()> {
    match action.action_id.as_str() {
        ANSWER_ACTION => standup_answer::open_modal(ctx, press, action).await,
        id if id.starts_with(MOOD_ACTION) => standup_answer::set_mood(ctx, press, action).await,
        UPDATE_SUMMARY_ACTION => standup_answer::update_summary(ctx, press, action).await,
        SHARE_ACTION => summarize_thread::on_share(ctx, press, action).await,
        DELETE_STANDUP_ACTION => standup_delete::confirm(ctx, press, action).await,
        ITEM_DONE | ITEM_SNOOZE | ITEM_REASSIGN | ITEM_MENU | BLOCKER_RESOLVED | BLOCKER_STILL => {
            followup_actions::on_action(ctx, press, action).await
        }
        _ => Ok(()),
    }
}

/// Handles a modal submission; the answer closes the modal or shows errors.
pub async fn on_view_submission(
    ctx: &Context,
    view: &ViewSubmission,
) -> anyhow::Result<ViewResponse> {
    match view.callback_id.as_str() {
        ANSWER_VIEW => standup_answer::submit(ctx, view).await,
        SETUP_VIEW => standup_setup::submit(ctx, view).await,
        REASSIGN_VIEW => followup_actions::submit_reassign(ctx, view).await,
        _ => Ok(ViewResponse::Close),
    }
}
