import postgres from "postgres"

/**
 * A one-row-per-key table in the app database that remembers which sources the database was last
 * migrated and seeded with, so an unchanged restart skips the ~15 s `medusa db:migrate`.
 */
const TABLE = "mae_mok_launcher_state"

export async function readState(databaseUrl: string, key: string): Promise<string | null> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined })
  try {
    await sql.unsafe(`create table if not exists ${TABLE} (key text primary key, value text not null, updated_at timestamptz not null default now())`)
    const rows = await sql`select value from ${sql(TABLE)} where key = ${key}`
    return rows[0]?.value ?? null
  } finally {
    await sql.end()
  }
}

export async function writeState(databaseUrl: string, key: string, value: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined })
  try {
    await sql`insert into ${sql(TABLE)} (key, value) values (${key}, ${value})
      on conflict (key) do update set value = excluded.value, updated_at = now()`
  } finally {
    await sql.end()
  }
}

export async function publishableKeyToken(databaseUrl: string, title: string): Promise<string | null> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined })
  try {
    const rows = await sql`select token from api_key
      where type = 'publishable' and title = ${title} and revoked_at is null and deleted_at is null
      order by created_at limit 1`
    return rows[0]?.token ?? null
  } finally {
    await sql.end()
  }
}
