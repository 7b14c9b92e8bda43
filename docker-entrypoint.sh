#!/bin/sh
# Apply pending migrations (directly, not through PgBouncer, when DIRECT_DATABASE_URL is set), then
# serve the standalone output. SHIPSHAPE_MIGRATE_ON_START=0 skips the migration step: on Kubernetes
# a Job runs it once per release (deploy/kubernetes/base/migrate-job.yaml). A failed migration stops
# the container here, with Prisma's error, before anything is served. Seeds nothing: run
# `npm run cli -- seed demo` for demo data.
set -e
if [ "${SHIPSHAPE_MIGRATE_ON_START:-1}" != "0" ]; then
  DATABASE_URL="${DIRECT_DATABASE_URL:-$DATABASE_URL}" node node_modules/prisma/build/index.js migrate deploy
fi
cd .next/standalone
# The V8 heap limit (lib/core/runtime/heap.ts): SHIPSHAPE_HEAP_MB, unless NODE_OPTIONS sets one.
case "${NODE_OPTIONS:-}" in
  *--max-old-space-size*) exec node server.mjs --port "${PORT:-3000}" --host "${HOST:-0.0.0.0}" ;;
  *) exec node --max-old-space-size="${SHIPSHAPE_HEAP_MB:-384}" server.mjs --port "${PORT:-3000}" --host "${HOST:-0.0.0.0}" ;;
esac
