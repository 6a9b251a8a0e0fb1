# camwalk server image: Debian's Python and SpatiaLite, the PWA built with Node, a non-root user.
# The system packages come from the same script `make run` uses (scripts/install-system.sh).

FROM node:20-bookworm-slim AS pwa
WORKDIR /src/pwa
COPY pwa/package.json pwa/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY pwa/ ./
RUN npm run build

FROM debian:bookworm-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    CAMWALK_INSTANCE_PATH=/var/lib/camwalk PORT=8000
# Only what the image needs beyond `make run`'s packages: curl for the HEALTHCHECK. Python
# itself comes with python3-venv, from the install script below.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY scripts/ scripts/
# Node is only needed to build the PWA, done in the stage above; skip it here.
RUN ln -s /bin/true /usr/local/bin/node && ln -s /bin/true /usr/local/bin/npm \
    && scripts/install-system.sh run && rm -rf /var/lib/apt/lists/* \
    && rm /usr/local/bin/node /usr/local/bin/npm
COPY setup.cfg pyproject.toml README.md ./
COPY server/ server/
COPY sync/ sync/
COPY migrations/ migrations/
RUN python3 -m venv .venv && .venv/bin/pip install --no-cache-dir -q -e .
COPY --from=pwa /src/pwa/dist pwa/dist
RUN useradd --system --home /var/lib/camwalk camwalk && mkdir -p /var/lib/camwalk \
    && chown camwalk /var/lib/camwalk
USER camwalk
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsS http://127.0.0.1:${PORT}/api/v1/health || exit 1
# gunicorn (not Flask's development server), on $PORT; exec form so that it gets SIGTERM.
CMD [".venv/bin/camwalk", "serve", "--migrate", "--host", "0.0.0.0"]
