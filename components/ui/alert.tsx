import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/core/cn";

const tones = {
  info: "border-primary/25 bg-accent text-accent-foreground",
  success: "border-success/30 bg-success-soft text-success-ink",
  warning: "border-warning/40 bg-warning-soft text-foreground",
  danger: "border-danger/30 bg-danger-soft text-danger-ink",
} as const;

export function Alert({
  tone = "info",
  title,
  children,
  className,
  ...rest
}: Omit<ComponentProps<"div">, "title"> & {
  tone?: keyof typeof tones;
  title?: string;
  children?: ReactNode;
}) {
  return (
    <div
      role={tone === "danger" ? "alert" : "status"}
      className={cn("rounded-md border px-4 py-3 text-sm", tones[tone], className)}
      {...rest}
    >
      {title ? <p className="font-medium">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
    </div>
  );
}
