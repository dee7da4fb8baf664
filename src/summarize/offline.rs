//! The offline engine: a deterministic summary without a network or a key.
//!
//! A standup is read question by question (the blockers question, what was
//! done, what is planned), then inside each answer by labels ("Y:",
//! "*Blockers*"), bullets and sentences. Digests and threads are read
//! message by message, adding decisions, open questions and topics. Blocker
//! and action-item phrasings are recognised everywhere; "no blockers",
//! resolved blockers and cheerful noise are not taken as answers.

mod actions;
mod blockers;
mod clause;
mod digest;
mod due;
mod followups;
mod labels;
mod news;
mod promises;
mod pronouns;
mod task;
#[cfg(test)]
mod tests;
pub(crate) mod text;

use std::collections::HashSet;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use self::labels::sections;
use self::text::{
    clip, is_combined_question, is_noise, items, mentions, question_role, without_broadcasts,
    without_instructions, Role,
};
use super::{ActionItem, Blocker, Entry, InputKind, Item, Summary, SummaryInput};

/// One message (digest/thread) or one participant's whole standup answer.
pub(crate) struct Message<'a> {
    pub user: &'a str,
    pub ts: Option<&'a str>,
    pub text: String,
}

/// Summarizes `input` without any network access; the same input always
/// gives the same summary.
pub fn summarize(input: &SummaryInput) -> Summary {
    let mut reader = Reader::new(due::parse_today(&input.today));
    let mut summary = match input.kind {
        InputKind::Standup => {
            // One prompt that asks for several things has no question per
            // message: each answer is read whole, sentence by sentence.
            let open = matches!(&input.questions[..], [q] if is_combined_question(q));
            let questions = if open { &[][..] } else { &input.questions[..] };
            let roles: Vec<Role> = questions.iter().map(|q| question_role(q)).collect();
            reader.standup = true;
            for entry in &input.entries {
                reader.standup_entry(entry, &roles, questions);
            }
            reader.finish()
        }
        InputKind::Digest | InputKind::Thread => {
            let messages = messages(&input.entries);
            for m in &messages {
                reader.message(m);
            }
            digest::conversation(reader.finish(), input, &messages)
        }
    };
    summary.highlights = highlights(&summary, input);
    summary
}

/// The non-noise messages of a digest or thread, in order.
fn messages(entries: &[Entry]) -> Vec<Message<'_>> {
    entries
        .iter()
        .map(|e| Message {
            user: &e.user,
            ts: e.ts.as_deref(),
            text: e.answers.join("\n"),
        })
        .filter(|m| !is_noise(&m.text))
        .collect()
}

/// Walks the answers in order, collecting items; keeps the position of each
/// blocker so a later "unblocked now" can cancel it.
struct Reader {
    today: Option<Date>,
    summary: Summary,
    /// Position of each blocker in `summary.blockers`, in reading order.
    blocker_pos: Vec<usize>,
    /// Per blocker: said in a reply that thanks someone after the member's
    /// answer ("thx <@U2>! and now the API returns 500s, stuck until they
    /// fix it"): written after the help it thanks for, so a teammate's
    /// "done" does not clear it. (Answers are grouped per member, so the
    /// order of messages between members is not known otherwise.)
    blocker_late: Vec<bool>,
    /// Per blocker: the people its message names ("… only an admin can
    /// renew it. <@U2> is that you or <@U3>?"): those it turns to for help.
    blocker_asked: Vec<Vec<String>>,
    /// Per blocker: the words of the message it was read in.
    blocker_msg: Vec<String>,
    /// The message being read is such a reply.
    late: bool,
    /// The item read before the current one in the same message.
    before: Option<String>,
    /// Each note saying someone is unblocked.
    unblock_notes: Vec<UnblockNote>,
    /// Replies that tell someone a thing is done, in any words ("<@U1> hab
    /// dir grad die Rolle gegeben"): (author, the people addressed).
    replies: Vec<(String, Vec<String>)>,
    /// Short thanks that confirm it ("top, hab ihn, danke!"): (where, who).
    acks: Vec<(usize, String)>,
    /// Of those, the ones that say the thing arrived or works ("läuft,
    /// danke dir!", "peguei aqui, funcionou"): (where, who).
    confirms: Vec<(usize, String)>,
    /// Every item that names teammates, wherever it names them ("Listo
    /// <@U1>, ya tienes permisos"): (author, the people named).
    named: Vec<(String, Vec<String>)>,
    /// Authors of items that report rather than ask or promise.
    reporters: HashSet<String>,
    /// Every item read: (where, author, its words), to find later news
    /// about the thing a blocker waits for.
    said: Vec<(usize, String, String)>,
    /// Per action item, in `summary.action_items` order: where it came from.
    origins: Vec<followups::Origin>,
    /// Replies that take a task on without naming it.
    promises: Vec<followups::Promise>,
    /// Reading a standup: replies are tied to the tasks they take on.
    standup: bool,
    /// The message being read is a reply in the conversation, not an answer.
    remark: bool,
    pos: usize,
}

impl Reader {
    fn new(today: Option<Date>) -> Self {
        Self {
            today,
            summary: Summary::default(),
            blocker_pos: Vec::new(),
            blocker_late: Vec::new(),
            blocker_asked: Vec::new(),
            blocker_msg: Vec::new(),
            late: false,
            before: None,
            unblock_notes: Vec::new(),
            replies: Vec::new(),
            acks: Vec::new(),
            confirms: Vec::new(),
            named: Vec::new(),
            reporters: HashSet::new(),
            said: Vec::new(),
            origins: Vec::new(),
            promises: Vec::new(),
            standup: false,
            remark: false,
            pos: 0,
        }
    }

    /// A standup answer: each message takes the role of its question, unless
    /// labels inside it say otherwise. Fewer answers than questions means
    /// the member answered everything in one message.
    ///
    /// Messages stop being answers to the next question once a message has
    /// answered several questions by its labels, or the blockers one:
    /// what follows ("Will do", "<@U2> thanks", "Pode deixar") is a reply
    /// in the conversation, read only for blockers and tasks in its own
    /// words. A reply that starts by addressing someone, or only accepts a
    /// request, is such a remark wherever it comes.
    ///
    /// When there is one message per question, a message that turns to
    /// someone first still answers its question ("<@U2> can you review my
    /// PR? Then I start on rate limiting" to "What will you do today?"):
    /// its sentences after the ask are the answer.
    fn standup_entry(&mut self, entry: &Entry, roles: &[Role], questions: &[String]) {
        // Questions that ask for nothing the summary lists ("Mood 1–5?",
        // "Anything the team should know?") are often left out of a
        // one-message answer: only the others make it short.
        let asked = roles.iter().filter(|r| **r != Role::Other).count();
        let short = entry.answers.len() < asked || roles.is_empty();
        let one_per_question = !roles.is_empty()
            && entry.answers.len() == roles.len()
            && entry
                .answers
                .iter()
                .all(|a| labels::label_roles(a).is_empty());
        let mut question = 0;
        let mut answering = true;
        for (index, answer) in entry.answers.iter().enumerate() {
            let labelled = labels::label_roles(answer);
            // After the first message, one that opens with a yes ("Dale,
            // te lo mando mañana") answers a teammate, not a question;
            // unless the question is "anything blocking you?", where "yes,
            // can't get into …" is the answer.
            let next = roles.get(question).copied();
            let yes_blocked = answering
                && next == Some(Role::Blockers)
                && text::starts_accepting(answer)
                && blockers::reports_problem(answer);
            let turned = !yes_blocked
                && (text::is_remark(answer) || (index > 0 && text::starts_accepting(answer)));
            let split = answering
                && turned
                && one_per_question
                && index == question
                && !text::is_acceptance(answer)
                && matches!(next, Some(Role::Done | Role::Planned))
                && !text::split_aside(answer).1.is_empty();
            let remark = !answering || (turned && !split);
            let default = if remark {
                Role::Other
            } else {
                question += 1;
                opening_role(
                    &roles[(question - 1).min(roles.len())..],
                    !labelled.is_empty(),
                )
            };
            let m = Message {
                user: &entry.user,
                ts: entry.ts.as_deref(),
                text: answer.clone(),
            };
            self.late = !answering && text::is_thanks(answer);
            if !remark && labelled.is_empty() && self.numbered_answer(&m, roles, questions) {
                // Every question it marks is answered: what follows is
                // conversation.
                answering = false;
                continue;
            }
            if split {
                let (aside, rest) = text::split_aside(answer);
                self.remark = true;
                self.read(&Message { text: aside, ..m }, Role::Other, false);
                self.remark = false;
                self.read(&Message { text: rest, ..m }, default, false);
                continue;
            }
            self.remark = remark;
            // A remark is one utterance: "<@U1> sorry, saw it now. Approved"
            // keeps who it is addressed to in every sentence.
            self.read(&m, default, !remark && (short || labelled.len() > 1));
            if labelled.len() > 1 || labelled.contains(&Role::Blockers) {
                answering = false;
            }
        }
    }

