# syntax=docker/dockerfile:1
# Shipshape container image: Next's standalone output behind Shipshape's HTTP server, non-root, with a health check.
# The image also holds the production dependencies and the CLI, so migrations run on start and
# `docker compose exec app npm run cli -- user create …` works.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
# Several replicas, or images built separately for each environment, must agree on the build id and
# on the server-action key (both are baked into the build):
#   docker build --build-arg SHIPSHAPE_BUILD_ID=$(git rev-parse HEAD) \
#     --secret id=server_actions_key,env=NEXT_SERVER_ACTIONS_ENCRYPTION_KEY .
ARG SHIPSHAPE_BUILD_ID=""
RUN --mount=type=secret,id=server_actions_key \
    if [ -f /run/secrets/server_actions_key ]; then export NEXT_SERVER_ACTIONS_ENCRYPTION_KEY="$(cat /run/secrets/server_actions_key)"; fi; \
    SHIPSHAPE_BUILD_ID="$SHIPSHAPE_BUILD_ID" node node_modules/next/dist/bin/next build && rm -rf .next/cache

FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim AS runner
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
RUN groupadd --system --gid 1001 shipshape && useradd --system --uid 1001 --gid shipshape --no-create-home shipshape
COPY --from=prod-deps --chown=shipshape:shipshape /app ./
COPY --chown=shipshape:shipshape lib ./lib
COPY --chown=shipshape:shipshape tsconfig.json ./
# The full build stays for the CLI (`npm run cli -- report` renders pages with it).
COPY --from=build --chown=shipshape:shipshape /app/.next ./.next
COPY --from=build --chown=shipshape:shipshape /app/public ./public
COPY --chown=shipshape:shipshape next.config.js ./
# The web server: Next's standalone output (the server and only the files it traces) with its static
# assets, the migrations /api/ready compares with, and Shipshape's front server as server.mjs.
# tests/e2e/container.spec.ts assembles and starts exactly these COPY lines without Docker.
COPY --from=build --chown=shipshape:shipshape /app/.next/static ./.next/standalone/.next/static
COPY --from=build --chown=shipshape:shipshape /app/public ./.next/standalone/public
COPY --chown=shipshape:shipshape prisma/migrations ./.next/standalone/prisma/migrations
COPY --chown=shipshape:shipshape lib/core/runtime/http-server.mjs ./.next/standalone/server.mjs
COPY --chown=shipshape:shipshape docker-entrypoint.sh ./
# `npm run cli -- report` prints the leadership report to PDF with Chromium; build with
# --build-arg WITH_CHROMIUM=1 to include it (about 300 MB).
ARG WITH_CHROMIUM=0
RUN if [ "$WITH_CHROMIUM" = "1" ]; then apt-get update && apt-get install -y --no-install-recommends chromium && rm -rf /var/lib/apt/lists/*; fi
USER shipshape
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://localhost:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
ENTRYPOINT ["./docker-entrypoint.sh"]
