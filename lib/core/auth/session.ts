import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { loadActiveUser } from "@/lib/access/server";
import { authOptions } from "./options";
import type { UserActor } from "./permissions";

/**
 * The signed-in user, re-read from the database on every request, so a disabled user or a changed
 * role takes effect on the next request. Null when signed out or disabled.
 */
export const getCurrentUser = cache(async (): Promise<UserActor | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  return id ? loadActiveUser(id) : null;
});

/** For pages and layouts: the user, or a redirect to the login page. */
export async function requireUser(): Promise<UserActor> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
