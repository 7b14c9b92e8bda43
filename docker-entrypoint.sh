#!/bin/sh
# Apply pending migrations, then serve. Seeds nothing: run `npm run cli -- seed demo` if you want demo data.
set -e
node node_modules/prisma/build/index.js migrate deploy
exec node lib/core/runtime/http-server.mjs --port "${PORT:-3000}" --host "${HOST:-0.0.0.0}"
