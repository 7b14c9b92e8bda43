import { hash, verify } from "@node-rs/bcrypt";

// Native bcrypt: hashing runs on libuv's thread pool, so a burst of sign-in attempts cannot stall the
// event loop. Hashes are standard `$2b$` strings (older `$2a$` ones from bcryptjs verify the same).
const COST = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, COST);
}

export function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  return verify(password, passwordHash);
}

// A real hash compared against when the email is unknown, so a miss costs as long as a hit.
let dummy: Promise<string> | null = null;

export async function verifyPasswordOrDummy(
  password: string,
  passwordHash: string | null | undefined,
): Promise<boolean> {
  if (!passwordHash) {
    dummy ??= hash("shipshape-timing-equaliser", COST);
    await verify(password, await dummy);
    return false;
  }
  return verify(password, passwordHash);
}
