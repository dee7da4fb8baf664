//! The digest's rules, each on a short day written for it.

use super::*;
use crate::summarize::offline::summarize;

/// 2026-11-25 is a Wednesday.
const TODAY: &str = "2026-11-25";

/// A day of messages: author, the index of the message it replies to in
/// a thread (if any), text.
fn day(messages: &[(&str, Option<usize>, &str)]) -> Summary {
    let ts = |i: usize| format!("1764000000.{i:06}");
    let input = SummaryInput {
        kind: InputKind::Digest,
        questions: vec![],
        entries: messages
            .iter()
            .enumerate()
            .map(|(i, (user, parent, text))| Entry {
                user: user.to_string(),
                ts: Some(ts(i)),
                thread_ts: parent.map(ts),
                answers: vec![text.to_string()],
            })
            .collect(),
        today: TODAY.to_string(),
    };
    summarize(&input)
}

fn decided_by<'s>(s: &'s Summary, user: &str, word: &str) -> Option<&'s Item> {
    s.decisions
        .iter()
        .find(|d| d.user == user && d.text.contains(word))
}

#[test]
fn a_proposal_after_a_choice_is_said_with_the_choice() {
    let de = day(&[
        ("U1", None, "Zum Release 2.0: machen wir den Rollout mit 5 % oder gleich 25 %? Ich würde 5 % vorschlagen und einen Tag warten."),
        ("U2", Some(0), "+1, machen wir so"),
    ]);
    assert!(
        decided_by(&de, "U1", "Rollout").is_some(),
        "{:?}",
        de.decisions
    );
    let en = day(&[
        ("U1", None, "For the beta: do we invite 20 customers or 50? I'd invite 20 first and watch the support queue."),
        ("U2", Some(0), "+1, let's do that"),
    ]);
    assert!(
        decided_by(&en, "U1", "customers").is_some(),
        "{:?}",
        en.decisions
    );
}

#[test]
fn a_shortened_word_does_not_end_the_sentence() {
    assert_eq!(
        whole_sentences(
            "Für den Report: nehmen wir Umsatz inkl. Steuern oder ohne? Ich wäre für ohne."
        )
        .len(),
        2
    );
    assert_eq!(
        whole_sentences("Do we count revenue incl. tax or not?").len(),
        1
    );
    assert!(
        explicit_decision("Für den Report: nehmen wir Umsatz inkl. Steuern oder ohne?").is_none()
    );
    // A version number ends a decision; the request after it is apart.
    let d = explicit_decision("ok, decided: we ship 5.8.1. <@U2> can you prep it?").unwrap();
    assert!(d.contains("5.8.1"), "{d}");
}

#[test]
fn a_reply_that_shares_the_view_agrees() {
    for yes in [
        "ohne, seh ich genauso",
        "same here",
        "pareil pour moi",
        "opino igual",
        "penso igual",
    ] {
        assert!(SAME_VIEW.is_match(yes), "{yes}");
    }
    let s = day(&[
        ("U1", None, "Für den Export: nehmen wir das Archiv inkl. Anhänge oder ohne? Ich wäre für ohne, die Anhänge sind riesig."),
        ("U2", Some(0), "ohne, seh ich genauso"),
    ]);
    assert!(
        decided_by(&s, "U1", "Archiv").is_some(),
        "{:?}",
        s.decisions
    );
    // The proposer's view is no task of theirs.
    assert!(
        s.action_items.iter().all(|a| a.owner != "U1"),
        "{:?}",
        s.action_items
    );
}

#[test]
fn what_others_decided_is_news_not_a_decision() {
    for news in [
        "Marketing hat entschieden, die Preise ab Mai zu erhöhen",
        "fyi : la banque a décidé de facturer les virements",
        "el banco decidió subir las comisiones",
        "o time de vendas decidiu pausar a campanha",
        "AWS has decided to retire the old instance types",
    ] {
        assert!(gates::others_decided(news), "{news}");
        assert!(explicit_decision(news).is_none(), "{news}");
    }
    for ours in [
        "wir haben beschlossen, die Preise zu halten",
        "on a décidé de garder la version 2",
        "decidimos mantener la versión 2",
        "we have decided to keep version 2",
        "decided: we keep version 2",
    ] {
        assert!(!gates::others_decided(ours), "{ours}");
    }
}

#[test]
fn a_rule_put_as_a_proposal_is_not_yet_decided() {
    for proposal in [
        "Vorschlag: ab sofort gehen alle Hotfixes durch ein Review.",
        "Proposal: from now on every PR needs two reviews.",
        "Proposition : désormais on déploie le mardi.",
        "Propuesta: desde ahora los despliegues son los martes.",
        "Proposta: daqui pra frente o deploy é na terça.",
    ] {
        assert!(explicit_decision(proposal).is_none(), "{proposal}");
    }
    assert!(explicit_decision("Ab sofort gehen alle Hotfixes durch ein Review.").is_some());
}

#[test]
fn a_decision_recalled_from_last_week_is_not_today_s() {
    for old in [
        "Postgres, hatten wir letzte Woche so beschlossen",
        "Postgres, as we had decided in the planning",
        "Postgres, lo habíamos decidido en la planificación",
        "Postgres, tínhamos decidido isso no planejamento",
        "Postgres, decided last week",
    ] {
        assert!(explicit_decision(old).is_none(), "{old}");
    }
}

