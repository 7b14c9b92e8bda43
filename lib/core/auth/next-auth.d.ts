import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user?: DefaultSession["user"] & { id?: string };
    /** The user's session version when this session began; a newer one in the database ends it. */
    sv?: number;
    /** When the user signed in (unix seconds): the session's absolute lifetime counts from here. */
    authTime?: number;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sv?: number;
    authTime?: number;
  }
}
