// A loopback TCP proxy in front of PostgreSQL, with a delay that can be turned up: the chaos run's
// slow database. Each chunk, either way, waits `delayMs` before it is passed on.
import net from "node:net";

export function startProxy(target: () => number) {
  let delayMs = 0;
  const sockets = new Set<net.Socket>();
  const relay = (from: net.Socket, to: net.Socket) =>
    from.on("data", (chunk) => {
      if (delayMs === 0) to.write(chunk);
      else setTimeout(() => to.writable && to.write(chunk), delayMs);
    });
  const server = net.createServer((client) => {
    const upstream = net.connect(target(), "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    relay(client, upstream);
    relay(upstream, client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  return {
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)),
      ),
    setDelay: (ms: number) => {
      delayMs = ms;
    },
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