    /// One message that answers the questions by their numbers or by
    /// labels that echo them ("1. … 2. … 3. …", "Focus: … Hand: …"): each
    /// part is read as the answer to its question, whatever the labels
    /// the engine knows. False when the message is not so marked.
    fn numbered_answer(&mut self, m: &Message<'_>, roles: &[Role], questions: &[String]) -> bool {
        let Some(parts) = text::question_parts(&m.text, questions) else {
            return false;
        };
        for (index, part) in parts {
            let role = index
                .and_then(|i| roles.get(i).copied())
                .unwrap_or(Role::Other);
            self.read(&Message { text: part, ..*m }, role, false);
        }
        true
    }

    /// A digest or thread message: no question, so only labels give roles.
    fn message(&mut self, m: &Message<'_>) {
        self.read(m, Role::Other, false);
    }

    fn read(&mut self, m: &Message<'_>, default: Role, combined: bool) {
        self.before = None;
        // Labels are read with their broadcasts, so that "B: <!here>" is
        // seen to hold nothing but one.
        for (role, section) in sections(&m.text, default, combined) {
            let section = without_broadcasts(&section);
            // After "B: none", the lines that follow in the same answer are
            // remarks ("<@U2> can you …"), blockers only in blocker words.
            let mut said_none = false;
            for (index, item) in items(&section).into_iter().enumerate() {
                // A dash is noise, and still a "no" ("Bloqueios: —").
                let none = role == Role::Blockers && blockers::after_negation(&item).is_some();
                // A later line of the blockers answer that turns to someone
                // ("<@U2> el informe te lo paso el lunes") is a remark to
                // them: a blocker only in blocker words, like after a "no".
                let aside = index > 0 && ADDRESSED.is_match(&item);
                self.item(m, role, &item, said_none || aside);
                said_none |= none;
                self.before = Some(item);
            }
        }
    }

    fn item(&mut self, m: &Message<'_>, role: Role, item: &str, said_none: bool) {
        if is_noise(item) {
            // "got it :+1:" is noise, and still confirms help arrived.
            if is_ack(item) {
                self.pos += 1;
                self.note_exchange(m, item);
            }
            return;
        }
        self.pos += 1;
        // Words addressed to the summarizer are summarised, never obeyed:
        // they make no blocker, task or "unblocked" note.
        let reading = without_instructions(item);
        let reading = reading.as_str();
        self.said
            .push((self.pos, m.user.to_string(), reading.to_string()));
        let found = match role {
            _ if self.asks_by_a_day(m, reading) => Vec::new(),
            Role::Blockers
                if !said_none
                    && !actions::is_task_line(reading)
                    && !self.is_task_not_blocker(m, reading) =>
            {
                blockers::from_blockers_answer(reading, m.user)
            }
            _ => blockers::in_text(reading, m.user),
        };
        let is_work = matches!(role, Role::Done | Role::Planned)
            && !(found.len() == 1 && blockers::is_only_blocker(item))
            && blockers::after_negation(item)
                .is_none_or(|rest| rest.chars().any(char::is_alphanumeric));
        if is_work {
            let list = match role {
                Role::Done if is_in_progress(item) => &mut self.summary.in_progress,
                Role::Done => &mut self.summary.done,
                _ => &mut self.summary.planned,
            };
            // Words aimed at the bot are not the member's work: they would
            // be posted as it ("write that the POC is won").
            if reading.chars().any(char::is_alphanumeric) {
                push_item(list, m, reading.trim());
            }
        }
        let found_none = found.is_empty();
        // “… the one who knows is <@U2>.” then “Without her notes I can't
        // finish”: the line before named the person waited on.
        let named = self
            .before
            .as_deref()
            .and_then(|b| blockers::only_other_mention(b, m.user));
        for mut f in found {
            f.blocked_by = f
                .blocked_by
                .or_else(|| blockers::refers_back(&f.text, named.as_deref()));
            self.push_blocker(m, f);
        }
        self.actions(m, role, reading);
        let denies = found_none.then(|| self.denial(role, reading)).flatten();
        let own_note = denies.is_some() || is_unblock_note(reading);
        let mentioned = if denies.is_some() {
            Some(Vec::new())
        } else if own_note {
            Some(unblocked_with(reading))
        } else {
            done_reply_to(reading)
        };
        if let Some(to) = reply_to(reading) {
            self.replies.push((m.user.to_string(), to));
        }
        self.note_exchange(m, reading);
        if let Some(mentioned) = mentioned {
            self.unblock_notes.push(UnblockNote {
                pos: self.pos,
                author: m.user.to_string(),
                mentioned,
                only_unnamed: denies == Some(blockers::Denial::No),
                own: own_note,
            });
        }
    }

    /// How an item says its author is not blocked. A bare "no" in the
    /// conversation that turns down an offer ("no, that's another
    /// environment, thanks") says nothing of blockers.
    fn denial(&self, role: Role, reading: &str) -> Option<blockers::Denial> {
        blockers::denial(reading)
            .filter(|_| !(self.in_conversation(role) && blockers::declines_only(reading)))
    }

    /// Whether an item is said in the conversation rather than in answer to
    /// a question: a remark, or a standup message after the last answer.
    fn in_conversation(&self, role: Role) -> bool {
        self.remark || (self.standup && role == Role::Other)
    }

    /// What an item tells about help given and received: a thanks, a
    /// confirmation that something works, teammates named, news.
    fn note_exchange(&mut self, m: &Message<'_>, reading: &str) {
        let user = m.user.to_string();
        if is_ack(reading) {
            self.acks.push((self.pos, user.clone()));
            // "Ça marche, je les appelle cet après-midi" takes a task on:
            // it confirms nothing arrived.
            if CONFIRMS.is_match(reading) && !PROMISE.is_match(reading) {
                self.confirms.push((self.pos, user.clone()));
            }
        }
        let named = mentions(reading);
        if !named.is_empty() {
            self.named.push((user.clone(), named));
        }
        if is_news(reading) {
            self.reporters.insert(user);
        }
    }

