"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";

export function LogoutButton() {
  const [pending, setPending] = useState(false);
  return (
    <div className="mt-6 flex gap-3">
      <Button
        size="lg"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signOut({ callbackUrl: "/login" });
        }}
      >
        {pending ? "Signing out…" : "Sign out"}
      </Button>
      <Link href="/" className={buttonVariants({ variant: "secondary", size: "lg" })}>
        Cancel
      </Link>
    </div>
  );
}
