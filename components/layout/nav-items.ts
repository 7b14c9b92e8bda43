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
};

const ALL: Role[] = ["platform", "engineer", "leadership"];

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", icon: "overview", roles: ALL },
  { href: "/teams", label: "Teams", icon: "teams", roles: ALL },
  { href: "/services", label: "Services", icon: "services", roles: ALL },
  { href: "/scorecards", label: "Scorecards", icon: "scorecards", roles: ALL },
  { href: "/initiatives", label: "Initiatives", icon: "initiatives", roles: ALL },
  { href: "/delivery", label: "Delivery", icon: "delivery", roles: ALL },
  { href: "/reviews", label: "Reviews", icon: "reviews", roles: ["platform", "engineer"] },
  { href: "/waivers", label: "Waivers", icon: "waivers", roles: ["platform", "engineer"] },
  { href: "/leadership", label: "Leadership", icon: "leadership", roles: ["leadership", "platform"] },
  { href: "/settings", label: "Settings", icon: "settings", roles: ["platform"] },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