    /// Under the blockers label, a promise of the author's ("I will send
    /// the plan to <@U3> by Friday") is their task, not a blocker, unless it
    /// also says they cannot go on. (An ask, "<@U2> can you give me
    /// access?", is what blocks them: it stays.)
    fn is_task_not_blocker(&self, m: &Message<'_>, reading: &str) -> bool {
        !blockers::has_blocker_phrase(reading)
            && actions::in_item(reading, self.before.as_deref(), m.user, self.today, false)
                .iter()
                .any(|a| a.owner == m.user)
    }

    /// A request that turns to a teammate and gives them a day ("<@U2>
    /// necesito que me digas el criterio antes del viernes, si no no puedo
    /// publicar", "<@U2> please ask the couple, I need the answer until
    /// Thursday", "<@U2> bitte heute noch anrufen", "<@U2> peux-tu
    /// préparer la liste d'ici 14h ?", "<@U2> preciso disso até sexta")
    /// is their task: the asker is held up only if it is not done by then.
    /// Asked for today with words that say the asker cannot go on ("<@U2>
    /// please review my PR by EOD, I can't generate the SDKs before it's
    /// merged"), it holds them up now.
    fn asks_by_a_day(&self, m: &Message<'_>, reading: &str) -> bool {
        // Every item passes here: the cheap test first, the reading of
        // its action items only for items that turn to someone.
        if !ADDRESSED.is_match(reading) {
            return false;
        }
        let today = self.today.map(|t| t.to_string());
        let stuck_now = blockers::has_blocker_phrase(reading);
        actions::in_item(reading, self.before.as_deref(), m.user, self.today, false)
            .iter()
            .any(|a| a.owner != m.user && a.due.is_some() && (a.due != today || !stuck_now))
    }

    fn push_blocker(&mut self, m: &Message<'_>, f: blockers::Found) {
        let dup = self
            .summary
            .blockers
            .iter()
            .any(|b| b.user == m.user && b.text == f.text);
        if dup {
            return;
        }
        self.summary.blockers.push(Blocker {
            user: m.user.to_string(),
            text: f.text,
            blocked_by: f.blocked_by,
            source_ts: m.ts.map(str::to_string),
        });
        self.blocker_pos.push(self.pos);
        self.blocker_late.push(self.late);
        self.blocker_asked.push(mentions(&m.text));
        self.blocker_msg.push(m.text.clone());
    }

    /// The action items of one item, and the promise it makes when it is
    /// a reply that takes a task on without naming it ("I'll share them
    /// after my 11:00", "Will do").
    fn actions(&mut self, m: &Message<'_>, role: Role, reading: &str) {
        let to: Vec<String> = ADDRESSED
            .find(&m.text)
            .map(|a| mentions(a.as_str()))
            .unwrap_or_default();
        let reply = self.remark
            || !to.is_empty()
            || text::is_acceptance(&m.text)
            || text::starts_accepting(&m.text);
        let vague = reply && promises::is_pronoun_promise(reading);
        let before = self.before.as_deref();
        let found = actions::in_item(reading, before, m.user, self.today, role == Role::Planned);
        let mut promised = false;
        for a in found {
            let mine = a.owner == m.user;
            let due = a.due.clone();
            let item = self.push_action(m, a);
            if vague && mine && !promised {
                self.promises.push(followups::Promise {
                    owner: m.user.to_string(),
                    to: to.clone(),
                    due,
                    item,
                });
                promised = true;
            }
        }
        // "<@U1> je m'en occupe à 11h, j'ai un créneau avec la sécu":
        // after the person it turns to, the first clause accepts.
        let head = ADDRESSED.replace(reading, "");
        let head = head.split([',', '.', ';', '!']).next().unwrap_or_default();
        let accepts = text::is_acceptance(reading) || text::is_acceptance(head);
        if reply && !promised && (vague || accepts) {
            // The day is the one said with the yes: "Combinado. Lembrete
            // pra mim: … na segunda" and "claro, me encargo. Y el informe
            // lo tengo para el lunes" give the request no day.
            let due = self.today.and_then(|t| {
                text::sentences(reading).into_iter().find_map(|s| {
                    let s = ADDRESSED.replace(&s, "");
                    let head = s.split([',', ';']).next().unwrap_or_default();
                    (text::is_acceptance(&s)
                        || text::is_acceptance(head)
                        || promises::is_pronoun_promise(&s))
                    .then(|| due::find(&s, t))
                    .flatten()
                })
            });
            self.promises.push(followups::Promise {
                owner: m.user.to_string(),
                to,
                due: due.map(|(d, _)| d.to_string()),
                item: None,
            });
        }
    }

    /// Adds an action item unless the same one is listed; its index.
    fn push_action(&mut self, m: &Message<'_>, mut a: actions::Found) -> Option<usize> {
        let asker = (a.owner != m.user).then(|| m.user.to_string());
        if asker.is_some() {
            a.text = owners_view(&a.text, m.user);
        }
        let list = &mut self.summary.action_items;
        if list.iter().any(|x| x.owner == a.owner && x.text == a.text) {
            return None;
        }
        list.push(ActionItem {
            owner: a.owner,
            text: a.text,
            due: a.due,
            source_ts: m.ts.map(str::to_string),
        });
        self.origins.push(followups::Origin {
            asker,
            tentative: a.tentative,
        });
        Some(list.len() - 1)
    }

    /// Drops every blocker that a note says is gone: the author's own later
    /// note ("unblocked now"), or a teammate's reply to them ("<@U1> you
    /// should be unblocked", "<@U1> approved"). A teammate's reply counts
    /// wherever it was read, because answers are read per member, not in
    /// the order they were written.
    ///
    /// A blocker is also gone when a teammate replied to its author with
    /// news, not a promise ("<@U1> 7.3.0-rc2 ist seit 5 Min in TestFlight"),
    /// and the author thanked them after the blocker ("top, hab ihn,
    /// danke!"): the thanks confirms what the reply delivered, whatever
    /// language it is in.
    fn finish(mut self) -> Summary {
        let notes = &self.unblock_notes;
        let (replies, acks) = (&self.replies, &self.acks);
        let helped: Vec<bool> = self
            .summary
            .blockers
            .iter()
            .zip(&self.blocker_asked)
            .map(|(b, asked)| self.helped(b, asked))
            .collect();
        let news: Vec<bool> = self
            .summary
            .blockers
            .iter()
            .zip(&self.blocker_pos)
            .zip(self.blocker_asked.iter().zip(&self.blocker_late))
            .map(|((b, &pos), (asked, &late))| self.news_of_it(b, pos, asked, late))
            .collect();
        // "… the statement is still missing. Without it I cannot close":
        // the sentences of one message that tell one wait end together.
        let ended: HashSet<(&str, &str)> = self
            .summary
            .blockers
            .iter()
            .zip(&self.blocker_msg)
            .zip(&news)
            .filter(|(_, &n)| n)
            .map(|((b, msg), _)| (b.user.as_str(), msg.as_str()))
            .collect();
        let news: Vec<bool> = self
            .summary
            .blockers
            .iter()
            .zip(&self.blocker_msg)
            .map(|(b, msg)| ended.contains(&(b.user.as_str(), msg.as_str())))
            .collect();
        let mut news = news.into_iter();
        let mut positions = self.blocker_pos.iter().zip(&self.blocker_late).zip(helped);
        let confirms = &self.confirms;
        self.summary.blockers.retain(|b| {
            let ((&pos, &late), helped) = positions.next().expect("one position per blocker");
            let noted = notes.iter().any(|n| {
                if n.author == b.user {
                    n.own && n.pos > pos && !(n.only_unnamed && b.blocked_by.is_some())
                } else {
                    !late && n.mentioned.contains(&b.user)
                }
            });
            let replied = replies.iter().any(|(by, to)| {
                *by != b.user
                    && to.contains(&b.user)
                    && b.blocked_by.as_ref().is_none_or(|p| p == by)
            });
            let thanked = acks.iter().any(|(at, who)| *who == b.user && *at > pos);
            let confirmed = confirms.iter().any(|(at, who)| *who == b.user && *at > pos);
            let news = news.next().expect("one verdict per blocker");
            !(noted || news || (replied && thanked || confirmed && helped) && !late)
        });
        if self.standup {
            followups::link(&mut self.summary, &mut self.origins, &self.promises);
        }
        self.summary
    }
}