#[test]
fn a_dated_present_in_german_or_french_is_a_promise() {
    for promise in [
        "Ich schreib heute noch die Anleitung fürs Wiki",
        "dann ruf ich den Kunden gleich zurück",
        "Ich richte die Testumgebung für die Demo ein",
        "je mets le tableau à jour ce soir",
    ] {
        assert!(tasks::dated_present(promise), "{promise}");
    }
    for not in [
        "Ich hab gestern die Zahlen geschickt",
        "Ich komm beim Deploy heute nicht weiter",
        "Ich schaue mir die Logs an",
        "Ich entscheide das jetzt",
        "je pense que demain ça ira",
        "je ne peux pas ce soir",
    ] {
        assert!(!tasks::dated_present(not), "{not}");
    }
    let s = day(&[(
        "U1",
        None,
        "Ich schreib heute noch die Anleitung für den Rollback ins Wiki",
    )]);
    let a = s.action_items.iter().find(|a| a.owner == "U1").unwrap();
    assert_eq!(a.due.as_deref(), Some(TODAY));
}

#[test]
fn a_request_after_a_blocker_names_who_can_end_it() {
    let s = day(&[
        ("U1", None, "Ich komm mit dem Import nicht weiter, mir fehlen die Schreibrechte auf prod. <@U2> kannst du mir die kurz geben?"),
        ("U2", Some(0), "ja, nach dem Standup"),
    ]);
    let b = s.blockers.iter().find(|b| b.user == "U1").unwrap();
    assert_eq!(b.blocked_by.as_deref(), Some("U2"));
    assert!(b.text.contains("kannst du mir"), "{}", b.text);
    let a = s.action_items.iter().find(|a| a.owner == "U2").unwrap();
    assert!(a.text.contains("Schreibrechte"), "{}", a.text);
    let mut b = Blocker {
        user: "U1".into(),
        blocked_by: None,
        text: "I'm stuck on the import: no write access to prod.".into(),
        source_ts: None,
    };
    asks_to_unblock(
        &mut b,
        Some(&"<@U2> could you grant me the role?".to_string()),
    );
    assert_eq!(b.blocked_by.as_deref(), Some("U2"));
}

#[test]
fn the_asker_picking_an_answered_option_decides_for_its_answerer() {
    let de = day(&[
        (
            "U1",
            None,
            "Machen wir für den Ausfall einen Postmortem oder reicht ein Ticket?",
        ),
        ("U2", Some(0), "reicht ein Ticket, war nur kurz"),
        ("U1", Some(0), "ok, dann Ticket. Ich leg es an"),
    ]);
    assert!(
        decided_by(&de, "U2", "Ticket").is_some(),
        "{:?}",
        de.decisions
    );
    let a = de.action_items.iter().find(|a| a.owner == "U1").unwrap();
    assert!(a.text.contains("Ticket"), "{}", a.text);
    let en = day(&[
        ("U1", None, "Full postmortem or just a ticket for the blip?"),
        ("U2", Some(0), "a ticket is enough, it lasted two minutes"),
        ("U1", Some(0), "ok, ticket then"),
    ]);
    assert!(
        decided_by(&en, "U2", "ticket").is_some(),
        "{:?}",
        en.decisions
    );
}

#[test]
fn a_follow_up_with_no_answer_yet_stops_nobody() {
    for chased in [
        "J'ai relancé le fournisseur hier, toujours pas de réponse",
        "I pinged the vendor yesterday, still nothing",
        "Hab beim Hersteller nachgehakt, noch nichts",
        "Le escribí al proveedor ayer, nada todavía",
        "Cobrei o fornecedor ontem, nada ainda",
    ] {
        assert!(gates::stops_nobody(chased), "{chased}");
    }
    assert!(!gates::stops_nobody(
        "I'm blocked on the export, pinged the vendor twice, still nothing"
    ));
}

#[test]
fn a_present_with_a_near_day_or_a_stressed_subject_promises() {
    for promise in [
        "je les exporte cet aprem",
        "bora — migro os dashboards até sexta",
        "vale, lo reviso antes del jueves",
        "listo. yo reservo la sala para el taller",
        "eu atualizo o template do PR",
    ] {
        let said = sentences(promise);
        assert!(said.iter().any(|s| tasks::commits(s)), "{promise}");
    }
    for not in [
        "yo creo que mañana llueve",
        "eu acho que sim",
        "yo no reservo nada",
    ] {
        assert!(!tasks::commits(not), "{not}");
    }
}

#[test]
fn a_task_said_while_agreeing_to_a_decision_carries_it() {
    let s = day(&[
        ("U1", None, "Let's go with a kill switch for the new checkout: ship it dark and ramp to 5% on Monday."),
        ("U2", Some(0), "ok pour moi, je prépare le switch dans Unleash"),
    ]);
    let a = s.action_items.iter().find(|a| a.owner == "U2").unwrap();
    assert!(a.text.contains("Unleash"), "{}", a.text);
}
