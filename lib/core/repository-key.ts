// A repository's identity across forges: "host/path", lowercased ("github.com/acme/api",
// "github.acme.corp/acme/api", "gitlab.com/group/sub/project"). Webhooks are matched on it, so that
// a GitHub Enterprise or self-hosted GitLab repository never counts for the github.com or
// gitlab.com repository of the same name. Pure.

// Where a forge's page paths leave the repository: GitLab's "/-/…", GitHub's "/tree/…", "/blob/…".
const PAGE_SUFFIX = /\/(?:-|tree|blob|commits?|pulls?|issues|actions|releases|wiki|merge_requests)(?:\/.*)?$/i;

/**
 * The key of a repository URL: https://, ssh:// or scp-like `git@host:owner/name.git`. A github.com
 * repository is its first two path segments; other hosts keep the whole path (GitLab's nested
 * groups) up to a forge page suffix. Null when there is no host and at least two segments.
 */
export function repositoryKey(url: string | null | undefined): string | null {
  if (!url) return null;
  const text = url.trim();
  let host: string;
  let path: string;
  const scp = /^(?:[\w.-]+@)?([\w.-]+\.[\w.-]+):(?!\/)(.+)$/.exec(text);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    host = scp[1];
    path = scp[2];
  } else {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return null;
    }
    if (!["http:", "https:", "ssh:", "git:"].includes(parsed.protocol) || !parsed.hostname) return null;
    host = parsed.hostname;
    path = decodeURIComponent(parsed.pathname);
  }
  path = path
    .replace(/[?#].*$/, "")
    .replace(PAGE_SUFFIX, "")
    .replace(/\/+$/, "")
    .replace(/\.git$/i, "");
  let segments = path.split("/").filter(Boolean);
  if (host.toLowerCase() === "github.com") segments = segments.slice(0, 2);
  if (segments.length < 2) return null;
  return `${host}/${segments.join("/")}`.toLowerCase();
}

/** The key of a repository named by its forge host and full path ("acme/api" on github.com). */
export function repositoryKeyOf(host: string, fullPath: string): string {
  return `${host}/${fullPath.replace(/^\/+|\/+$/g, "")}`.toLowerCase();
}

// Monorepos: a service is the paths under its prefixes.

/** A path prefix as stored: a directory, with no leading "./" or "/" and one trailing "/". */
export function normalisePathPrefix(prefix: string): string {
  const p = prefix
    .trim()
    .replace(/^(\.\/|\/)+/, "")
    .replace(/\/+$/, "");
  return p === "" ? "" : `${p}/`;
}

/** Whether a changed path is under one of a service's prefixes. */
export const pathInScope = (path: string, prefixes: readonly string[]) =>
  prefixes.some((prefix) => prefix !== "" && path.startsWith(prefix));