impl Reader {
    /// Someone turned to the blocked person: a teammate named them
    /// anywhere in an item, or someone the blocked person waits on or
    /// turned to in the same message ("<@U2> is that you or <@U3>?")
    /// reported news. With their own "works, thanks" after the blocker, it
    /// is gone.
    fn helped(&self, b: &Blocker, asked: &[String]) -> bool {
        let named = self
            .named
            .iter()
            .any(|(by, to)| *by != b.user && to.contains(&b.user));
        let mut turned_to = b.blocked_by.iter().chain(asked);
        named || turned_to.any(|p| *p != b.user && self.reporters.contains(p))
    }

    /// Whether a later message tells that what the blocker waits for came,
    /// linked to it by the thing they share or by who is addressed: the
    /// blocked person's own news ("Butterfield statement arrived just
    /// now", "le CNES vient d'ouvrir le flux", "o CHG-77310 foi aprovado")
    /// after the blocker, or news that the person they wait on or turned
    /// to sends them about the same thing ("<@U1> 0.9.4 is on the test
    /// kits"). A blocker is the state at the close: such news ends it.
    fn news_of_it(&self, b: &Blocker, pos: usize, asked: &[String], late: bool) -> bool {
        let waited_on: Vec<&String> = b
            .blocked_by
            .iter()
            .chain(asked)
            .filter(|p| **p != b.user)
            .collect();
        self.said.iter().any(|(at, by, said)| {
            if *by == b.user {
                *at > pos
                    && blockers::says_it_came(said)
                    && (blockers::same_object(said, &b.text)
                        || mentions(said).iter().any(|p| waited_on.contains(&p)))
            } else {
                !late
                    && !blockers::waits_on_several(&b.text)
                    && waited_on.contains(&by)
                    && reply_to(said).is_some_and(|to| to.contains(&b.user))
                    && blockers::says_it_came(said)
                    && blockers::same_object(said, &b.text)
            }
        })
    }
}

/// A thanks that says the thing arrived or works: "läuft, danke dir!",
/// "peguei aqui, funcionou", "confirmado, ya publiqué", "found the spare
/// one, works good".
static CONFIRMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:works?|working|worked|got\s+(?:it|them|those|the\s+\w+)|received|found|confirm\w*|funcion\w*|funktioniert|läuft|geht|klappt|hab\s+(?:ihn|sie|es)
        |ça\s+marche|c['’]est\s+bon|reçu|re[çc]us?|peguei|recebi|recibid[oa]s?|ya\s+(?:va|entro|puedo|est[áa]|publiqu\w*)|j[áa]\s+(?:foi|consigo))\b|:white_check_mark:|✅",
    )
    .unwrap()
});

/// The role a message that answers the next question takes: that
/// question's (`roles` starts with it). A message that answers by labels
/// ("Broke: … Today: …") opens with the first question the summary lists,
/// also when the first one asked is mood or news.
fn opening_role(roles: &[Role], labelled: bool) -> Role {
    let role = roles.first().copied().unwrap_or(Role::Other);
    if role == Role::Other && labelled {
        roles
            .iter()
            .copied()
            .find(|r| *r != Role::Other)
            .unwrap_or(role)
    } else {
        role
    }
}

/// An item that reports rather than asks or promises.
fn is_news(item: &str) -> bool {
    item.chars().any(char::is_alphanumeric) && !item.contains('?') && !PROMISE.is_match(item)
}

/// A note that someone's blocker is gone, where it was read.
struct UnblockNote {
    pos: usize,
    author: String,
    mentioned: Vec<String>,
    /// A plain "no blockers": it cancels only blockers that wait on nobody
    /// named.
    only_unnamed: bool,
    /// The note speaks of its author: not a reply that tells others their
    /// thing is done ("<@U2> approved, two small comments"), which leaves
    /// the author's own blocker as it was.
    own: bool,
}

fn push_item(list: &mut Vec<Item>, m: &Message<'_>, text: &str) {
    if list.iter().any(|i| i.user == m.user && i.text == text) {
        return;
    }
    list.push(Item {
        user: m.user.to_string(),
        text: text.to_string(),
        source_ts: m.ts.map(str::to_string),
    });
}

/// A task someone gave a teammate, as the owner reads it: "review my PR"
/// asked by Ana becomes "review <@Ana>'s PR" on Chen's line.
fn owners_view(text: &str, asker: &str) -> String {
    // Only a whole word: "me" in a brand or a domain ("Pagar.me",
    // "about.me/x", "@me", "me.com") is no pronoun. The character before and
    // a ".x" after are captured so they can be checked and kept.
    static FIRST_PERSON: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(^|[^\w.@/\-])([Mm]y|[Mm]e)\b(\.\w)?").unwrap());
    FIRST_PERSON
        .replace_all(text, |c: &regex::Captures| {
            if c.get(3).is_some() {
                return c[0].to_string();
            }
            match &c[2] {
                "me" | "Me" => format!("{}<@{asker}>", &c[1]),
                _ => format!("{}<@{asker}>'s", &c[1]),
            }
        })
        .into_owned()
}

/// Work that is under way rather than finished, said under "done": "working
/// on the Terraform modules", "still on the migration", "will hand them to
/// Eli tomorrow". The summary shows it as its own state, not as done.
fn is_in_progress(item: &str) -> bool {
    static DOING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\W*(?:i\s*'?m\s+|i\s+am\s+)?(?:(?:still|currently)\b|working\s+on\b|in\s+progress\b|continuing\b|will\s+hand\b)|\b(?:still|currently)\s+(?:working|on)\b|\bwip\b|\bin\s+progress\b|\bwill\s+hand\b",
        )
        .unwrap()
    });
    DOING.is_match(item)
}

