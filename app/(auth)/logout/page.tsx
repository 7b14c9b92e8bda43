import type { Metadata } from "next";
import { LogoutButton } from "@/components/access/logout-button";

export const metadata: Metadata = { title: "Sign out" };

export default function LogoutPage() {
  return (
    <div className="w-full max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight">Sign out</h1>
      <p className="mt-1 text-sm text-muted-foreground">You will need your email and password to sign in again.</p>
      <LogoutButton />
    </div>
  );
}
