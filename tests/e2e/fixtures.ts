// Playwright fixtures: a Prisma client on the e2e database for factories and assertions, and
// sign-in through the auth API (only the login spec types into the form).
import { test as base, expect, type Page } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { makeTeam, makeToken, makeUser } from "../support/factories";

type Fixtures = {
  db: PrismaClient;
  signIn: (page: Page, email: string, password: string) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  db: async ({}, provide) => {
    const url = process.env.E2E_DATABASE_URL;
    if (!url) throw new Error("E2E_DATABASE_URL is not set: run the e2e suite with `npm run test:e2e`");
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
    await provide(db);
    await db.$disconnect();
  },
  signIn: async ({}, provide) => {
    await provide(async (page, email, password) => {
      const csrf = await page.request.get("/api/auth/csrf");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const res = await page.request.post("/api/auth/callback/credentials", {
        form: { csrfToken, email, password, json: "true" },
      });
      expect(res.ok()).toBe(true);
      const session = await (await page.request.get("/api/auth/session")).json();
      expect(session?.user?.email, `sign-in as ${email} failed`).toBe(email);
    });
  },
});

export { expect, makeTeam, makeToken, makeUser };

export const shot = (name: string) => ({ path: `test-results/screenshots/${name}.png`, fullPage: true });