/// A note that cancels earlier blockers of its author or of the people it
/// mentions: "unblocked now", "<@U1> you should be unblocked".
fn is_unblock_note(item: &str) -> bool {
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\bunblocked\b|\bno\s+longer\s+(?:blocked|stuck|waiting)\b|\bblocker\s+(?:is\s+)?(?:resolved|gone|cleared|fixed)\b|\b(?:works?|working|fine|running)\s+(?:now|again)\b
            | \bnvm\b|\bnever\s*mind\b|\bignore\s+my\s+blocker\b|\bis\s+back\b|\bya\s+(?:est[áa]|entro)\b|\bpassou\b|\bfalse\s+alarm\b|\bscratch\s+that\b|\ball\s+good\s+now\b|\bfigured\s+it\s+out\b
            | \bya\s+(?:compila|funciona)\b|\btestei\s+e\s+t[áa]\s+ok\b|\bj[áa]\s+(?:funciona|resolvi|resolveu)\b|\bdesbloquead[oa]\b
            | \b(?:funktioniert|läuft|geht)\s+(?:jetzt|wieder)\b|\bnicht\s+mehr\s+blockiert\b|\bhat\s+sich\s+erledigt\b
            | \bça\s+(?:re)?marche(?:\s+maintenant)?\b|\bc['’]est\s+(?:réglé|résolu|bon\s+maintenant)\b|\bdébloqué
            | \bfalsa\s+alarma\b|\bfausse\s+alerte\b|\bfehlalarm\b|\balarme\s+falso\b|\bdestravad[oa]\b|\bplus\s+de\s+bloquant|\bsin\s+bloqueos?\b|\bsem\s+bloqueios?\b
            | \bya\s+puedo\s+(?:seguir|continuar|avanzar|probar|aplicar)\b|\bj[áa]\s+(?:consigo|posso)\s+(?:seguir|continuar|testar|avançar)\b|\bkann\s+(?:ich\s+)?(?:jetzt\s+|wieder\s+)?weiter\b|\bgeht['’]?s\s+(?:bei\s+mir\s+)?weiter\b
            | \b(?:vient|viennent)\s+de\s+(?:répondre|valider)|\bacaba(?:n)?\s+de\s+(?:responder|aprobar)|\bacabou\s+de\s+(?:responder|aprovar)|\bhat\s+(?:gerade\s+|grad\s+)?(?:geantwortet|freigegeben)
            | \b(?:has|have)\s+(?:just\s+)?(?:replied|answered|signed\s+off)\b
            | \bignore\s+me\b|\b(?:just|finally)\s+(?:came\s+(?:through|in)|arrived|landed)\b
            | \b(?:acaba(?:n)?\s+de\s+llegar|vien(?:t|nent)\s+d['’]arriver|acabou\s+de\s+chegar|acabaram\s+de\s+chegar|(?:ist|sind)\s+(?:gerade|eben|grad)\s+(?:da|angekommen|gekommen))\b
            | (?:^|[,.!]\s*|\bnow\s+|\bso\s+)(?:i\s+)?can\s+(?:continue|proceed|go\s+on)\b|\bje\s+peux\s+(?:avancer|continuer|reprendre)\b
            | \bj[áa]\s+est[áa]\s*!|\b(?:voltou|volvió|revenu)\s*(?:$|[!.,:;)])
            | \b(?:so|now)\s+i['’]?m\s+free\b|\b(?:damit|jetzt|nun)\s+bin\s+ich\s+frei\b|\b(?:donc|du\s+coup|maintenant)\s+je\s+suis\s+libre\b
            | \b(?:ya|así\s+que)\s+(?:estoy|quedo)\s+libre\b|\b(?:agora|então)\s+(?:estou|tô|fiquei)\s+livre\b",
        )
        .unwrap()
    });
    NOTE.is_match(&blockers::without_conditions(item))
}

/// Whose wait an "I'm unblocked" note ends besides the author's: the
/// people it names, unless it thanks them ("valeu <@U2>! tô
/// desbloqueado": those thanked helped the author; the note is about the
/// author, not them).
fn unblocked_with(note: &str) -> Vec<String> {
    if THANKED.is_match(note) {
        Vec::new()
    } else {
        mentions(note)
    }
}

/// Thanks, in any of the five languages.
static THANKED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b(?:{})\b", text::THANKS_WORDS)).unwrap());

/// The people a message starts by addressing: "<@U1> <@U2> …".
static ADDRESSED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,]*)+").unwrap());

/// Words that promise, or say work is under way ("looking at it"),
/// rather than report it done. A first-person present of talking to
/// someone ("I talk with procurement today", "hablo con compras") is said
/// for what is still to come.
static PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:when|once|after|until|till|if|will|should|going\s+to|soon|later|tomorrow|tonight|can\s+you|could\s+you
        |quand|dès|demain|ce\s+soir|je\s+(?:vais|te|vous|m['’]en|m['’]occupe|relance)|cuando|mañana|luego|voy|te\s+(?:lo|la|los|las)\s+(?:paso|mando)|me\s+encargo
        |wenn|sobald|morgen|nachher|später|ich\s+(?:schick|kläre|kümmere|mach|werde|eskaliere)|quando|amanhã|depois|vou|renovo|mando
        |looking\s+(?:at|into)|checking|on\s+it|schau(?:e)?\s+(?:ich|mir)|je\s+regarde|lo\s+(?:miro|reviso|veo)|t[ôo]\s+vendo|estou\s+vendo
        |promise|promised|versprochen|verspreche|promets|promis|prometo|prometido|prometida
        |i\s+(?:talk|speak|ask|call|write|ping|chase|contact|email)|ich\s+(?:rede|spreche|frage|rufe)|je\s+(?:parle|demande|appelle|contacte|écris)|hablo|pregunto|escribo|falo|pergunto|ligo|escrevo
        |this\s+afternoon|later\s+today|by\s+(?:eod|noon|the\s+end\s+of\s+(?:the\s+)?day)|heute\s+(?:nachmittag|abend|noch)|bis\s+(?:\d|heute|morgen|mittag|ende|freitag|montag)
        |cet\s+après-midi|d['’]ici\s+(?:ce\s+soir|midi|demain|la\s+fin)|esta\s+(?:tarde|noche)|hoy\s+mismo|antes\s+del?\s+(?:mediod[ií]a|fin)
        |hoje\s+à\s+(?:tarde|noite)|at[ée]\s+(?:o\s+fim|ao\s+fim|amanhã|sexta|segunda))\b|['’]ll\b",
    )
    .unwrap()
});

/// The people a reply starts by addressing, when what it says to them
/// reports rather than asks or promises: "<@U1> hab dir grad die Rolle
/// gegeben, probier mal", not "<@U1> I'll send them after lunch" or "<@U1>
/// did it work?". What it goes on to ask of others does not count.
fn reply_to(item: &str) -> Option<Vec<String>> {
    let m = ADDRESSED.find(item)?;
    let rest = &item[m.end()..];
    // Cut short only when the whole reply does not already report (most
    // addressed items do, and splitting sentences costs). Cut short, it
    // must not name when the thing will come either ("<@U1> falei com
    // Compras, a licença sai na terça"): a day there promises.
    let news = reports(rest) || {
        let said = news::to_first_addressed(rest);
        reports(&said) && !news::names_time_to_come(&said)
    };
    news.then(|| mentions(m.as_str()))
}

/// Words that tell rather than ask or promise.
fn reports(said: &str) -> bool {
    let rest = INDIRECT_IF.replace_all(said, "");
    rest.chars().any(char::is_alphanumeric) && !rest.contains('?') && !PROMISE.is_match(&rest)
}

/// "check if", "see if", "let me know if": an "if" that asks, not one
/// that makes a condition ("sent you the file, check if the regions are
/// ok" reports the file sent).
static INDIRECT_IF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:check|see|tell\s+me|let\s+me\s+know|confirm)\s+(?:if|whether)\b[^.!?]*")
        .unwrap()
});

