// The client's address, for rate limits and security events. Shipshape's HTTP server writes the
// connection's peer address to `x-shipshape-peer` (a client cannot set it). Behind a reverse proxy
// that peer is the proxy: with TRUST_PROXY=N (the number of proxies in front, `true` = 1), the client
// is the Nth address from the right of `X-Forwarded-For`. A forwarded address is never trusted otherwise.

export function clientIp(headers: Headers, trustProxy: string | undefined = process.env.TRUST_PROXY): string {
  const peer = headers.get("x-shipshape-peer")?.trim() || "unknown";
  const hops = trustProxy === "true" ? 1 : Number(trustProxy ?? 0);
  if (!Number.isInteger(hops) || hops <= 0) return peer;
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - hops] ?? peer;
}
