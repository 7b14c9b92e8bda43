// next.config.js is plain JavaScript (checked with @ts-check); this is the part the tests import.
declare module "*/next.config.js" {
  export function shipshapeBuildId(): string | null;
}
