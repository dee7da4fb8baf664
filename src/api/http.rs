//! `/api/v1`: the query layer as JSON over HTTP, with its OpenAPI document
//! at `/api/v1/openapi.json` generated from the handlers below.
//!
//! Status codes: 400 bad input, 401 missing/unknown/revoked token, 403 a
//! read-only token changing something or a user who may not, 404 nothing
//! of that id *in the token's workspace* — another workspace's item is a
//! 404, not a 403, so that a token cannot learn which ids exist elsewhere.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::Serialize;
use utoipa::OpenApi;

use super::queries::{
    self, ActionItemView, ActionItemsInput, AnswerView, BlockerView, BlockersInput, Listing,
    PageInput, StandupView, SummaryBlocker, SummaryInput, SummaryLine, SummaryView,
};
use super::{ApiError, Scope};
use crate::context::Context;

/// The error body: one sentence.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadInput(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let body = Json(ErrorBody {
            error: self.to_string(),
        });
        if status == StatusCode::UNAUTHORIZED {
            return (status, [(header::WWW_AUTHENTICATE, "Bearer")], body).into_response();
        }
        (status, body).into_response()
    }
}

type ApiResult<T> = Result<Json<T>, ApiError>;

#[derive(OpenApi)]
#[openapi(
    info(title = "scrumbot API", description = "A workspace's standups, summaries, blockers and action items. Every request carries `Authorization: Bearer <token>` (see `scrumbot token create`). Lists are paginated by `limit` and `offset`; `next_offset` is absent on the last page."),
    paths(standups, summaries, blockers, action_items, action_item_done),
    components(schemas(ErrorBody, StandupView, SummaryView, SummaryLine, SummaryBlocker, BlockerView, ActionItemView, AnswerView)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        openapi.security = Some(vec![utoipa::openapi::security::SecurityRequirement::new(
            "bearer",
            Vec::<String>::new(),
        )]);
    }
}

/// The OpenAPI document of `/api/v1`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The routes behind the token check, and the document (public: it holds no data).
pub fn router(ctx: Arc<Context>) -> Router<Arc<Context>> {
    let api = Router::new()
        .route("/api/v1/standups", get(standups))
        .route("/api/v1/summaries", get(summaries))
        .route("/api/v1/blockers", get(blockers))
        .route("/api/v1/action-items", get(action_items))
        .route("/api/v1/action-items/{id}/done", post(action_item_done))
        .route_layer(axum::middleware::from_fn_with_state(
            ctx,
            super::auth::require_token,
        ));
    api.route("/api/v1/openapi.json", get(|| async { Json(openapi()) }))
}

/// The workspace's standups.
#[utoipa::path(get, path = "/api/v1/standups", params(PageInput),
    responses((status = 200, body = Listing<StandupView>), (status = 401, body = ErrorBody)))]
async fn standups(
    State(ctx): State<Arc<Context>>,
    Extension(scope): Extension<Scope>,
    Query(page): Query<PageInput>,
) -> ApiResult<Listing<StandupView>> {
    queries::list_standups(&ctx, &scope, &page).await.map(Json)
}

/// The summary of a channel's standup on a day (the newest without `date`).
#[utoipa::path(get, path = "/api/v1/summaries", params(SummaryInput),
    responses((status = 200, body = SummaryView), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn summaries(
    State(ctx): State<Arc<Context>>,
    Extension(scope): Extension<Scope>,
    Query(input): Query<SummaryInput>,
) -> ApiResult<SummaryView> {
    queries::get_summary(&ctx, &scope, &input).await.map(Json)
}

/// Blockers, open ones only unless `include_resolved`.
#[utoipa::path(get, path = "/api/v1/blockers", params(BlockersInput),
    responses((status = 200, body = Listing<BlockerView>), (status = 401, body = ErrorBody)))]
async fn blockers(
    State(ctx): State<Arc<Context>>,
    Extension(scope): Extension<Scope>,
    Query(input): Query<BlockersInput>,
) -> ApiResult<Listing<BlockerView>> {
    queries::list_blockers(&ctx, &scope, &input).await.map(Json)
}

/// Action items by owner, status and due date.
#[utoipa::path(get, path = "/api/v1/action-items", params(ActionItemsInput),
    responses((status = 200, body = Listing<ActionItemView>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn action_items(
    State(ctx): State<Arc<Context>>,
    Extension(scope): Extension<Scope>,
    Query(input): Query<ActionItemsInput>,
) -> ApiResult<Listing<ActionItemView>> {
    queries::list_action_items(&ctx, &scope, &input)
        .await
        .map(Json)
}

/// Marks an item done as the token's user, as its Done button in Slack does.
#[utoipa::path(post, path = "/api/v1/action-items/{id}/done",
    params(("id" = i64, Path, description = "The action item's id")),
    responses((status = 200, body = ActionItemView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn action_item_done(
    State(ctx): State<Arc<Context>>,
    Extension(scope): Extension<Scope>,
    Path(id): Path<i64>,
) -> ApiResult<ActionItemView> {
    queries::mark_action_item_done(&ctx, &scope, id)
        .await
        .map(Json)
}

#[cfg(test)]
mod tests {
    use super::openapi;

    #[test]
    fn the_openapi_document_has_every_route_with_its_parameters_and_bearer_auth() {
        let doc = serde_json::to_value(openapi()).unwrap();
        let paths = &doc["paths"];
        for (path, method) in [
            ("/api/v1/standups", "get"),
            ("/api/v1/summaries", "get"),
            ("/api/v1/blockers", "get"),
            ("/api/v1/action-items", "get"),
            ("/api/v1/action-items/{id}/done", "post"),
        ] {
            assert!(paths[path][method].is_object(), "{method} {path}");
        }
        let params: Vec<&str> = paths["/api/v1/action-items"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(params, ["owner", "status", "due_before", "limit", "offset"]);
        assert_eq!(
            doc["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
        // Every schema a response names is in the document (generic lists included).
        let text = doc.to_string();
        for name in text.split("#/components/schemas/").skip(1) {
            let name = name.split('"').next().unwrap();
            assert!(doc["components"]["schemas"][name].is_object(), "{name}");
        }
    }
}
