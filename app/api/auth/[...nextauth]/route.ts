import NextAuth from "next-auth";
import { limitPasswordSignIn } from "@/lib/access/server";
import { authOptions } from "@/lib/core/auth/options";

const handler = NextAuth(authOptions);

// Password sign-ins are rate-limited per account and per client address before next-auth sees them.
export const GET = handler;
export const POST = limitPasswordSignIn(handler);
