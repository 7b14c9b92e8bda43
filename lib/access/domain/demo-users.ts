// Demo accounts created by `seed demo`. Shown only when SHIPSHAPE_DEMO=1 (the embedded, seeded mode).
export const DEMO_PASSWORD = "shipshape-demo";

export const DEMO_USERS = [
  {
    email: "platform@demo.shipshape.dev",
    name: "Priya Platform",
    role: "platform",
    teams: [] as string[],
    password: DEMO_PASSWORD,
  },
  {
    email: "engineer@demo.shipshape.dev",
    name: "Eli Engineer",
    role: "engineer",
    teams: ["payments"],
    password: DEMO_PASSWORD,
  },
  {
    email: "leader@demo.shipshape.dev",
    name: "Lena Leadership",
    role: "leadership",
    teams: [] as string[],
    password: DEMO_PASSWORD,
  },
] as const;
