import type { Role } from "@/lib/core/auth/permissions";

export type NavItem = {
  href: string;
  label: string;
  icon:
    | "overview"
    | "teams"
    | "services"
    | "scorecards"
    | "initiatives"
    | "delivery"
    | "reviews"
    | "waivers"
    | "leadership"
    | "settings";
  roles: Role[];
  /** The second key of its "g <key>" keyboard shortcut. */
  key: string;
};

const ALL: Role[] = ["platform", "engineer", "leadership"];

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", icon: "overview", roles: ALL, key: "o" },
  { href: "/teams", label: "Teams", icon: "teams", roles: ALL, key: "t" },
  { href: "/services", label: "Services", icon: "services", roles: ALL, key: "s" },
  { href: "/scorecards", label: "Scorecards", icon: "scorecards", roles: ALL, key: "c" },
  { href: "/initiatives", label: "Initiatives", icon: "initiatives", roles: ALL, key: "i" },
  { href: "/delivery", label: "Delivery", icon: "delivery", roles: ALL, key: "d" },
  { href: "/reviews", label: "Reviews", icon: "reviews", roles: ["platform", "engineer"], key: "r" },
  { href: "/waivers", label: "Waivers", icon: "waivers", roles: ["platform", "engineer"], key: "w" },
  { href: "/leadership", label: "Leadership", icon: "leadership", roles: ["leadership", "platform"], key: "l" },
  { href: "/settings", label: "Settings", icon: "settings", roles: ["platform"], key: "x" },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
