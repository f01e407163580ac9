/** What the global setup hands to every integration and e2e test file. */
declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the PostgreSQL server (database "postgres"). */
    dbServerUrl: string
    /** Name of the migrated, unseeded template database to copy for each suite. */
    templateDb: string
  }
}
export {}
