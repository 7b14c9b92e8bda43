import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// ── The house's boundaries (CONTRIBUTING.md) ─────────────────────────────────────────────────────────
// Each capability is a slice in lib/<slice>/ with domain/ (pure), server/ (the only code that touches the
// database), sources/ (events from outside), schemas.ts and actions.ts. A slice is reached from outside
// only through its public entries: `@/lib/<slice>/domain`, `/server`, `/sources`, `/schemas`, `/actions`.
export const SLICES = [
  "access",
  "catalog",
  "readiness",
  "delivery",
  "slo",
  "scorecards",
  "leadership",
  "notifications",
];
const LAYERS = ["domain", "server", "sources"];

const PRISMA = {
  group: ["@/generated/prisma", "@/generated/prisma/*", "@prisma/*", "pg"],
  message: "Only a slice's server/ code and lib/core/db may touch Prisma or pg.",
};
const DB = {
  group: ["@/lib/core/db/*", "!@/lib/core/db/health"],
  message: "The database client is for server/ code: go through the slice's public server entry.",
};
const PURE = {
  group: [
    "next",
    "next/*",
    "next-auth",
    "next-auth/*",
    "react",
    "react-dom",
    "server-only",
    "@/lib/core/api/*",
    "@/lib/core/auth/session",
    "@/lib/core/auth/action",
    "node:fs",
    "fs",
    "node:child_process",
    "child_process",
    "../server",
    "../server/*",
    "@/lib/*/server",
    "@/lib/*/server/*",
  ],
  allowTypeImports: true,
  message: "domain/ is pure: no I/O, no server/, no database, no next/*.",
};
const deepInto = (slices) => ({
  group: slices.flatMap((s) => LAYERS.map((l) => `@/lib/${s}/${l}/*`)),
  message:
    "Reach another slice through its public entry (`@/lib/<slice>/server`, `/domain`, `/sources`), not a file inside it.",
});
const ESCAPE_LAYER = {
  group: ["../../*"],
  message: "Leave the slice through `@/lib/...` public entries, not relative paths.",
};
const ESCAPE_TOP = {
  group: ["../*"],
  message: "Leave the slice through `@/lib/...` public entries, not relative paths.",
};
const SERVER_IN_UI = {
  group: ["@/lib/*/server", "@/lib/*/server/*"],
  allowTypeImports: true,
  message: "Components never import server/ code: take data as props, or call the slice's actions.",
};

const restrict = (files, patterns) => ({ files, rules: { "no-restricted-imports": ["error", { patterns }] } });

function sliceBlocks(slice) {
  const others = deepInto(SLICES.filter((s) => s !== slice));
  return [
    restrict([`lib/${slice}/*.ts`], [PRISMA, DB, others, ESCAPE_TOP]),
    restrict([`lib/${slice}/domain/**`], [PRISMA, DB, PURE, others, ESCAPE_LAYER]),
    restrict([`lib/${slice}/sources/**`], [PRISMA, DB, others, ESCAPE_LAYER]),
    restrict([`lib/${slice}/server/**`], [others, ESCAPE_LAYER]),
  ];
}

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": [
        "error",
        { "ts-ignore": true, "ts-nocheck": true, "ts-expect-error": "allow-with-description" },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  restrict(["app/**", "instrumentation*.ts"], [PRISMA, DB, deepInto(SLICES)]),
  restrict(["components/**"], [PRISMA, DB, SERVER_IN_UI, deepInto(SLICES)]),
  restrict(["lib/cli/**", "lib/core/**"], [PRISMA, deepInto(SLICES)]),
  restrict(["lib/core/db/**"], [deepInto(SLICES)]),
  // Tracing instruments Prisma and pg (it patches them; it never queries).
  restrict(["lib/core/telemetry.ts"], [deepInto(SLICES)]),
  ...SLICES.flatMap(sliceBlocks),
  {
    ignores: [
      ".next/**",
      "generated/**",
      "node_modules/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
