/** Builds `path?query` from the current params with some replaced (undefined/"" removes a key). */
export function withParams(
  path: string,
  current: Record<string, string | undefined>,
  changes: Record<string, string | number | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...current, ...changes })) {
    if (v !== undefined && v !== "") params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * A same-origin path to go to after sign-in: `url` resolved against `base` (as the browser would,
 * so `/\evil.com` and `//evil.com` are seen for what they are), or "/" when it leaves the site.
 */
export function sameOriginPath(url: string | null | undefined, base: string): string {
  if (!url) return "/";
  try {
    const origin = new URL(base).origin;
    const target = new URL(url, origin);
    if (target.origin !== origin) return "/";
    return `${target.pathname}${target.search}${target.hash}`;
  } catch {
    return "/";
  }
}
