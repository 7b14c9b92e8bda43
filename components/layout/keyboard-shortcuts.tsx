"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

type Shortcut = { href: string; label: string; key: string };

/** Typing in a field, or a key with a modifier, is never a shortcut. */
function ignored(e: KeyboardEvent): boolean {
  if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return true;
  const t = e.target as HTMLElement | null;
  return Boolean(t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName)));
}

/**
 * Keyboard shortcuts: `/` searches the page (or the services), `g` then a letter goes to a section,
 * `?` lists them all. The list is a modal dialog (Escape closes it).
 */
export function KeyboardShortcuts({ items }: { items: Shortcut[] }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      if (ignored(e)) return;
      if (e.key === "?") {
        e.preventDefault();
        setOpen(true);
        return;
      }
      if (e.key === "/") {
        const search = document.querySelector<HTMLInputElement>('main [role="search"] input:not([type="hidden"])');
        e.preventDefault();
        if (search) search.focus();
        else router.push("/services?focus=search");
        return;
      }
      if (e.key === "g" && !e.shiftKey) {
        pendingG = Date.now();
        return;
      }
      if (pendingG && Date.now() - pendingG < 1500) {
        pendingG = 0;
        const target = items.find((i) => i.key === e.key.toLowerCase());
        if (target) {
          e.preventDefault();
          router.push(target.href);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [items, router]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-title"
      onClose={() => setOpen(false)}
      className="m-auto w-full max-w-md rounded-lg border border-border bg-card p-0 text-card-foreground shadow-lg backdrop:bg-black/40"
    >
      <div className="p-5">
        <h2 id="shortcuts-title" className="text-base font-semibold">
          Keyboard shortcuts
        </h2>
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt>
            <kbd className="kbd">/</kbd>
          </dt>
          <dd>Search this page (or the services)</dd>
          {items.map((i) => (
            <div key={i.key} className="contents">
              <dt>
                <kbd className="kbd">g</kbd> <kbd className="kbd">{i.key}</kbd>
              </dt>
              <dd>Go to {i.label}</dd>
            </div>
          ))}
          <dt>
            <kbd className="kbd">?</kbd>
          </dt>
          <dd>This list</dd>
        </dl>
        <div className="mt-5 flex justify-end">
          <Button type="button" variant="secondary" size="sm" onClick={() => setOpen(false)} autoFocus>
            Close
          </Button>
        </div>
      </div>
    </dialog>
  );
}
