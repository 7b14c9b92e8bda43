// The benchmark's own database on the project's server (embedded, or DATABASE_URL's): the org-scale
// data set (2M deployments) must never land in the data people use.
import pg from "pg";

export async function benchDatabaseUrl(projectUrl: string): Promise<string> {
  const url = new URL(projectUrl);
  const name = `${decodeURIComponent(url.pathname.slice(1)) || "shipshape"}_bench`;
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
