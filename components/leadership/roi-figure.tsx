import { Card } from "@/components/ui/card";
import { formatMoney, type Figure } from "@/lib/leadership/domain";
import { cn } from "@/lib/core/cn";

function Inputs({ figure }: { figure: Figure }) {
  return (
    <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-3 gap-y-1">
      {figure.inputs.map((i) => (
        <div key={i.label} className="contents">
          <dt className="text-muted-foreground">{i.label}</dt>
          <dd className="text-right tabular-nums">{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * One ROI figure with its derivation: the formula and every input, on hover and in a "how is this
 * computed" panel. In the printed report the card shows the formula, and the inputs are listed on
 * the assumptions page (RoiDerivations), so the headline page stays one page.
 */
export function RoiFigure({
  title,
  figure,
  currency,
  testId,
  print,
}: {
  title: string;
  figure: Figure;
  currency: string;
  testId: string;
  print?: boolean;
}) {
  const tooltip = `${figure.formula}\n${figure.inputs.map((i) => `${i.label}: ${i.value}`).join("\n")}`;
  return (
    <Card className="flex break-inside-avoid flex-col p-4" data-testid={testId}>
      <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{title}</p>
      {figure.meaningful ? (
        <p
          title={tooltip}
          data-testid={`${testId}-value`}
          className={cn("mt-2 text-3xl font-semibold tabular-nums", figure.value < 0 ? "text-danger-ink" : undefined)}
        >
          {formatMoney(figure.value, currency)}
        </p>
      ) : (
        <p title={tooltip} data-testid={`${testId}-value`} className="mt-2 text-lg font-medium text-muted-foreground">
          Not meaningful
        </p>
      )}
      <p className="mt-1 text-xs text-muted-foreground">
        {figure.meaningful ? (figure.note ?? "\u00a0") : figure.reason}
      </p>
      {print ? (
        <p className="mt-3 border-t border-border pt-2 font-mono text-[10px] leading-snug text-muted-foreground">
          = {figure.formula}
        </p>
      ) : (
        <details className="mt-3 border-t border-border pt-2 text-xs">
          <summary className="cursor-pointer font-medium text-primary">How is this computed?</summary>
          <p className="mt-2 font-mono text-[11px] leading-relaxed">= {figure.formula}</p>
          <Inputs figure={figure} />
        </details>
      )}
    </Card>
  );
}

/** Every figure's formula and inputs side by side: the report's derivation page. */
export function RoiDerivations({ figures }: { figures: Array<{ title: string; figure: Figure }> }) {
  return (
    <div className="grid grid-cols-2 gap-3 text-xs">
      {figures.map(({ title, figure }) => (
        <Card key={title} className="break-inside-avoid p-4">
          <p className="text-sm font-semibold">{title}</p>
          <p className="mt-1 font-mono text-[10px] leading-snug">= {figure.formula}</p>
          <Inputs figure={figure} />
          {figure.meaningful ? null : <p className="mt-2 text-muted-foreground">{figure.reason}</p>}
        </Card>
      ))}
    </div>
  );
}
