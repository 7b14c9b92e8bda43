#!/bin/sh
# Apply pending migrations, then serve. Seeds nothing: run `npm run cli -- seed demo` if you want demo data.
set -e
node node_modules/prisma/build/index.js migrate deploy
exec node server/server.js