/// A short thanks or "it works" that confirms help arrived: "top, hab ihn,
/// danke!", "got them, thanks!!", "confirmado, ya entro", "funcionou!".
/// Not an acceptance ("thanks! will do") and not a new problem.
fn is_ack(item: &str) -> bool {
    static ACK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^\W*(?:top|super|perfect[oa]?|perfekt|parfait|nickel|great|awesome|genial|show|cool|brilliant|cheers|lovely|all\s+set|i['’]m\s+in|ich\s+bin\s+drin|entrei|tudo\s+certo|ya\s+entré|je\s+suis\s+dedans|confirm\w*|recibid[oa]s?|received|got\s+(?:it|them|those|the\s+\w+)
            |hab\s+(?:ihn|sie|es|ihn\s+jetzt)|funcion\w*|funktioniert|geht|klappt|works?|ça\s+marche|c['’]est\s+bon|tout\s+bon|ya\s+(?:va|entro|funciona|puedo|est[áa])
            |j[áa]\s+(?:foi|funciona|consigo)|thanks|thank\s+you|thx|ty|merci|gracias|danke|obrigad[oa]|valeu|vielen\s+dank)\b",
        )
        .unwrap()
    });
    static NOT_ACK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\b(?:will\s+do|on\s+it|mach(?:e)?\s+ich|je\s+m['’]en|me\s+encargo|deixa\s+comigo|pode\s+deixar|i['’]ll|vou|voy|je\s+vais|but|aber|mais|pero|mas|still|noch|toujours|todav[ií]a|ainda|now\s+the|and\s+now)\b",
        )
        .unwrap()
    });
    // A short thanks said in passing ("Opa, testando aqui, valeu!") thanks
    // as well as one said first.
    static THANKS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:thanks|thank\s+you|thx|cheers|merci|gracias|danke|obrigad[oa]|valeu)\b|:white_check_mark:|✅").unwrap()
    });
    // The first sentence is the reaction: "super, dann geht er um 11 raus.
    // Reminder an mich selbst: …" confirms before it goes on.
    let first = text::sentences(item).into_iter().next().unwrap_or_default();
    // ":+1: hab sie, passt": a reaction typed first is no word.
    let plain = text::EMOJI_CODE.replace_all(&first, " ");
    let plain = plain.as_ref();
    plain.split_whitespace().count() <= 12
        && !first.contains('?')
        && (ACK.is_match(plain) || THANKS.is_match(&first))
        && !NOT_ACK.is_match(plain)
        && blockers::in_text(&first, "").is_empty()
}

/// A reply addressed to teammates that says the thing they waited for is
/// done: "<@U1> approved, go ahead", "<@U1> <@U2> la CI est réparée". Only
/// the people it starts with are unblocked: they are what it returns.
fn done_reply_to(item: &str) -> Option<Vec<String>> {
    static DONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\b(?:
              approved|granted|fixed|repaired|merged|deployed|unfrozen|signed|here\s+you\s+go|all\s+yours|go\s+ahead|done|added|it['’]?s\s+in\b
            | approuvée?s?|validée?s?|réparée?s?|corrigée?s?|c['’]est\s+bon|c['’]est\s+fait|mergée?s?|déployée?s?|réglée?s?
            | aprobad[oa]s?|arreglad[oa]s?|listo|resuelto|mergead[oa]|ya\s+está|prueba\s+ahora
            | ligad[oa]|aprovo|aprovei|aprobé|pode\s+seguir
            | aprovad[oa]s?|corrigid[oa]s?|resolvido
            | genehmigt|freigegeben|repariert|behoben|erledigt|gemergt|deployed|ist\s+durch|läuft\s+wieder
            )\b",
        )
        .unwrap()
    });
    // "…, I'll ping you when it's merged" promises, it does not report.
    static NOT_YET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:when|once|after|until|till|if|will|should|going\s+to|soon|later|tomorrow|quand|dès|cuando|wenn|sobald|almost|nearly|casi|quase|presque|fast)\b|['’]ll\b",
        )
        .unwrap()
    });
    // "Approved, go ahead and book them <@U1>": news first, the person
    // named after it.
    static LEADS_WITH_NEWS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:approved|granted|fixed|merged|deployed|done|aprobad[oa]|aprovad[oa]|genehmigt|freigegeben|approuvée?|validée?)\b").unwrap()
    });
    // "<@U1> sorry, it's in my queue, I'll review it": still to do.
    static QUEUED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bin\s+(?:my|the|our)\s+(?:queue|backlog|inbox|list|todo)\b").unwrap()
    });
    if QUEUED.is_match(item) {
        return None;
    }
    if LEADS_WITH_NEWS.is_match(item) && !NOT_YET.is_match(item) {
        let named = mentions(item);
        return (!named.is_empty()).then_some(named);
    }
    // "sorry <@U1>, missed it. Approved the plan": a word of courtesy may
    // come before the one addressed.
    static COURTESY_ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:sorry|sry|hey|hi|ok|okay|oh|ah|perd[óo]n|disculpa|désolée?|pardon|oups|sorri|entschuldige|desculpa|desculpe|oi|hola|salut|hallo)\W+(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,]*)+").unwrap()
    });
    let m = ADDRESSED
        .find(item)
        .or_else(|| COURTESY_ADDRESSED.find(item))?;
    // "<@U1> sorry, just saw it. Approved, go ahead": the news may come
    // after an apology; a promise before it ("I'll ping you when it's
    // merged") makes it no news.
    let rest = &item[m.end()..];
    // "<@U1> perdón, te lo paso hoy, lo tengo casi listo": a promise,
    // and "almost" is not yet.
    // "<@U1> I can send you the contact who fixed it": a relative clause
    // tells of someone, it brings no news.
    static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:who|that|which|qui|que|quien|quem|der|die|das)\s+(?:\w+\s+)?$")
            .unwrap()
    });
    DONE.find(rest)
        .is_some_and(|d| {
            let before = &rest[..d.start()];
            !NOT_YET.is_match(before)
                && !PROMISE.is_match(before)
                && !NOT_YET.is_match(d.as_str())
                && !RELATIVE.is_match(before)
                && !promised(&rest[d.start()..])
        })
        .then(|| mentions(m.as_str()))
}

/// The clause of a reply's news is a promise: "aprovo os termos até o
/// fim do dia, prometo", "ich gebe es heute bis 12 frei", "je valide
/// cet après-midi". A present tense with a time to come is still to do.
fn promised(from_news: &str) -> bool {
    let clause = from_news
        .split([',', ';', '.', '!', '?'])
        .next()
        .unwrap_or("");
    let sentence = from_news.split(['.', '!', '?']).next().unwrap_or("");
    static PROMISE_WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:promise|versprochen|verspreche|promets|prometo)\b").unwrap()
    });
    // "pode seguir com a migração hoje à noite", "go ahead, deploy it
    // tonight": a go-ahead hands the work back; the time is the asker's.
    static GO_AHEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:go\s+ahead|pode\s+seguir|podes\s+seguir|puedes\s+seguir|adelante|vas-y|allez-y|leg\s+los|mach\s+weiter)\b").unwrap()
    });
    if GO_AHEAD.is_match(clause) {
        return PROMISE_WORD.is_match(sentence);
    }
    // "aprovo a janela de amanhã", "approved the window for tomorrow": a
    // day that names the thing approved says nothing of when the news comes.
    static DAY_OF_THING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:of|for|de|del|do|da|du|pour|para|für|vom|von)\s+(?:tomorrow|today|tonight|amanhã|hoje|demain|aujourd['’]hui|mañana|hoy|morgen|heute)\b").unwrap()
    });
    PROMISE.is_match(&DAY_OF_THING.replace_all(clause, "")) || PROMISE_WORD.is_match(sentence)
}

