import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// `npm test` / `npm run test:e2e` (tests/run.ts) prepares the database and the production build and
// passes E2E_DATABASE_URL and E2E_PORT. Debian's Chromium is used when present (no browser download).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? systemChromium;

const chromium = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1440, height: 900 },
  launchOptions: {
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  },
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1440, height: 900 },
  },
  projects: [
    { name: "chromium", testIgnore: /authz-matrix\.spec\.ts/, use: { ...chromium } },
    // The authorisation matrix counts every row change in the database, so it runs alone, after the rest.
    { name: "authz-matrix", testMatch: /authz-matrix\.spec\.ts/, dependencies: ["chromium"], use: { ...chromium } },
  ],
  webServer: {
    command: `node lib/core/runtime/http-server.mjs --port ${port}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      AUTH_SECRET: "e2e-test-secret-0123456789abcdef",
      NEXTAUTH_SECRET: "e2e-test-secret-0123456789abcdef",
      NEXTAUTH_URL: baseURL,
      PORT: String(port),
      SHIPSHAPE_DEMO: "1",
      GITHUB_WEBHOOK_SECRET: "e2e-github-secret",
      PAGERDUTY_WEBHOOK_SECRET: "e2e-pagerduty-secret",
      ALERTMANAGER_WEBHOOK_TOKEN: "e2e-alertmanager-token",
      GITLAB_WEBHOOK_TOKEN: "e2e-gitlab-token",
      INCIDENT_IO_WEBHOOK_SECRET: "whsec_ZTJlLWluY2lkZW50LWlvLXNlY3JldC0zMmJ5dGVzIQ==",
      OPSGENIE_WEBHOOK_TOKEN: "e2e-opsgenie-token",
      METRICS_TOKEN: "e2e-metrics-token",
      LOG_LEVEL: "warn",
    },
  },
});
