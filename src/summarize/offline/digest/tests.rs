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

fn has_question(s: &Summary, word: &str) -> bool {
    s.open_questions.iter().any(|q| q.text.contains(word))
}

fn task_of<'s>(s: &'s Summary, owner: &str) -> Vec<&'s str> {
    s.action_items
        .iter()
        .filter(|a| a.owner == owner)
        .map(|a| a.text.as_str())
        .collect()
}

#[test]
fn small_talk_and_meal_plans_are_no_items() {
    let s = day(&[
        (
            "U1",
            None,
            "how's everyone going? survived the Monday pile-up?",
        ),
        (
            "U2",
            None,
            "¿qué tal el finde? yo sigo sin voz de tanto cantar en el concierto :sweat_smile:",
        ),
        ("U3", None, "¿comemos a las 13:30 en el de ramen?"),
        ("U4", None, "quelqu'un pour un poke à midi ?"),
        ("U5", None, "Mittagessen 12:30 beim Vietnamesen?"),
        ("U6", Some(4), ":+1:"),
        (
            "U1",
            None,
            "why does every flag vendor invent its own YAML dialect, honestly?",
        ),
    ]);
    assert!(s.open_questions.is_empty(), "{:?}", s.open_questions);
    assert!(s.blockers.is_empty(), "{:?}", s.blockers);
    assert!(s.decisions.is_empty(), "{:?}", s.decisions);
}

#[test]
fn asking_someone_else_or_deferring_answers_nothing() {
    let s = day(&[
        (
            "U1",
            None,
            "petite question : le plafond reste à 12 mois ou on le monte à 24 ?",
        ),
        ("U2", None, "<@U1> tu peux vérifier l'annexe 3 ?"),
        (
            "U3",
            None,
            "alguém sabe quem aprova reembolsos acima de 5k?",
        ),
        (
            "U4",
            None,
            "<@U3> pode mandar o relatório de aging até sexta?",
        ),
        (
            "U5",
            None,
            "Wer hält eigentlich den Security-Teil im Onboarding, seit Tim weg ist?",
        ),
        ("U6", Some(4), "hm, müsste man mal das Security-Team fragen"),
        (
            "U7",
            None,
            "a gente decidiu se vai usar Tailwind v4 ou não?",
        ),
        ("U8", Some(6), "ainda não, vamos discutir amanhã na guild"),
        (
            "U1",
            None,
            "Question for eng: will the async export fix actually make next sprint?",
        ),
    ]);
    for word in ["24", "5k", "Tim", "Tailwind", "async export"] {
        assert!(has_question(&s, word), "{word}: {:?}", s.open_questions);
    }
}

#[test]
fn a_question_keeps_its_article_number_and_its_why() {
    let s = day(&[(
        "U1",
        None,
        "Müssen wir das nach GDPR Art. 33 melden? Die Requests waren read-only. Wer hat eigentlich das Topic angelegt? Im Terraform-Repo finde ich es nirgends",
    )]);
    assert!(has_question(&s, "Art. 33"), "{:?}", s.open_questions);
    assert!(has_question(&s, "Terraform"), "{:?}", s.open_questions);
}

#[test]
fn what_agrees_decides_and_what_cheers_or_jokes_does_not() {
    let s = day(&[
        ("U1", None, "Proposal for the flag migration: move evaluation server-side into flagd, kill the client-side SDK in the web app, and give the client one resolved flag map at session start. Drops 400kb from the bundle. Rollout behind... well, a flag :upside_down_face:"),
        ("U2", Some(0), "sounds good, let's do that"),
        ("U3", None, "Vorschlag: wir drosseln die Consumer auf 20 und schalten SES als Fallback zu"),
        ("U4", Some(2), "passt, machen wir so."),
        ("U5", None, "On part sur le taux BCE pour toutes les factures USD ?"),
        ("U6", Some(4), "d'accord"),
        ("U5", Some(4), "Parfait, c'est décidé."),
        ("U1", None, "Proposal: keys live in Redis with a 24h TTL"),
        ("U2", Some(7), "agreed. one more thing: let's go with 409 Conflict when the body differs"),
        ("U3", None, "PR for the Helm chart bump: https://example.com/pull/41 — needs one more approval"),
        ("U1", Some(9), "approved :white_check_mark:"),
        ("U4", None, "als ob jemand je entschieden hätte, dass ein example.env echte Werte braucht"),
    ]);
    let texts: Vec<&str> = s.decisions.iter().map(|d| d.text.as_str()).collect();
    for word in ["flagd", "SES", "BCE", "Redis", "409"] {
        assert!(texts.iter().any(|t| t.contains(word)), "{word}: {texts:?}");
    }
    for word in ["Parfait", "Helm", "example.env"] {
        assert!(!texts.iter().any(|t| t.contains(word)), "{word}: {texts:?}");
    }
}

