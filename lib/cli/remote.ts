// The CLI from a CI runner: with --url (or SHIPSHAPE_URL) and SHIPSHAPE_TOKEN, commands talk to a
// remote Shipshape over its API through a client typed from the OpenAPI document (./api/schema.d.ts),
// instead of connecting to the database, which a runner cannot reach.
import createClient, { type Client } from "openapi-fetch";
import type { Command } from "commander";
import type { paths } from "./api/schema";
import { UsageError } from "./context";

export type ApiClient = Client<paths>;

type ErrorBody = { error?: { code?: string; message?: string; details?: Array<{ path: string; message: string }> } };

/** An answer the API refused: exit code 2, with the API's own message. */
export class RemoteError extends UsageError {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    const e = body?.error;
    const details = (e?.details ?? []).slice(0, 20).map((d) => `\n  ${d.path}: ${d.message}`);
    super(
      `${e?.message ?? `the server answered HTTP ${status}`} (HTTP ${status}${e?.code ? `, ${e.code}` : ""})${details.join("")}`,
    );
  }
}

/** Adds `--url` to a command that can run against a remote Shipshape. */
export function remoteOption(cmd: Command): Command {
  return cmd.option(
    "--url <url>",
    "a remote Shipshape to talk to over its API instead of the database (default: SHIPSHAPE_URL); the token comes from SHIPSHAPE_TOKEN",
  );
}

/** The API client when a remote Shipshape is named (`--url` or SHIPSHAPE_URL), else null: use the database. */
export function remoteClient(url = process.env.SHIPSHAPE_URL): ApiClient | null {
  if (!url) return null;
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new UsageError(
      `--url / SHIPSHAPE_URL must be an http(s) URL such as https://shipshape.example.com (got "${url}")`,
    );
  }
  if (base.protocol !== "http:" && base.protocol !== "https:")
    throw new UsageError(`--url / SHIPSHAPE_URL must be an http(s) URL (got "${url}")`);
  const token = process.env.SHIPSHAPE_TOKEN?.trim();
  if (!token)
    throw new UsageError(
      "SHIPSHAPE_TOKEN must hold an API token (npm run cli -- token create …) to talk to a remote Shipshape",
    );
  const client = createClient<paths>({
    baseUrl: base.href.replace(/\/+$/, ""),
    headers: { authorization: `Bearer ${token}`, "user-agent": "shipshape-cli" },
  });
  client.use({
    onError({ error, request }) {
      const cause =
        error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      return Promise.reject(new UsageError(`cannot reach ${new URL(request.url).origin}: ${cause}`));
    },
  });
  return client;
}

/** The body of a successful answer, or a {@link RemoteError} with the API's message. */
export async function expectOk<T>(answer: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await answer;
  if (!response.ok || data === undefined) throw new RemoteError(response.status, error as ErrorBody | undefined);
  return data;
}

/** Sends a YAML or CSV file's text as it is. */
export const textBody = (contentType: string) => ({
  bodySerializer: (text: string | undefined) => text ?? "",
  headers: { "content-type": contentType },
});
