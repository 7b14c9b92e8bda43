import { Download } from "lucide-react";

/** The small "CSV" download link in a table card's header. */
export function CsvLink({ href, label = "CSV" }: { href: string; label?: string }) {
  return (
    <a
      href={href}
      download
      className="inline-flex shrink-0 items-center gap-1 text-xs font-medium text-primary hover:underline"
    >
      <Download className="size-3.5" aria-hidden /> {label}
    </a>
  );
}
