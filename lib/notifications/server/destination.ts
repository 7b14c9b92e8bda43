import "server-only";
import dns from "node:dns/promises";
import net from "node:net";

// Outgoing webhooks go to the internet, not into the network Shipshape runs in: loopback,
// link-local (cloud metadata lives there), private and other reserved ranges are refused unless
// SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS=1 (an internal receiver, or the tests).
const blocked = new net.BlockList();
for (const [address, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(address, prefix, "ipv4");
}
for (const [address, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(address, prefix, "ipv6");
}

export function isPrivateAddress(address: string): boolean {
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is the IPv4 address it carries.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = net.isIP(address);
  if (family === 0) return false;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Why this URL may not receive webhooks, or null when it may. Resolves the host name. */
export async function refusedDestination(
  url: string,
  env: Record<string, string | undefined> = process.env,
): Promise<string | null> {
  if (env.SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS === "1") return null;
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return "is not a valid URL";
  }
  const addresses = net.isIP(host)
    ? [host]
    : await dns.lookup(host, { all: true, verbatim: true }).then(
        (all) => all.map((a) => a.address),
        () => [],
      );
  if (addresses.length === 0) return `${host} does not resolve`;
  const inside = addresses.find(isPrivateAddress);
  return inside
    ? `${host} resolves to ${inside}, a private or local address (set SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS=1 to allow)`
    : null;
}
