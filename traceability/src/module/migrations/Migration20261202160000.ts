import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// Herb pages and the group's recipes (issue 16, docs/decisions/0045-herb-pages.md).
export class Migration20261202160000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "herb_page" ("id" text not null, "species_id" text not null references "herb_species" ("id") on delete cascade, "slug" text not null, "published" boolean not null default false, "name_th" text not null, "name_en" text not null, "name_local" text null, "parts_th" text not null, "parts_en" text not null, "preparation_th" text not null, "preparation_en" text not null, "cautions_th" text not null, "cautions_en" text not null, "uses" jsonb not null, "photos" jsonb not null, "wikidata_id" text null, "wikipedia_url" text null, "created_by" text null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "herb_page_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_herb_page_species_id_unique" ON "herb_page" ("species_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_herb_page_slug_unique" ON "herb_page" ("slug") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_herb_page_deleted_at" ON "herb_page" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`create table if not exists "herb_recipe" ("id" text not null, "slug" text not null, "published" boolean not null default false, "title_th" text not null, "title_en" text not null, "body_th" text not null, "body_en" text not null, "source_th" text not null, "source_en" text not null, "position" integer not null default 0, "created_by" text null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "herb_recipe_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_herb_recipe_slug_unique" ON "herb_recipe" ("slug") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_herb_recipe_deleted_at" ON "herb_recipe" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "herb_recipe" cascade;`);
    this.addSql(`drop table if exists "herb_page" cascade;`);
  }

}