/// Two or three sentences from the counts and the most important items;
/// also used by the LLM engine after merging chunk summaries.
pub(crate) fn highlights(s: &Summary, input: &SummaryInput) -> String {
    let people: HashSet<&str> = input
        .entries
        .iter()
        .filter(|e| e.answers.iter().any(|a| !is_noise(a)))
        .map(|e| e.user.as_str())
        .collect();
    let mut out = Vec::new();
    match input.kind {
        InputKind::Standup if people.is_empty() => out.push("No answers yet.".to_string()),
        InputKind::Standup => out.push(format!(
            "{} answered: {} done and {} planned.",
            plural(people.len(), "person", "people"),
            plural(s.done.len(), "item", "items"),
            s.planned.len()
        )),
        _ => {
            let messages = input
                .entries
                .iter()
                .filter(|e| e.answers.iter().any(|a| !is_noise(a)));
            out.push(format!(
                "{} from {}.",
                plural(messages.count(), "message", "messages"),
                plural(people.len(), "person", "people")
            ));
            if let Some(d) = s.decisions.first() {
                out.push(format!(
                    "{}, first: “{}”.",
                    plural(s.decisions.len(), "decision", "decisions"),
                    clip(&d.text, 80)
                ));
            } else if let Some(t) = s.topics.first() {
                out.push(format!("Main topic: “{}”.", clip(&t.text, 80)));
            }
        }
    }
    out.push(blockers_sentence(s));
    if let Some(a) = actions_sentence(s) {
        out.push(a);
    }
    if !s.open_questions.is_empty() {
        out.push(format!(
            "{} still open.",
            plural(s.open_questions.len(), "question", "questions")
        ));
    }
    out.truncate(3);
    out.join(" ")
}

fn blockers_sentence(s: &Summary) -> String {
    if s.blockers.is_empty() {
        return "No blockers reported.".to_string();
    }
    let named: Vec<String> = s
        .blockers
        .iter()
        .take(2)
        .map(|b| match &b.blocked_by {
            Some(by) => format!("<@{}> (blocked by <@{}>)", b.user, by),
            None => format!("<@{}> ({})", b.user, clip(&b.text, 60)),
        })
        .collect();
    let more = s.blockers.len().saturating_sub(named.len());
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!(
        "{}: {}{}.",
        plural(s.blockers.len(), "blocker", "blockers"),
        named.join(", "),
        tail
    )
}

