// Reading a catalog over HTTP for the scheduled sync: Backstage's catalog API, or catalog-info.yaml
// files by URL. Nothing here writes.
import { z } from "zod";
import { yamlDocuments } from "@/lib/core/yaml";

const TIMEOUT_MS = 30_000;
const MAX_BYTES = 20 * 1024 * 1024;

export class CatalogFetchError extends Error {}

/** A YAML URL list ("…/catalog-info.yaml, …") or a Backstage base URL. */
export function isYamlSource(source: string): boolean {
  return source
    .split(",")
    .map((u) => u.trim())
    .every((u) => /\.ya?ml(\?.*)?$/i.test(u));
}

async function get(url: string, token: string | null, accept: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "follow",
    });
  } catch (error) {
    const { cause } = error as { cause?: { code?: string; message?: string } };
    const why =
      (error as Error).name === "TimeoutError"
        ? `no answer in ${TIMEOUT_MS / 1000} s`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new CatalogFetchError(`cannot reach ${url} (${why})`);
  }
  if (!res.ok) throw new CatalogFetchError(`${url} answered ${res.status} ${res.statusText}`.trim());
  const text = await res.text();
  if (text.length > MAX_BYTES) throw new CatalogFetchError(`${url} sent more than 20 MiB`);
  return text;
}

const ZEntities = z.union([z.array(z.unknown()), z.object({ items: z.array(z.unknown()) })]);

/** An entity's identity across pages: its uid, else kind:namespace/name. */
function entityKey(e: unknown): string {
  const m = (e as { kind?: unknown; metadata?: { uid?: unknown; namespace?: unknown; name?: unknown } } | null) ?? {};
  if (typeof m.metadata?.uid === "string") return m.metadata.uid;
  return `${String(m.kind)}:${String(m.metadata?.namespace ?? "default")}/${String(m.metadata?.name)}`;
}

/**
 * Components and groups from a Backstage catalog: `GET {base}/api/catalog/entities` filtered to
 * both kinds (Backstage ORs repeated filters), a page of `limit` at a time by `offset` until a short
 * page. The answer is an array, or `{items}` from newer proxies of the by-query endpoint. A server
 * that ignores the paging (a page longer than asked, or one with nothing new) ends it.
 */
export async function fetchBackstageEntities(
  baseUrl: string,
  token: string | null,
  pageSize = 500,
): Promise<unknown[]> {
  const base = baseUrl.replace(/\/+$/, "");
  const byKey = new Map<string, unknown>();
  for (let offset = 0; ; offset += pageSize) {
    const url = `${base}/api/catalog/entities?filter=kind=component&filter=kind=group&limit=${pageSize}&offset=${offset}`;
    const text = await get(url, token, "application/json");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CatalogFetchError(`${url} did not answer JSON`);
    }
    const parsed = ZEntities.safeParse(json);
    if (!parsed.success) throw new CatalogFetchError(`${url} did not answer a list of entities`);
    const page = Array.isArray(parsed.data) ? parsed.data : parsed.data.items;
    const before = byKey.size;
    for (const e of page) byKey.set(entityKey(e), e);
    if (page.length < pageSize || page.length > pageSize || byKey.size === before) break;
    if (byKey.size > 200_000) throw new CatalogFetchError(`${base} lists more than 200,000 entities`);
  }
  return [...byKey.values()];
}

/** The documents of catalog-info.yaml files, in order; a file that cannot be read fails the run. */
export async function fetchCatalogYaml(urls: string[], token: string | null): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const url of urls) {
    for (const doc of yamlDocuments(await get(url, token, "application/yaml, text/yaml, text/plain"))) {
      if ("error" in doc) throw new CatalogFetchError(`${url}: document ${doc.index + 1}: ${doc.error}`);
      out.push(doc.value);
    }
  }
  return out;
}
