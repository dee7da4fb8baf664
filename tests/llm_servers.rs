//! The LLM servers scrumbot speaks to, each against the fake OpenAI server:
//! the path each one serves and the credentials each one expects, built
//! from the configuration variables as `serve` builds them.

#[path = "common/fake_openai.rs"]
mod fake_openai;

use std::collections::{HashMap, HashSet};

use fake_openai::{FakeOpenAi, Reply};
use scrumbot::config::Config;
use scrumbot::summarize::{Entry, InputKind, Summarizer, SummaryInput};

const SUMMARY: &str =
    r#"{"done": [], "planned": [], "blockers": [], "action_items": [], "highlights": []}"#;

/// The summarizer `serve` would build with these variables (and a valid Slack set).
fn summarizer(vars: &[(&str, String)]) -> Summarizer {
    let mut map: HashMap<String, String> = HashMap::from([
        ("SLACK_BOT_TOKEN".into(), "xoxb-1".into()),
        ("SLACK_SIGNING_SECRET".into(), "s".into()),
    ]);
    map.extend(vars.iter().map(|(k, v)| (k.to_string(), v.clone())));
    let config = Config::from_lookup(|k| map.get(k).cloned()).expect("valid configuration");
    Summarizer::from_config(config.openai.as_ref())
}

/// Summarizes one answer and says which engine answered.
async fn summarize(summarizer: &Summarizer) -> &'static str {
    let input = SummaryInput {
        kind: InputKind::Thread,
        questions: vec![],
        entries: vec![Entry {
            user: "U1".into(),
            ts: None,
            thread_ts: None,
            answers: vec!["Shipped the login page.".into()],
        }],
        today: "2026-11-30".into(),
    };
    let allowed = HashSet::from(["U1".to_string()]);
    let outcome = summarizer.summarize_with_outcome(&input, &allowed).await;
    assert_eq!(outcome.fallback_reason, None);
    outcome.engine
}

#[tokio::test]
async fn openai_gets_its_key_as_a_bearer_token() {
    let fake = FakeOpenAi::start().await;
    fake.otherwise(Reply::content(SUMMARY));
    let s = summarizer(&[
        ("OPENAI_API_KEY", "sk-test-key".into()),
        ("OPENAI_BASE_URL", fake.base_url.clone()),
    ]);
    assert_eq!(summarize(&s).await, "llm");
    let request = &fake.requests()[0];
    assert_eq!(request.path, "/v1/chat/completions");
    assert_eq!(request.authorization.as_deref(), Some("Bearer sk-test-key"));
    assert_eq!(request.api_key, None);
}

#[tokio::test]
async fn ollama_or_vllm_need_no_key_and_get_no_authorization_header() {
    let fake = FakeOpenAi::start().await;
    fake.otherwise(Reply::content(SUMMARY));
    let s = summarizer(&[
        ("OPENAI_BASE_URL", fake.base_url.clone()),
        ("OPENAI_MODEL", "llama3.1".into()),
    ]);
    assert_eq!(summarize(&s).await, "llm");
    let request = &fake.requests()[0];
    assert_eq!(request.path, "/v1/chat/completions");
    assert_eq!(request.authorization, None, "no key, no credentials sent");
    assert_eq!(request.body["model"], "llama3.1");
}

#[tokio::test]
async fn azure_gets_its_deployment_in_the_path_its_version_in_the_query_and_an_api_key_header() {
    let fake = FakeOpenAi::start().await;
    fake.otherwise(Reply::content(SUMMARY));
    let s = summarizer(&[
        ("AZURE_OPENAI_ENDPOINT", fake.endpoint.clone()),
        ("AZURE_OPENAI_API_KEY", "azure-test-key".into()),
        ("AZURE_OPENAI_DEPLOYMENT", "standups".into()),
        ("AZURE_OPENAI_API_VERSION", "2024-10-21".into()),
    ]);
    assert_eq!(summarize(&s).await, "llm");
    let request = &fake.requests()[0];
    assert_eq!(
        request.path,
        "/openai/deployments/standups/chat/completions"
    );
    assert_eq!(request.query.as_deref(), Some("api-version=2024-10-21"));
    assert_eq!(request.api_key.as_deref(), Some("azure-test-key"));
    assert_eq!(request.authorization, None, "Azure keys go in api-key only");
}
