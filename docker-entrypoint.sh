#!/bin/sh
# Apply pending migrations (directly, not through PgBouncer, when DIRECT_DATABASE_URL is set), then
# serve. SHIPSHAPE_MIGRATE_ON_START=0 skips the migration step: on Kubernetes a Job runs it once per
# release (deploy/kubernetes/base/migrate-job.yaml). Seeds nothing: run `npm run cli -- seed demo`
# for demo data.
set -e
if [ "${SHIPSHAPE_MIGRATE_ON_START:-1}" != "0" ]; then
  node node_modules/prisma/build/index.js migrate deploy
fi
exec node lib/core/runtime/http-server.mjs --port "${PORT:-3000}" --host "${HOST:-0.0.0.0}"
