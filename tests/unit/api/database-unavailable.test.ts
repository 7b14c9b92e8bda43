import pino from "pino";
import { describe, expect, it } from "vitest";
import { errorResponse } from "@/lib/core/api/errors";

// A database that is down, restarting or out of connections is a 503 the client may retry, never a
// 500 with a stack trace. These are the shapes the errors really take (pg, and Prisma's wrappers),
// as seen when PostgreSQL was killed and restarted under load (npm run chaos).
const log = pino({ level: "silent" });

async function answer(error: unknown) {
  const res = errorResponse(error, log);
  return { status: res.status, body: await res.json() };
}

describe("an unavailable database", () => {
  it.each([
    [
      "connection refused (pg)",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    ],
    ["connection dropped mid-query (pg)", new Error("Connection terminated unexpectedly")],
    ["pool timeout (pg)", new Error("timeout exceeded when trying to connect")],
    ["query timeout (pg query_timeout)", new Error("Query read timeout")],
    [
      "starting up after a crash (Prisma P2039 wrapping 57P03)",
      Object.assign(
        new Error(
          "Invalid `prisma.apiToken.findUnique()` invocation:\n\nDatabase error. Code: `57P03`. Message: `the database system is not yet accepting connections`",
        ),
        { code: "P2039" },
      ),
    ],
    ["shutting down (57P01 in the cause)", Object.assign(new Error("query failed"), { cause: { code: "57P01" } })],
    ["too many connections (53300)", Object.assign(new Error("sorry, too many clients already"), { code: "53300" })],
    [
      // A raw query on a stopped read replica, as the read-replica test saw it.
      "unreachable through a raw query (Prisma P2010 with the driver adapter's DatabaseNotReachable)",
      Object.assign(new Error("Invalid `prisma.$queryRaw()` invocation:\n\nRaw query failed. Code: `N/A`."), {
        code: "P2010",
        meta: {
          driverAdapterError: Object.assign(new Error("DatabaseNotReachable"), {
            name: "DriverAdapterError",
            cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 33859 },
          }),
        },
      }),
    ],
  ])("is a 503 in the error shape: %s", async (_name, error) => {
    expect(await answer(error)).toEqual({
      status: 503,
      body: { error: { code: "unavailable", message: "The database is unavailable; try again shortly" } },
    });
  });

  it("is told apart from a real bug, which stays a 500 without detail", async () => {
    expect(await answer(new TypeError("cannot read properties of undefined"))).toEqual({
      status: 500,
      body: { error: { code: "internal", message: "Something went wrong on our side" } },
    });
  });
});
