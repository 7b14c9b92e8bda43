// The benchmark's own database on the project's server (embedded, or DATABASE_URL's): the org-scale
// data set (2M deployments) must never land in the data people use.
import pg from "pg";

/** The benchmark database for a scale of the data set: `<name>_bench`, or `<name>_bench_0_1` at 0.1. */
export async function benchDatabaseUrl(projectUrl: string, scale = 1): Promise<string> {
  const url = new URL(projectUrl);
  const suffix = scale === 1 ? "" : `_${String(scale).replace(".", "_")}`;
  const name = `${decodeURIComponent(url.pathname.slice(1)) || "shipshape"}_bench${suffix}`;
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}
