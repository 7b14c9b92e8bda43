import { Pencil } from "lucide-react";
import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { buttonVariants } from "@/components/ui/button";
import { archiveServiceAction } from "@/lib/catalog/actions";

export function ServiceActions({
  slug,
  archived,
  canEdit,
  canArchive,
}: {
  slug: string;
  archived: boolean;
  canEdit: boolean;
  canArchive: boolean;
}) {
  return (
    <>
      {canEdit && !archived ? (
        <Link href={`/services/${slug}/edit`} className={buttonVariants({ variant: "secondary", size: "sm" })}>
          <Pencil aria-hidden /> Edit
        </Link>
      ) : null}
      {canArchive ? (
        <ActionButton
          action={archiveServiceAction}
          fields={{ slug, archived: String(!archived) }}
          label={archived ? "Restore" : "Archive"}
          variant={archived ? "secondary" : "danger-outline"}
          confirm={
            archived
              ? undefined
              : "Archive this service? It leaves the catalog's lists; its history is kept and it can be restored."
          }
        />
      ) : null}
    </>
  );
}
