# syntax=docker/dockerfile:1
#
# scrumbot in a container: a Rust build stage, then a small Debian runtime
# with only what the binary needs at run time (TLS roots, IANA time zones,
# curl for the health check), running as an unprivileged user.
#
#   docker build -t scrumbot .
#   docker run --rm -p 3000:3000 --env-file .env -v scrumbot-data:/data scrumbot
#
# deploy/smoke-test.sh builds this image, starts it on SQLite against a
# stand-in Slack and checks /healthz.

ARG RUST_VERSION=1.95
ARG DEBIAN_RELEASE=bookworm

FROM rust:${RUST_VERSION}-slim-${DEBIAN_RELEASE} AS build
WORKDIR /src
# No -dev packages needed: TLS is rustls (ring) and SQLite is bundled by
# sqlx; the image's gcc compiles both.
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY migrations ./migrations
# The release profile keeps line tables for local profiling (a ~140 MB
# binary); the image drops them and the symbols (~26 MB). The cache mounts keep
# the registry and compiled dependencies between builds; the binary is
# copied out of the cached target/ in the same step.
ENV CARGO_PROFILE_RELEASE_DEBUG=0 \
    CARGO_PROFILE_RELEASE_STRIP=symbols
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin scrumbot \
    && install -m 0755 target/release/scrumbot /usr/local/bin/scrumbot

FROM debian:${DEBIAN_RELEASE}-slim AS runtime
# ca-certificates: Slack, OpenAI, GitHub and Jira over TLS; tzdata: standup
# schedules are in IANA time zones (jiff reads /usr/share/zoneinfo); curl:
# the HEALTHCHECK below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata curl \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 scrumbot \
    && useradd --system --uid 10001 --gid scrumbot --home-dir /data --shell /usr/sbin/nologin scrumbot \
    && install -d -o scrumbot -g scrumbot -m 0750 /data
COPY --from=build /usr/local/bin/scrumbot /usr/local/bin/scrumbot

# The SQLite file lives on the volume; with PostgreSQL (DATABASE_URL=postgres://…)
# the volume stays empty. A named volume takes the directory's owner from the
# image; a bind-mounted directory must be writable by uid 10001.
# JSON logs for log collectors.
ENV DATABASE_URL="sqlite:///data/scrumbot.db?mode=rwc" \
    SCRUMBOT_LISTEN="0.0.0.0:3000" \
    SCRUMBOT_LOG_FORMAT=json \
    RUST_LOG=info
WORKDIR /data
VOLUME ["/data"]
USER scrumbot:scrumbot
EXPOSE 3000

# /healthz answers 200 while the database answers. The port is read from
# SCRUMBOT_LISTEN so that a changed listen address keeps the check right.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${SCRUMBOT_LISTEN##*:}/healthz" > /dev/null || exit 1

# `docker stop` sends SIGTERM: the bot stops listening and exits; a request
# already acknowledged but not yet handled is in the durable inbox and is
# replayed at the next start.
ENTRYPOINT ["/usr/local/bin/scrumbot"]
CMD ["serve"]