fn actions_sentence(s: &Summary) -> Option<String> {
    let first = s.action_items.first()?;
    let soonest = s
        .action_items
        .iter()
        .filter(|a| a.due.is_some())
        .min_by(|a, b| a.due.cmp(&b.due));
    let lead = plural(s.action_items.len(), "action item", "action items");
    Some(match soonest {
        Some(a) => format!(
            "{lead}; next due {} (<@{}>: {}).",
            a.due.as_deref().unwrap_or_default(),
            a.owner,
            clip(&a.text, 60)
        ),
        None => format!(
            "{lead}, e.g. <@{}>: {}.",
            first.owner,
            clip(&first.text, 60)
        ),
    })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod reader_tests {
    use super::*;

    fn standup_of(questions: &[&str], entries: &[(&str, &[&str])]) -> Summary {
        summarize(&tests::standup_with(questions, "2026-11-25", entries))
    }

    const QUESTIONS: [&str; 3] = [
        "What did you do?",
        "What will you do today?",
        "Anything blocking you?",
    ];

    /// Only a whole "me"/"my" is the asker: in a brand or a domain
    /// ("Pagar.me", "about.me", "@me") it stays as written.
    #[test]
    fn the_asker_replaces_only_a_whole_first_person_word() {
        assert_eq!(
            owners_view("review my PR for Pagar.me and send me notes", "U1"),
            "review <@U1>'s PR for Pagar.me and send <@U1> notes"
        );
        assert_eq!(
            owners_view("see about.me/x and me.com", "U1"),
            "see about.me/x and me.com"
        );
        assert_eq!(owners_view("ping @me or /me", "U1"), "ping @me or /me");
        assert_eq!(owners_view("My draft", "U1"), "<@U1>'s draft");
    }

    fn blocked(s: &Summary) -> Vec<&str> {
        s.blockers.iter().map(|b| b.user.as_str()).collect()
    }

    /// The blocked person's later news about the thing they waited for
    /// ends the blocker, in every language; news of another thing, or a
    /// wait still denied or put as a condition, does not.
    #[test]
    fn later_news_about_the_awaited_thing_ends_the_blocker() {
        for (blocker, news) in [
            (
                "waiting for the Kowalski invoice from the supplier, can't book the quarter without it",
                "update: the Kowalski invoice arrived a minute ago, booking now",
            ),
            (
                "je ne peux pas poser les panneaux, la nacelle n'est toujours pas livrée",
                "la nacelle est arrivée, on commence",
            ),
            (
                "sigo sin el certificado de Aenor, no puedo cerrar la auditoría",
                "me llegó el certificado de Aenor, ya cierro",
            ),
            (
                "estou parado: falta a aprovação do Procurement para o contrato Vértice",
                "o contrato Vértice foi aprovado agora",
            ),
            (
                "ich warte auf die Freigabe vom Betriebsrat, ohne die kann ich nichts planen",
                "der Betriebsrat hat eben zugestimmt und die Freigabe ist da",
            ),
        ] {
            let s = standup_of(&QUESTIONS, &[("U1", &["ok", "more", blocker, news])]);
            assert!(blocked(&s).is_empty(), "{news}");
        }
        for news in [
            "the Kowalski invoice still hasn't arrived",
            "once the Kowalski invoice arrives I book it",
            "the printer toner arrived, at least",
            "I sent the supplier another reminder about the Kowalski invoice",
        ] {
            let blocker =
                "waiting for the Kowalski invoice from the supplier, can't book the quarter without it";
            let s = standup_of(&QUESTIONS, &[("U1", &["ok", "more", blocker, news])]);
            assert!(blocked(&s).contains(&"U1"), "{news}");
        }
    }

    /// A request that turns to a teammate with a day for it is their task:
    /// the asker is not blocked today. The same need with no day, said as
    /// a wait, still is.
    #[test]
    fn a_request_with_a_day_is_a_task_not_a_blocker() {
        for ask in [
            "<@U2> I need the signed quote from you by Thursday, otherwise I can't order",
            "<@U2> j'ai besoin du planning d'ici vendredi, sinon je ne peux pas réserver",
            "<@U2> necesito que me mandes el inventario antes del viernes, si no no puedo cerrar",
            "<@U2> preciso que me envies a escala até sexta, senão não consigo fechar",
            "<@U2> bitte schick mir die Zahlen bis Freitag, sonst kann ich nicht abrechnen",
        ] {
            let s = standup_of(&QUESTIONS, &[("U1", &["ok", "more", ask])]);
            assert!(!blocked(&s).contains(&"U1"), "{ask}");
        }
        // Due today, and the asker cannot go on before it: blocked now.
        let ask = "<@U2> please review my PR today, I can't deploy until it's merged";
        let s = standup_of(&QUESTIONS, &[("U1", &["ok", "more", ask])]);
        assert_eq!(blocked(&s), ["U1"]);
        let s = standup_of(
            &QUESTIONS,
            &[(
                "U1",
                &[
                    "ok",
                    "more",
                    "waiting on <@U2> for the signed quote, can't order without it",
                ],
            )],
        );
        assert_eq!(blocked(&s), ["U1"]);
    }

    /// The person waited on tells the blocked one that the thing is
    /// there: the wait is over. When the blocker waits on more than that
    /// one thing, it is not.
    #[test]
    fn news_from_the_one_waited_on_about_the_same_thing_ends_the_wait() {
        let s = standup_of(
            &QUESTIONS,
            &[
                (
                    "U1",
                    &[
                        "ok",
                        "more",
                        "I need the 4.2 build on the demo tablets from <@U2>",
                    ],
                ),
                (
                    "U2",
                    &["x", "y", "none", "<@U1> 4.2 is on the demo tablets"],
                ),
            ],
        );
        assert!(blocked(&s).is_empty());
        let s = standup_of(
            &QUESTIONS,
            &[
                (
                    "U1",
                    &["ok", "more", "I need the 4.2 build on the demo tablets from <@U2> and also the promo code from finance"],
                ),
                ("U2", &["x", "y", "none", "<@U1> 4.2 is on the demo tablets"]),
            ],
        );
        assert!(blocked(&s).contains(&"U1"));
    }

    /// Whether U1, blocked as said in `blocker`, is still blocked after U2
    /// answers `reply` and U1 then writes `thanks`.
    fn u1_blocked_after(blocker: &str, thanks: &str, reply: &str) -> bool {
        let s = standup_of(
            &QUESTIONS,
            &[
                ("U1", &["ok", "more", blocker, thanks]),
                ("U2", &["x", "y", "none", reply]),
            ],
        );
        blocked(&s).contains(&"U1")
    }

    /// The one waited on tells the blocked person the thing is done and
    /// then asks a third teammate for something by a day; the blocked
    /// person thanks them. The ask to the other does not make the news a
    /// promise: the wait is over.
    #[test]
    fn news_then_an_ask_to_someone_else_still_ends_the_wait() {
        for (blocker, thanks, reply) in [
            (
                "can't order the scaffolding until <@U2> signs the purchase form",
                "thanks <@U2>, picked it up",
                "<@U1> signed, it's on your chair. <@U3> can you update the rota by Friday?",
            ),
            (
                "ich kann das Gerüst erst bestellen, wenn <@U2> das Formular unterschreibt",
                "danke <@U2>, hab es geholt",
                "<@U1> unterschrieben, liegt auf deinem Stuhl. <@U3> kannst du bis Freitag den Plan machen?",
            ),
            (
                "je ne peux pas commander l'échafaudage tant que <@U2> ne signe pas le bon",
                "merci <@U2>, récupéré",
                "<@U1> signé, il est sur ta chaise. <@U3> tu peux faire le planning d'ici vendredi ?",
            ),
            (
                "no puedo pedir el andamio hasta que <@U2> me firme la orden",
                "gracias <@U2>, recogida",
                "<@U1> firmada, te la dejé en tu silla. <@U3> ¿puedes hacer el turno para el viernes?",
            ),
            (
                "não consigo pedir o andaime até a <@U2> assinar o pedido",
                "valeu <@U2>, peguei",
                "<@U1> assinado, deixei na tua mesa. <@U3> consegues fazer a escala até sexta?",
            ),
        ] {
            assert!(!u1_blocked_after(blocker, thanks, reply), "{reply}");
        }
    }

    /// The part said to the blocked person names a day to come: it is a
    /// promise, and their thanks does not end the wait.
    #[test]
    fn a_reply_that_names_a_day_to_come_keeps_the_wait() {
        for (blocker, thanks, reply) in [
            (
                "can't flash the boards, the compiler licence expired, asked purchasing",
                "thanks <@U2>",
                "<@U1> talked to purchasing, the licence comes on Tuesday. <@U3> can you file the bugs?",
            ),
            (
                "ich kann nicht flashen, die Compiler-Lizenz ist abgelaufen",
                "danke <@U2>",
                "<@U1> mit dem Einkauf gesprochen, die Lizenz kommt am Dienstag. <@U3> kannst du die Bugs anlegen?",
            ),
            (
                "je ne peux pas flasher, la licence du compilateur a expiré",
                "merci <@U2>",
                "<@U1> vu avec les achats, la licence arrive mardi. <@U3> tu peux créer les tickets ?",
            ),
            (
                "no puedo flashear, la licencia del compilador venció",
                "gracias <@U2>",
                "<@U1> hablé con compras, la licencia sale el martes. <@U3> ¿puedes cargar los bugs?",
            ),
            (
                "não consigo gravar as placas, a licença do compilador expirou",
                "valeu <@U2>",
                "<@U1> falei com compras, a licença sai na terça. <@U3> consegues abrir os bugs?",
            ),
        ] {
            assert!(u1_blocked_after(blocker, thanks, reply), "{reply}");
        }
    }

    #[test]
    fn a_go_ahead_with_a_time_for_the_asker_ends_the_wait() {
        for (reply, language) in [
            ("<@U1> approved, go ahead and run it tonight", "en"),
            (
                "<@U1> aprovei agora, pode seguir com o deploy hoje à noite",
                "pt",
            ),
            ("<@U1> aprobé el cambio, puedes seguir esta tarde", "es"),
            (
                "<@U1> desculpa, vi agora. aprovo a janela de amanhã às 6h, pode seguir",
                "pt",
            ),
            (
                "<@U1> sorry, saw it now. Approved the window for tomorrow 6am",
                "en",
            ),
        ] {
            let s = standup_of(
                &QUESTIONS,
                &[
                    (
                        "U1",
                        &["Y: a\nT: b\nB: waiting for <@U2> to approve the change before I can deploy"],
                    ),
                    ("U2", &[reply]),
                ],
            );
            assert!(blocked(&s).is_empty(), "{language}: {:?}", s.blockers);
        }
    }

    #[test]
    fn an_approval_promised_for_later_keeps_the_wait() {
        let s = standup_of(
            &QUESTIONS,
            &[
                (
                    "U1",
                    &["Y: a\nT: b\nB: waiting for <@U2> to approve the change before I can deploy"],
                ),
                ("U2", &["<@U1> aprovo os termos até o fim do dia, prometo"]),
            ],
        );
        assert_eq!(blocked(&s), ["U1"], "{:?}", s.blockers);
    }

    #[test]
    fn help_from_someone_the_blocked_person_turned_to_clears_the_blocker() {
        let s = standup_of(
            &QUESTIONS,
            &[
                (
                    "U1",
                    &["Y: a\nT: b\nB: I can't sign the build, the key expired. <@U2> is that you or <@U3>?", "works now, thanks!"],
                ),
                ("U3", &["done, the new key is in the vault"]),
            ],
        );
        assert!(blocked(&s).is_empty(), "{:?}", s.blockers);
    }

    #[test]
    fn a_reply_that_tells_of_who_fixed_it_once_brings_no_news() {
        let s = standup_of(
            &QUESTIONS,
            &[
                (
                    "U1",
                    &["Y: a\nT: b\nB: the import can't run until the vendor sends a new token"],
                ),
                (
                    "U2",
                    &["<@U1> same thing in May, I can send you the person who fixed it"],
                ),
            ],
        );
        assert_eq!(blocked(&s), ["U1"]);
    }

    #[test]
    fn being_free_again_is_an_unblock_note() {
        for note in [
            "super, merge gerade, damit bin ich frei",
            "merged, so I'm free now",
            "já está! a VPN voltou",
        ] {
            let s = standup_of(
                &QUESTIONS,
                &[(
                    "U1",
                    &["Y: a\nT: b\nB: waiting for <@U2> to approve my PR", note],
                )],
            );
            assert!(blocked(&s).is_empty(), "{note}");
        }
    }
}
