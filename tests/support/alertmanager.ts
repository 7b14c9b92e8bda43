import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startDaemon } from "./daemon";

export type RunningAlertmanager = {
  url: string;
  /** Posts alerts to Alertmanager's v2 API, as Prometheus does on each rule evaluation. */
  postAlerts: (
    alerts: Array<{
      labels: Record<string, string>;
      annotations?: Record<string, string>;
      startsAt: string;
      endsAt?: string;
    }>,
  ) => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Debian's Alertmanager on a loopback port (clustering off), routing every alert to one webhook
 * receiver with a Bearer token, grouping and flushing within a second so a test sees the firing
 * and the resolved notification quickly.
 */
export async function startAlertmanager(webhookUrl: string, token: string): Promise<RunningAlertmanager> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shipshape-alertmanager-"));
  const config = [
    "route:",
    "  receiver: shipshape",
    "  group_by: ['alertname', 'service']",
    "  group_wait: 1s",
    "  group_interval: 1s",
    "  repeat_interval: 1h",
    "receivers:",
    "  - name: shipshape",
    "    webhook_configs:",
    `      - url: ${JSON.stringify(webhookUrl)}`,
    "        send_resolved: true",
    "        http_config:",
    "          authorization:",
    "            type: Bearer",
    `            credentials: ${JSON.stringify(token)}`,
    "",
  ].join("\n");
  await fs.writeFile(path.join(dir, "alertmanager.yml"), config);
  const port = await freePort();
  const daemon = await startDaemon(
    "prometheus-alertmanager",
    [
      `--config.file=${path.join(dir, "alertmanager.yml")}`,
      `--storage.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--cluster.listen-address=",
    ],
    port,
    dir,
  );
  const { url } = daemon;
  return {
    url,
    postAlerts: async (alerts) => {
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(alerts),
      });
      if (!res.ok) throw new Error(`alertmanager refused the alerts (${res.status}): ${await res.text()}`);
    },
    stop: daemon.stop,
  };
}
