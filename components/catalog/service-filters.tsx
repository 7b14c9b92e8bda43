"use client";
import { Search, Users, X } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { LIFECYCLES } from "@/lib/catalog/schemas";

type Current = {
  q?: string;
  team?: string;
  tier?: number;
  lifecycle?: string;
  level?: string;
  /** "key" or "key:value". */
  tag?: string;
  sort?: string;
  dir?: string;
};

type Props = {
  teams: Array<{ slug: string; name: string }>;
  /** The signed-in user's teams: the "My team" shortcut. */
  myTeam?: { slug: string; name: string };
  current: Current;
  /** Focus the search box (the `/` shortcut from a page without one). */
  focusSearch?: boolean;
};

const LEVELS: Record<string, string> = { gold: "Gold", silver: "Silver", bronze: "Bronze", none: "No level" };
const TYPING_DELAY_MS = 350;

/**
 * The services filter bar. A GET form (filters live in the URL, work without JavaScript and can be
 * bookmarked); with JavaScript a choice applies at once and typing applies after a pause. Each
 * active filter shows as a chip that removes it.
 */
export function ServiceFilters({ teams, myTeam, current, focusSearch = false }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const form = useRef<HTMLFormElement>(null);
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [pending, startTransition] = useTransition();
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => () => clearTimeout(typing.current), []);
  // A chip or "Clear all" changes the URL: the search box follows, unless the user is typing in it.
  useEffect(() => {
    if (search.current && document.activeElement !== search.current) search.current.value = current.q ?? "";
  }, [current.q]);

  const apply = () => {
    clearTimeout(typing.current);
    if (!form.current) return;
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form.current)) {
      if (typeof value === "string" && value.trim() !== "") params.set(key, value.trim());
    }
    const qs = params.toString();
    startTransition(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  };
  const applySoon = () => {
    clearTimeout(typing.current);
    typing.current = setTimeout(apply, TYPING_DELAY_MS);
  };

  const without = (key: keyof Current) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(current))
      if (k !== key && v !== undefined && v !== "") params.set(k, String(v));
    const qs = params.toString();
    return qs ? `${pathname}?${qs}` : pathname;
  };
  const teamName = (slug: string) => teams.find((t) => t.slug === slug)?.name ?? slug;
  const chips: Array<{ key: keyof Current; label: string }> = [
    ...(current.q ? [{ key: "q" as const, label: `“${current.q}”` }] : []),
    ...(current.team ? [{ key: "team" as const, label: `Team: ${teamName(current.team)}` }] : []),
    ...(current.tier ? [{ key: "tier" as const, label: `Tier ${current.tier}` }] : []),
    ...(current.lifecycle ? [{ key: "lifecycle" as const, label: `Lifecycle: ${current.lifecycle}` }] : []),
    ...(current.level ? [{ key: "level" as const, label: `Level: ${LEVELS[current.level] ?? current.level}` }] : []),
    ...(current.tag ? [{ key: "tag" as const, label: `Tag: ${current.tag}` }] : []),
  ];

  return (
    <div className="border-b border-border">
      <form
        ref={form}
        method="get"
        role="search"
        aria-busy={pending}
        className="flex flex-wrap items-end gap-2 p-4 pb-3"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
        onChange={(e) => {
          const target = e.target as HTMLElement;
          if (target instanceof HTMLInputElement) applySoon();
          else apply();
        }}
      >
        <div className="relative min-w-44 flex-1">
          <Search className="pointer-events-none absolute top-2.5 left-3 size-4 text-muted-foreground" aria-hidden />
          <label htmlFor="q" className="sr-only">
            Search services
          </label>
          <Input
            ref={search}
            autoFocus={focusSearch}
            id="q"
            name="q"
            type="search"
            defaultValue={current.q}
            placeholder="Search by name, slug or description"
            className="pl-9"
          />
        </div>
        <label className="sr-only" htmlFor="team">
          Team
        </label>
        <Select
          id="team"
          name="team"
          key={`team-${current.team ?? ""}`}
          defaultValue={current.team ?? ""}
          className="w-auto"
        >
          <option value="">All teams</option>
          {teams.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </Select>
        <label className="sr-only" htmlFor="tier">
          Tier
        </label>
        <Select
          id="tier"
          name="tier"
          key={`tier-${current.tier ?? ""}`}
          defaultValue={current.tier ? String(current.tier) : ""}
          className="w-auto"
        >
          <option value="">All tiers</option>
          <option value="1">Tier 1</option>
          <option value="2">Tier 2</option>
          <option value="3">Tier 3</option>
        </Select>
        <label className="sr-only" htmlFor="lifecycle">
          Lifecycle
        </label>
        <Select
          id="lifecycle"
          name="lifecycle"
          key={`lc-${current.lifecycle ?? ""}`}
          defaultValue={current.lifecycle ?? ""}
          className="w-auto"
        >
          <option value="">Any lifecycle</option>
          {LIFECYCLES.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </Select>
        <label className="sr-only" htmlFor="level">
          Level
        </label>
        <Select
          id="level"
          name="level"
          key={`level-${current.level ?? ""}`}
          defaultValue={current.level ?? ""}
          className="w-auto"
        >
          <option value="">Any level</option>
          {Object.entries(LEVELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
        <label className="sr-only" htmlFor="tag">
          Tag
        </label>
        <Input
          id="tag"
          name="tag"
          key={`tag-${current.tag ?? ""}`}
          defaultValue={current.tag}
          placeholder="Tag, e.g. pci"
          title="A tag (pci) or a tag with its value (language:go)"
          className="w-32"
        />
        {current.sort ? <input type="hidden" name="sort" value={current.sort} /> : null}
        {current.dir ? <input type="hidden" name="dir" value={current.dir} /> : null}
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      </form>
      {chips.length || (myTeam && current.team !== myTeam.slug) || pending ? (
        <div role="group" aria-label="Active filters" className="flex flex-wrap items-center gap-2 px-4 pb-3 text-xs">
          {myTeam && current.team !== myTeam.slug ? (
            <Link
              href={`${pathname}?team=${encodeURIComponent(myTeam.slug)}`}
              className="inline-flex items-center gap-1 rounded-full border border-border px-2.5 py-1 font-medium hover:bg-muted"
            >
              <Users className="size-3.5" aria-hidden /> My team ({myTeam.name})
            </Link>
          ) : null}
          {chips.map((chip) => (
            <Link
              key={chip.key}
              href={without(chip.key)}
              scroll={false}
              className="inline-flex items-center gap-1 rounded-full bg-accent px-2.5 py-1 font-medium text-accent-foreground hover:bg-accent/70"
            >
              {chip.label} <X className="size-3.5" aria-hidden />
              <span className="sr-only">(remove this filter)</span>
            </Link>
          ))}
          {chips.length > 1 || (chips.length === 1 && myTeam) ? (
            <Link href={pathname} className="text-muted-foreground underline underline-offset-2 hover:text-foreground">
              Clear all
            </Link>
          ) : null}
          {pending ? <span className="text-muted-foreground">Updating…</span> : null}
        </div>
      ) : null}
    </div>
  );
}
