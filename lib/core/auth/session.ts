import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { loadActiveUser } from "@/lib/access/server";
import { authOptions, SESSION_MAX_AGE_SECONDS } from "./options";
import type { UserActor } from "./permissions";

/**
 * The signed-in user, re-read from the database on every request, so a disabled user or a changed
 * role takes effect on the next request. Null when signed out or disabled.
 */
export const getCurrentUser = cache(async (): Promise<UserActor | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  // An absolute lifetime: however active, a session ends SESSION_MAX_AGE_SECONDS after sign-in.
  if (!session.authTime || Date.now() / 1000 - session.authTime > SESSION_MAX_AGE_SECONDS) return null;
  return loadActiveUser(id, session.sv ?? -1);
});

/** For pages and layouts: the user, or a redirect to the login page. */
export async function requireUser(): Promise<UserActor> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
