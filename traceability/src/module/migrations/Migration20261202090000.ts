import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// Scans counted per network as well as per view (docs/decisions/0018-scan-verdict-counts-networks.md):
// label_unit.network_count and the (label unit, network hash) pairs behind it. The pairs table is plain SQL
// (no model): only the scan path's one statement writes it, and its primary key is what makes a network
// count once. Existing scan events fill it (their ip_hash is the salted hash of an IPv4 address, which is
// its network; an old IPv6 hash stays one network of its own).
export class Migration20261202090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "label_unit" add column if not exists "network_count" integer not null default 0;`);
    this.addSql(`create table if not exists "label_unit_network" ("label_unit_id" text not null references "label_unit" ("id") on delete cascade, "network_hash" text not null, "first_seen_at" timestamptz not null default now(), constraint "label_unit_network_pkey" primary key ("label_unit_id", "network_hash"));`);
    this.addSql(`insert into "label_unit_network" ("label_unit_id", "network_hash", "first_seen_at")
      select e."label_unit_id", e."ip_hash", min(e."scanned_at") from "scan_event" e join "label_unit" u on u."id" = e."label_unit_id"
      where e."deleted_at" is null and e."verdict" in ('first_scan', 'repeat_scan')
      group by e."label_unit_id", e."ip_hash"
      on conflict do nothing;`);
    this.addSql(`update "label_unit" u set "network_count" = n."count" from (select "label_unit_id", count(*)::int as "count" from "label_unit_network" group by "label_unit_id") n where n."label_unit_id" = u."id";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "label_unit_network";`);
    this.addSql(`alter table if exists "label_unit" drop column if exists "network_count";`);
  }

}