#[test]
fn a_task_says_what_it_is_about() {
    let s = day(&[
        ("U1", None, "Their CISO just sent a 140-question security questionnaire, due Monday <@U2> could you take the product sections (1–60)?"),
        ("U3", None, "Entscheidung aus dem Review: wir nehmen Karpenter für alle neuen Node Pools. Das Migrations-Ticket schreib ich bis Freitag."),
        ("U4", None, "I still owe feedback for the system design round, sorry!! will put it in Greenhouse by noon"),
        ("U5", None, "Meine Rolle platform-admin ist gestern rausgeflogen. <@U6> kannst du sie mir wieder geben?"),
        ("U8", None, "Propongo que cada persona nueva tenga su buddy desde la semana anterior."),
        ("U7", Some(4), "ok vamos con eso. ¿y quién arma la lista de buddies?"),
        ("U8", Some(4), "la armo yo, la tienen el jueves"),
    ]);
    let all = |o: &str| task_of(&s, o).join(" | ");
    assert!(all("U2").contains("questionnaire"), "{}", all("U2"));
    assert!(all("U3").contains("Karpenter"), "{}", all("U3"));
    assert!(all("U4").contains("feedback"), "{}", all("U4"));
    assert!(all("U6").contains("platform-admin"), "{}", all("U6"));
    assert!(all("U8").contains("buddies"), "{}", all("U8"));
}

#[test]
fn who_owes_the_work_is_who_promised_or_was_asked() {
    let s = day(&[
        ("U1", None, "Kann jemand mit Admin-Rechten die Vault-Policy fixen?"),
        ("U2", Some(0), "<@U1> mach ich, gib mir 5 min"),
        ("U3", None, "are we keeping the old Button variants, or can I delete them from Figma?"),
        ("U4", Some(2), "<@U3> pode apagar, ninguém usa desde o redesign"),
        ("U5", None, "Can someone from eng join a call with them on Friday?"),
        ("U6", Some(4), "puedo yo, el viernes por la mañana mejor"),
        ("U1", None, "who here has done more than 10 interviews this month? asking for my sanity :upside_down_face:"),
        ("U2", Some(6), "yo, 12 :skull:"),
        ("U3", None, "Proposal: revoke the key now and move the pipeline to OIDC"),
        ("U4", Some(8), "agreed, let's do that. <@U5> revoke the key right away please. <@U6> can you own the OIDC migration?"),
        ("U5", Some(8), "revoking now"),
    ]);
    assert!(task_of(&s, "U1").is_empty(), "{:?}", s.action_items);
    assert!(!task_of(&s, "U2").is_empty(), "{:?}", s.action_items);
    assert!(task_of(&s, "U3").is_empty(), "{:?}", s.action_items);
    assert!(
        task_of(&s, "U6").iter().any(|t| t.contains("call")),
        "{:?}",
        s.action_items
    );
    assert!(
        task_of(&s, "U5").iter().any(|t| t.contains("revoke")),
        "{:?}",
        s.action_items
    );
}

#[test]
fn a_role_a_greeting_or_a_preference_is_no_task() {
    let s = day(&[
        ("U1", None, "hello la team :wave:"),
        ("U2", None, "Incident läuft, Speicher bei 97%. Ich bin IC."),
        (
            "U3",
            None,
            "Pour le hero : option A ou option B ? Perso je pousse B, la vidéo fait 8 Mo",
        ),
        ("U4", Some(2), "ok pour B"),
    ]);
    assert!(s.action_items.is_empty(), "{:?}", s.action_items);
}

#[test]
fn a_present_after_an_agreed_decision_is_its_author_s_task() {
    let s = day(&[
        (
            "U1",
            None,
            "Propongo subir nuestra oferta a 78k + 10% bonus. ¿Qué opináis?",
        ),
        ("U2", Some(0), "de acuerdo, vale la pena"),
        (
            "U1",
            Some(0),
            "Genial, decidido. Mando la offer letter revisada hoy",
        ),
        (
            "U3",
            None,
            "Proposal: move flag evaluation server-side into flagd",
        ),
        (
            "U4",
            Some(3),
            "+1. I can do the SSE part for those 3 live flags, I'm in that code anyway",
        ),
    ]);
    assert!(
        task_of(&s, "U1").iter().any(|t| t.contains("offer letter")),
        "{:?}",
        s.action_items
    );
    assert!(
        task_of(&s, "U4").iter().any(|t| t.contains("SSE")),
        "{:?}",
        s.action_items
    );
}

#[test]
fn a_let_s_plan_agreed_to_is_decided_with_how_it_goes_on() {
    let s = day(&[
        ("U1", None, "Kestrel wants SCIM as a contract commitment. <@U2> can we commit to SCIM by end of Q3 in writing?"),
        ("U2", Some(0), "I can't commit in writing without eng sizing."),
        ("U3", Some(0), "Let's not put a date in the contract then. We offer them a roadmap letter instead, no binding date."),
        ("U4", Some(0), "+1, that's what we did for Brightwater"),
    ]);
    assert!(
        decided_by(&s, "U3", "roadmap letter").is_some(),
        "{:?}",
        s.decisions
    );
    assert!(
        !s.decisions.iter().any(|d| d.text.contains("Kestrel wants")),
        "{:?}",
        s.decisions
    );
}
