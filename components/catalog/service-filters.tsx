import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { LIFECYCLES } from "@/lib/catalog/schemas";

type Props = {
  teams: Array<{ slug: string; name: string }>;
  current: {
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
};

/** A plain GET form: filters live in the URL, work without JavaScript and can be bookmarked. */
export function ServiceFilters({ teams, current }: Props) {
  return (
    <form method="get" role="search" className="flex flex-wrap items-end gap-2 border-b border-border p-4">
      <div className="relative min-w-44 flex-1">
        <Search className="pointer-events-none absolute top-2.5 left-3 size-4 text-muted-foreground" aria-hidden />
        <label htmlFor="q" className="sr-only">
          Search services
        </label>
        <Input
          id="q"
          name="q"
          defaultValue={current.q}
          placeholder="Search by name, slug or description"
          className="pl-9"
        />
      </div>
      <label className="sr-only" htmlFor="team">
        Team
      </label>
      <Select id="team" name="team" defaultValue={current.team ?? ""} className="w-auto">
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
      <Select id="tier" name="tier" defaultValue={current.tier ? String(current.tier) : ""} className="w-auto">
        <option value="">All tiers</option>
        <option value="1">Tier 1</option>
        <option value="2">Tier 2</option>
        <option value="3">Tier 3</option>
      </Select>
      <label className="sr-only" htmlFor="lifecycle">
        Lifecycle
      </label>
      <Select id="lifecycle" name="lifecycle" defaultValue={current.lifecycle ?? ""} className="w-auto">
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
      <Select id="level" name="level" defaultValue={current.level ?? ""} className="w-auto">
        <option value="">Any level</option>
        <option value="gold">Gold</option>
        <option value="silver">Silver</option>
        <option value="bronze">Bronze</option>
        <option value="none">No level</option>
      </Select>
      <label className="sr-only" htmlFor="tag">
        Tag
      </label>
      <Input
        id="tag"
        name="tag"
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
  );
}
