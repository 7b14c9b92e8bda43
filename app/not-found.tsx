import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="grid min-h-[60vh] place-items-center p-6 text-center">
      <div>
        <p className="text-sm font-medium text-primary">404</p>
        <h1 className="mt-1 text-2xl font-semibold">Page not found</h1>
        <p className="mt-2 text-sm text-muted-foreground">
          The page or service you are looking for does not exist, or was renamed.
        </p>
        <Link href="/" className={`${buttonVariants({ variant: "secondary" })} mt-6`}>
          Back to the overview
        </Link>
      </div>
    </div>
  );
}
