import "server-only";
import { prisma } from "@/lib/core/db/client";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { isAppError } from "@/lib/core/errors";
import { parseSloYaml, type SloDocProblem } from "@/lib/slo/sources/slo-yaml";
import { createSlo, serviceFor, updateSlo } from "./slos";
import { keepImportedQueries } from "./sources";

export type SloImportResult = {
  created: number;
  updated: number;
  skipped: number;
  /** SLOs that kept Prometheus queries from their document (pulled once a URL is known). */
  withQueries: number;
  errors: SloDocProblem[];
};

export type SloImportOptions = {
  /** The Prometheus-compatible API the imported queries read from (platform users); default PROMETHEUS_URL. */
  prometheusUrl?: string | null;
};

/**
 * OpenSLO / Sloth YAML: creates or updates SLOs by (service, name); each document stands alone. The
 * documents' Prometheus queries are kept on their SLOs, which pull them from `prometheusUrl` or, when
 * none is given, from the server's PROMETHEUS_URL.
 */
export async function importSloYaml(
  text: string,
  actor: Actor,
  options: SloImportOptions = {},
): Promise<SloImportResult> {
  const url = options.prometheusUrl ?? null;
  if (url !== null) authorize(actor, "source.manage", null, "name a Prometheus URL for imported SLOs");
  const parsed = parseSloYaml(text);
  const result: SloImportResult = { created: 0, updated: 0, skipped: 0, withQueries: 0, errors: [...parsed.errors] };
  // Every service the file names is authorised before anything is written: a file that touches a
  // service the caller may not change is refused whole (403), never imported in part.
  for (const { slo } of parsed.slos) {
    try {
      await serviceFor(slo.service, actor, "slo.define");
    } catch (error) {
      if (isAppError(error) && error.code === "forbidden") throw error;
    }
  }
  for (const { index, slo, queries } of parsed.slos) {
    try {
      const service = await serviceFor(slo.service, actor, "slo.define");
      const existing = await prisma.slo.findUnique({
        where: { serviceId_name: { serviceId: service.id, name: slo.name } },
        select: { id: true, objective: true, windowDays: true, calendarWindow: true, description: true },
      });
      let outcome: "created" | "updated" | "skipped" = "skipped";
      let sloId = existing?.id;
      if (!existing) {
        sloId = (await createSlo(slo, actor, "import"))?.id;
        outcome = "created";
      } else if (
        existing.objective !== slo.objective ||
        existing.windowDays !== slo.windowDays ||
        existing.calendarWindow !== (slo.calendarWindow ?? null) ||
        (slo.description !== undefined && existing.description !== (slo.description ?? null))
      ) {
        await updateSlo(
          existing.id,
          {
            objective: slo.objective,
            windowDays: slo.windowDays,
            calendarWindow: slo.calendarWindow ?? null,
            description: slo.description,
          },
          actor,
        );
        outcome = "updated";
      }
      if (queries && sloId) {
        const id = sloId;
        const kept = await prisma.$transaction((tx) => keepImportedQueries(tx, id, queries, url));
        if (kept && outcome === "skipped") outcome = "updated";
        result.withQueries++;
      }
      result[outcome]++;
    } catch (error) {
      if (!isAppError(error)) throw error;
      const detail = error.details?.[0];
      result.errors.push({
        index,
        message: `${slo.name}: ${detail ? `${detail.path} ${detail.message}` : error.message}`,
      });
    }
  }
  result.errors.sort((a, b) => a.index - b.index);
  return result;
}
