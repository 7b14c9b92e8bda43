"use client";

import { Moon, Sun } from "lucide-react";

/** Flips the `.dark` class and remembers the choice; the inline script in the root layout applies it before paint. */
export function ThemeToggle() {
  const toggle = () => {
    const dark = document.documentElement.classList.toggle("dark");
    try {
      localStorage.setItem("theme", dark ? "dark" : "light");
    } catch {
      // storage may be unavailable (private mode); the toggle still works for this page
    }
  };
  return (
    <button
      type="button"
      onClick={toggle}
      className="grid size-9 place-items-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
    >
      <Sun className="hidden size-4 dark:block" aria-hidden />
      <Moon className="size-4 dark:hidden" aria-hidden />
      <span className="sr-only">Toggle dark mode</span>
    </button>
  );
}
