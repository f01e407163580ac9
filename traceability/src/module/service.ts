import crypto from "node:crypto"
import type { Context } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import {
  addDays,
  bangkokStartOfDay,
  bookOnce,
  checkConsumption,
  checkPayment,
  generateSerial,
  gramsToKg,
  kgToGrams,
  LedgerError,
  type LedgerEntry,
  type LedgerEntryKind,
  type LedgerSource,
  nextLotNumber,
  paymentKey,
} from "../index"
import {
  Batch,
  BatchInput,
  Certification,
  FarmGatePrice,
  HarvestLot,
  HerbSpecies,
  Household,
  LabelUnit,
  Plot,
  ScanEvent,
  ShareRule,
  UnitAllocation,
} from "./models"

/** The part of MikroORM's EntityManager used for the few statements that need explicit locks. */
type SqlManager = { execute: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]> }

export type ConsumeInput = {
  /** The batch's id, chosen before the transaction (the variant link is written first, see create-batch). */
  id: string
  lot_prefix: string
  produced_on: string
  best_before: string | null
  units_planned: number
  inputs: { harvest_lot_id: string; kg: number }[]
  /** Label units to issue with the batch, in the same transaction (0 = none). */
  issue_units: number
  created_by: string | null
}

export type ScanUpdate = {
  label_unit_id: string
  serial: string
  batch_id: string
  scan_count: number
  network_count: number
  first_scan_at: Date
  /** The networks of this call that had not opened this serial before. */
  new_networks: string[]
}

export type ScanUnit = { id: string; serial: string; batch_id: string; lot_number: string; scan_count: number; network_count: number; first_scan_at: Date | null }

export type ScanEventRow = {
  gtin: string
  lot: string
  serial: string
  label_unit_id: string | null
  ip_hash: string
  verdict: string
  scanned_at: Date
}

/** One allocation as the callers read it (an active one has released_at null). */
export type AllocationRow = {
  id: string
  label_unit_id: string
  serial: string
  batch_id: string
  lot_number: string
  variant_id: string
  order_id: string
  line_item_id: string
  fulfillment_id: string | null
  method: "scanned" | "fifo"
  created_at: Date
  released_at: Date | null
}

/** Keyset paging: rows after (order_id, id) `after`, at most `limit` (1‥500). */
export type AllocationPage = { limit: number; after?: { order_id: string; id: string } | null }

const ALLOCATION_COLUMNS = `a.id, a.label_unit_id, u.serial, a.batch_id, b.lot_number, a.variant_id, a.order_id, a.line_item_id,
  a.fulfillment_id, a.method, a.created_at, a.released_at`

function allocationRow(r: Record<string, unknown>): AllocationRow {
  return {
    id: String(r.id),
    label_unit_id: String(r.label_unit_id),
    serial: String(r.serial),
    batch_id: String(r.batch_id),
    lot_number: String(r.lot_number),
    variant_id: String(r.variant_id),
    order_id: String(r.order_id),
    line_item_id: String(r.line_item_id),
    fulfillment_id: r.fulfillment_id == null ? null : String(r.fulfillment_id),
    method: r.method === "fifo" ? "fifo" : "scanned",
    created_at: new Date(r.created_at as string | Date),
    released_at: r.released_at == null ? null : new Date(r.released_at as string | Date),
  }
}

export type HouseholdPhoto = { file_name: string; content_type: string; data: Buffer }

/** A new unguessable photo file name: 128 random bits and the type's extension. */
function photoFileName(contentType: string): string {
  return `${crypto.randomBytes(16).toString("hex")}.${contentType === "image/png" ? "png" : "jpg"}`
}

/** A ledger row as stored (ledger_entry is a plain table, see Migration20261202120000). */
function entryFromRow(r: Record<string, unknown>): LedgerEntry {
  return {
    idempotencyKey: String(r.idempotency_key),
    householdId: String(r.household_id),
    kind: String(r.kind) as LedgerEntryKind,
    satang: Number(r.satang),
    source: (typeof r.source === "string" ? JSON.parse(r.source) : r.source) as LedgerSource,
    bookedAt: new Date(r.booked_at as string | Date).toISOString(),
    bookedBy: r.booked_by === null || r.booked_by === undefined ? null : String(r.booked_by),
  }
}

function sourceColumns(e: LedgerEntry): { order_id: string | null; batch_id: string | null; harvest_lot_id: string | null; payout_id: string | null } {
  const s = e.source
  return {
    order_id: s.type === "unit_sale" || s.type === "refund" ? s.orderId : null,
    batch_id: s.type === "unit_sale" ? s.batchId : null,
    harvest_lot_id: s.type === "harvest_lot" ? s.harvestLotId : null,
    payout_id: s.type === "payout" ? s.payoutId : null,
  }
}

/** The instant a Bangkok calendar day starts (for timestamptz ranges). */
function dayStart(date: string): string {
  return bangkokStartOfDay(date)
}

export type LedgerFilter = { household_id?: string; order_id?: string; payout_id?: string; harvest_lot_id?: string; keys?: string[] }

export type PaymentInput = {
  household_id: string
  amount_satang: number
  payout_id: string
  method: "cash" | "bank_transfer" | "promptpay"
  /** null: the next number of the ledger's receipt sequence (RV-<year>-<n>). */
  receipt_number: string | null
  paid_at: string
  /** The group member who handed the money over (free text, printed on the receipt). */
  paid_by_name: string | null
  booked_by: string | null
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ")
}

type LotGrams = { id: string; grams_harvested: number; grams_used: number }

/** The core's mass balance on harvest lots; refuses with its message and code. */
function assertConsumable(inputs: ConsumeInput["inputs"], lots: LotGrams[]): void {
  const check = checkConsumption(
    inputs.map((i) => ({ harvestLotId: i.harvest_lot_id, plotId: "", householdId: "", speciesId: "", kgUsed: i.kg })),
    lots.map((lot) => ({
      harvestLotId: lot.id,
      kgHarvested: gramsToKg(lot.grams_harvested),
      kgAlreadyUsed: gramsToKg(lot.grams_used),
    }))
  )
  if (!check.ok) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, check.problems.map((p) => p.message_en).join(" "), check.problems[0]?.code)
  }
}

class TraceabilityModuleService extends MedusaService({
  HerbSpecies,
  Household,
  Plot,
  Certification,
  HarvestLot,
  Batch,
  BatchInput,
  LabelUnit,
  ScanEvent,
  FarmGatePrice,
  ShareRule,
  UnitAllocation,
}) {
  /**
   * Creates a draft batch, takes its herb from the harvest lots and issues its first label units, in
   * ONE transaction that locks the lot rows first (SELECT … FOR UPDATE, in id order so two batches
   * cannot deadlock). A second request racing for the same kilograms waits for the lock, then sees
   * what the first one used. A crash leaves either all of it or none of it.
   */
  @InjectTransactionManager()
  async createBatchConsuming(input: ConsumeInput, @MedusaContext() ctx: Context = {}): Promise<{ id: string; lot_number: string }> {
    const em = ctx.transactionManager as SqlManager
    const lotIds = [...new Set(input.inputs.map((i) => i.harvest_lot_id))].sort()
    if (lotIds.length === 0) throw new MedusaError(MedusaError.Types.INVALID_DATA, "a batch needs at least one harvest lot")

    const rows = await em.execute(
      `select id, grams_harvested, grams_used from harvest_lot where deleted_at is null and id in (${placeholders(lotIds.length)}) order by id for update`,
      lotIds
    )
    assertConsumable(
      input.inputs,
      rows.map((r) => ({ id: String(r.id), grams_harvested: Number(r.grams_harvested), grams_used: Number(r.grams_used) }))
    )

    // One lot number per prefix and month: serialise numbering per prefix for this transaction.
    await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`maemok-lot:${input.lot_prefix}`])
    const existing = await em.execute(`select lot_number from batch where lot_number like ?`, [`${input.lot_prefix}-%`])
    const lotNumber = nextLotNumber(input.lot_prefix, input.produced_on, existing.map((r) => String(r.lot_number)))

    const grams = new Map<string, number>()
    for (const line of input.inputs) {
      grams.set(line.harvest_lot_id, (grams.get(line.harvest_lot_id) ?? 0) + kgToGrams(line.kg))
    }
    for (const [id, g] of grams) {
      await em.execute(`update harvest_lot set grams_used = grams_used + ?, updated_at = now() where id = ?`, [g, id])
    }

    const batch = await this.createBatches(
      {
        id: input.id,
        lot_number: lotNumber,
        produced_on: input.produced_on,
        best_before: input.best_before,
        units_planned: input.units_planned,
        status: "draft",
        created_by: input.created_by,
        updated_by: input.created_by,
      },
      ctx
    )
    await this.createBatchInputs(
      [...grams].map(([harvest_lot_id, grams_used]) => ({ batch_id: batch.id, harvest_lot_id, grams_used })),
      ctx
    )
    if (input.issue_units > 0) await this.issueLabelUnits(batch.id, input.issue_units, ctx)
    return { id: batch.id, lot_number: batch.lot_number }
  }

  /** Issues `count` label units (random 80-bit serials) of a batch; in the caller's transaction when given one. */
  @InjectTransactionManager()
  async issueLabelUnits(batchId: string, count: number, @MedusaContext() ctx: Context = {}) {
    return this.createLabelUnits(Array.from({ length: count }, () => ({ batch_id: batchId, serial: generateSerial(), scan_count: 0 })), ctx)
  }

  /**
   * The same mass-balance check without locks or writes: refuses a batch the lots cannot supply
   * before anything is written (createBatchConsuming checks again under its locks).
   */
  async checkConsumable(inputs: ConsumeInput["inputs"]): Promise<void> {
    const lots = await this.listHarvestLots({ id: [...new Set(inputs.map((i) => i.harvest_lot_id))] }, { select: ["id", "grams_harvested", "grams_used"] })
    assertConsumable(inputs, lots)
  }

  /** Compensation of createBatchConsuming: gives the grams back and removes the batch for good. */
  @InjectTransactionManager()
  async deleteBatchConsuming(batchId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    const inputs = await em.execute(`select harvest_lot_id, grams_used from batch_input where batch_id = ? and deleted_at is null order by harvest_lot_id`, [batchId])
    if (inputs.length > 0) {
      const ids = inputs.map((r) => String(r.harvest_lot_id))
      await em.execute(`select id from harvest_lot where id in (${placeholders(ids.length)}) order by id for update`, ids)
      for (const r of inputs) {
        await em.execute(`update harvest_lot set grams_used = grams_used - ?, updated_at = now() where id = ?`, [Number(r.grams_used), String(r.harvest_lot_id)])
      }
    }
    await em.execute(`delete from label_unit where batch_id = ?`, [batchId])
    await em.execute(`delete from batch_input where batch_id = ?`, [batchId])
    await em.execute(`delete from batch where id = ?`, [batchId])
  }

  /**
   * The scan path, in plain statements (it runs for every buyer's scan; ORM entities and their events would
   * cost more than the work). First: the label units of these serials with their batch's lot, in one query.
   */
  @InjectManager()
  async findUnitsForScans(serials: string[], @MedusaContext() ctx: Context = {}): Promise<ScanUnit[]> {
    if (serials.length === 0) return []
    const em = ctx.manager as SqlManager
    const rows = await em.execute(
      `select u.id, u.serial, u.batch_id, u.scan_count, u.network_count, u.first_scan_at, b.lot_number
       from label_unit u join batch b on b.id = u.batch_id
       where u.deleted_at is null and u.serial in (${placeholders(serials.length)})`,
      serials
    )
    return rows.map((r) => ({
      id: String(r.id),
      serial: String(r.serial),
      batch_id: String(r.batch_id),
      lot_number: String(r.lot_number),
      scan_count: Number(r.scan_count),
      network_count: Number(r.network_count),
      first_scan_at: r.first_scan_at ? new Date(r.first_scan_at as string | Date) : null,
    }))
  }

  /**
   * Counts scans of several serials in ONE statement. Every view adds to `scan_count` (statistics); a network
   * (salted hash, see scanNetwork) that has not opened that serial before is added to `label_unit_network` and
   * to `network_count` (what the verdict judges). `n` views of a serial add `n` atomically and a network is
   * new for exactly one statement (primary key, ON CONFLICT DO NOTHING), so concurrent batches and several
   * server processes each get their own range of counts. New pairs are inserted in key order, so two
   * statements waiting for each other's rows cannot deadlock. Returns the counts after this statement (for
   * the serials that have a label unit) and which of the given networks were new.
   */
  @InjectManager()
  async countScans(scans: { serial: string; network_hash: string }[], @MedusaContext() ctx: Context = {}): Promise<ScanUpdate[]> {
    if (scans.length === 0) return []
    const em = ctx.manager as SqlManager
    const rows = await em.execute(
      `with v(serial, network_hash) as (values ${scans.map(() => "(?, ?)").join(", ")}),
       new_networks as (
         insert into label_unit_network (label_unit_id, network_hash)
         select distinct u.id, v.network_hash from v join label_unit u on u.serial = v.serial and u.deleted_at is null
         order by 1, 2
         on conflict do nothing
         returning label_unit_id, network_hash
       ),
       views as (select serial, count(*)::int as n from v group by serial)
       update label_unit u set scan_count = u.scan_count + views.n,
         network_count = u.network_count + (select count(*)::int from new_networks nn where nn.label_unit_id = u.id),
         first_scan_at = coalesce(u.first_scan_at, now()), updated_at = now()
       from views
       where u.serial = views.serial and u.deleted_at is null
       returning u.id, u.serial, u.batch_id, u.scan_count, u.network_count, u.first_scan_at,
         (select coalesce(array_agg(nn.network_hash), '{}') from new_networks nn where nn.label_unit_id = u.id) as new_networks`,
      scans.flatMap((s) => [s.serial, s.network_hash])
    )
    return rows.map((row) => ({
      label_unit_id: String(row.id),
      serial: String(row.serial),
      batch_id: String(row.batch_id),
      scan_count: Number(row.scan_count),
      network_count: Number(row.network_count),
      first_scan_at: new Date(row.first_scan_at as string | Date),
      new_networks: (row.new_networks as string[]).map(String),
    }))
  }

  /**
   * Household photos (docs/decisions/0020-household-photos-and-alias.md), in plain statements on the
   * household_photo table. Sets the household's one photo under a new random file name, replacing any
   * earlier one, and records the name on the household (which changes the content stamp, decision 0011).
   */
  @InjectTransactionManager()
  async setHouseholdPhoto(
    householdId: string,
    photo: { content_type: string; data: Buffer },
    actor: string | null,
    @MedusaContext() ctx: Context = {}
  ): Promise<string> {
    const em = ctx.transactionManager as SqlManager
    const fileName = photoFileName(photo.content_type)
    await em.execute(`delete from household_photo where household_id = ?`, [householdId])
    await em.execute(`insert into household_photo (file_name, household_id, content_type, data, created_by) values (?, ?, ?, ?, ?)`, [
      fileName, householdId, photo.content_type, photo.data, actor,
    ])
    await em.execute(`update household set photo_file = ?, updated_at = now(), updated_by = ? where id = ?`, [fileName, actor, householdId])
    return fileName
  }

  /** Deletes the household's photo (its bytes too). */
  @InjectTransactionManager()
  async removeHouseholdPhoto(householdId: string, actor: string | null, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    await em.execute(`delete from household_photo where household_id = ?`, [householdId])
    await em.execute(`update household set photo_file = null, updated_at = now(), updated_by = ? where id = ? and photo_file is not null`, [actor, householdId])
  }

  /**
   * Gives the household's photo a new random file name: after the photo consent is withdrawn, the address
   * that was public must never serve it again, even if the consent is given again later.
   */
  @InjectTransactionManager()
  async renameHouseholdPhoto(householdId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    const [photo] = await em.execute(`select content_type from household_photo where household_id = ? for update`, [householdId])
    if (!photo) return
    const fileName = photoFileName(String(photo.content_type))
    await em.execute(`update household_photo set file_name = ? where household_id = ?`, [fileName, householdId])
    await em.execute(`update household set photo_file = ?, updated_at = now() where id = ?`, [fileName, householdId])
  }

  /** A photo by its public file name, only while its household exists and consents to showing it. */
  @InjectManager()
  async findPublicHouseholdPhoto(fileName: string, @MedusaContext() ctx: Context = {}): Promise<HouseholdPhoto | null> {
    const em = ctx.manager as SqlManager
    const [row] = await em.execute(
      `select p.file_name, p.content_type, p.data from household_photo p
       join household h on h.id = p.household_id and h.photo_file = p.file_name
       where p.file_name = ? and h.consent_photo and h.deleted_at is null`,
      [fileName]
    )
    return row ? { file_name: String(row.file_name), content_type: String(row.content_type), data: row.data as Buffer } : null
  }

  /** The household's photo whatever its consent (the admin's view). */
  @InjectManager()
  async findHouseholdPhoto(householdId: string, @MedusaContext() ctx: Context = {}): Promise<HouseholdPhoto | null> {
    const em = ctx.manager as SqlManager
    const [row] = await em.execute(`select file_name, content_type, data from household_photo where household_id = ?`, [householdId])
    return row ? { file_name: String(row.file_name), content_type: String(row.content_type), data: row.data as Buffer } : null
  }

  // -------------------------------------------------------------------------------------------
  // Household income ledger (issue 13; decisions 0017, 0035). Plain statements on ledger_entry.
  // -------------------------------------------------------------------------------------------

  /**
   * Serialises bookings per household for this transaction (advisory locks in id order, so two bookings
   * touching the same households cannot deadlock): a payment's balance check and the check that a key is not
   * booked with other content see every entry committed before them.
   */
  private async lockHouseholds(em: SqlManager, householdIds: Iterable<string>): Promise<void> {
    for (const id of [...new Set(householdIds)].sort()) {
      await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`maemok-ledger:${id}`])
    }
  }

  private async insertEntries(em: SqlManager, entries: LedgerEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 200) {
      const chunk = entries.slice(i, i + 200)
      await em.execute(
        `insert into ledger_entry (id, idempotency_key, household_id, kind, satang, source, order_id, batch_id, harvest_lot_id, payout_id, booked_at, booked_by)
         values ${chunk.map(() => "(?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)").join(", ")}`,
        chunk.flatMap((e) => {
          const c = sourceColumns(e)
          return [generateEntityId(undefined, "le"), e.idempotencyKey, e.householdId, e.kind, e.satang, JSON.stringify(e.source), c.order_id, c.batch_id, c.harvest_lot_id, c.payout_id, e.bookedAt, e.bookedBy]
        })
      )
    }
  }

  /**
   * Books entries once per idempotency key (core `bookOnce`): under the households' locks, reads what is
   * already booked under the same keys; duplicates are skipped, a key booked with other content is refused
   * (LedgerError CONFLICTING_ENTRY) and nothing is written. Returns the entries this call inserted (what a
   * compensation removes) and those that were already there.
   */
  @InjectTransactionManager()
  async bookLedgerEntries(entries: LedgerEntry[], @MedusaContext() ctx: Context = {}): Promise<{ booked: LedgerEntry[]; alreadyBooked: LedgerEntry[] }> {
    if (entries.length === 0) return { booked: [], alreadyBooked: [] }
    const em = ctx.transactionManager as SqlManager
    await this.lockHouseholds(em, entries.map((e) => e.householdId))
    const keys = entries.map((e) => e.idempotencyKey)
    const existing = await em.execute(`select * from ledger_entry where idempotency_key in (${placeholders(keys.length)})`, keys)
    const result = bookOnce(existing.map(entryFromRow), entries)
    await this.insertEntries(em, result.toBook)
    return { booked: result.toBook, alreadyBooked: result.alreadyBooked }
  }

  /**
   * Records payments to households, all or none: under the households' locks, each payment is checked
   * against what the household is owed (core `checkPayment`: over-payment refused) and booked as a payment
   * entry with its receipt number.
   */
  @InjectTransactionManager()
  async recordHouseholdPayments(payments: PaymentInput[], @MedusaContext() ctx: Context = {}): Promise<LedgerEntry[]> {
    if (payments.length === 0) return []
    const em = ctx.transactionManager as SqlManager
    const ids = payments.map((p) => p.household_id)
    if (new Set(ids).size !== ids.length) throw new LedgerError("CONFLICTING_ENTRY", "มีครัวเรือนซ้ำในรอบจ่ายเดียวกัน", "a household appears twice in one payout")
    await this.lockHouseholds(em, ids)
    const balances = await em.execute(
      `select household_id, sum(satang)::text as balance from ledger_entry where household_id in (${placeholders(ids.length)}) group by household_id`,
      ids
    )
    const owed = new Map(balances.map((r) => [String(r.household_id), Number(r.balance)]))
    const entries: LedgerEntry[] = []
    for (const p of payments) {
      const check = checkPayment(owed.get(p.household_id) ?? 0, p.amount_satang)
      if (!check.ok) throw new LedgerError(check.code, check.message_th, `${check.message_en} (household ${p.household_id})`)
      let receipt = p.receipt_number?.trim() || null
      if (!receipt) {
        const [n] = await em.execute(`select nextval('ledger_receipt_seq')::text as n`)
        receipt = `RV-${p.paid_at.slice(0, 4)}-${String(n?.n).padStart(6, "0")}`
      }
      entries.push({
        idempotencyKey: paymentKey(p.payout_id, p.household_id),
        householdId: p.household_id,
        kind: "payment",
        satang: -p.amount_satang,
        source: { type: "payout", payoutId: p.payout_id, method: p.method, receiptNumber: receipt, paidByName: p.paid_by_name },
        bookedAt: new Date(p.paid_at).toISOString(),
        bookedBy: p.booked_by,
      })
    }
    const existing = await em.execute(`select * from ledger_entry where idempotency_key in (${placeholders(entries.length)})`, entries.map((e) => e.idempotencyKey))
    const result = bookOnce(existing.map(entryFromRow), entries)
    await this.insertEntries(em, result.toBook)
    return [...result.toBook, ...result.alreadyBooked]
  }

  /**
   * Compensation only: removes entries a failed workflow inserted (by key). The append-only trigger lets a
   * DELETE through only inside a transaction that declares itself a compensation.
   */
  @InjectTransactionManager()
  async removeLedgerEntriesForCompensation(keys: string[], @MedusaContext() ctx: Context = {}): Promise<void> {
    if (keys.length === 0) return
    const em = ctx.transactionManager as SqlManager
    await em.execute(`select set_config('maemok.ledger_compensation', 'on', true)`)
    await em.execute(`delete from ledger_entry where idempotency_key in (${placeholders(keys.length)})`, keys)
    await em.execute(`select set_config('maemok.ledger_compensation', 'off', true)`)
  }

  /** Ledger entries by household, order, payout, harvest lot or keys, oldest first. */
  @InjectManager()
  async listLedger(filter: LedgerFilter, @MedusaContext() ctx: Context = {}): Promise<LedgerEntry[]> {
    const em = ctx.manager as SqlManager
    const where: string[] = []
    const params: unknown[] = []
    for (const col of ["household_id", "order_id", "payout_id", "harvest_lot_id"] as const) {
      if (filter[col] !== undefined) {
        where.push(`${col} = ?`)
        params.push(filter[col])
      }
    }
    if (filter.keys) {
      if (filter.keys.length === 0) return []
      where.push(`idempotency_key in (${placeholders(filter.keys.length)})`)
      params.push(...filter.keys)
    }
    if (where.length === 0) throw new Error("listLedger needs a filter")
    const rows = await em.execute(`select * from ledger_entry where ${where.join(" and ")} order by booked_at, idempotency_key`, params)
    return rows.map(entryFromRow)
  }

  /**
   * One household's entries in the Bangkok days from..to, and its balance before `from` (summed in the
   * database, so a statement reads one month of rows whatever the household's history).
   */
  @InjectManager()
  async ledgerWindow(
    householdId: string,
    from: string,
    to: string,
    @MedusaContext() ctx: Context = {}
  ): Promise<{ openingSatang: number; entries: LedgerEntry[] }> {
    const em = ctx.manager as SqlManager
    const start = dayStart(from)
    const end = dayStart(addDays(to, 1))
    const [opening] = await em.execute(`select coalesce(sum(satang), 0)::text as s from ledger_entry where household_id = ? and booked_at < ?`, [householdId, start])
    const rows = await em.execute(
      `select * from ledger_entry where household_id = ? and booked_at >= ? and booked_at < ? order by booked_at, idempotency_key`,
      [householdId, start, end]
    )
    return { openingSatang: Number(opening?.s ?? 0), entries: rows.map(entryFromRow) }
  }

  /** Balance owed per household at the end of Bangkok day `asOf` (households with any entry). */
  @InjectManager()
  async ledgerBalances(asOf: string | null, @MedusaContext() ctx: Context = {}): Promise<Map<string, number>> {
    const em = ctx.manager as SqlManager
    const rows = asOf
      ? await em.execute(`select household_id, sum(satang)::text as s from ledger_entry where booked_at < ? group by household_id`, [dayStart(addDays(asOf, 1))])
      : await em.execute(`select household_id, sum(satang)::text as s from ledger_entry group by household_id`)
    return new Map(rows.map((r) => [String(r.household_id), Number(r.s)]))
  }

  /**
   * Per household, what it earned (purchases + shares + reversals) and was paid in the Bangkok days from..to,
   * summed in the database: the impact report's input (core `privateImpactReport` only adds these up).
   */
  @InjectManager()
  async ledgerTotals(from: string, to: string, @MedusaContext() ctx: Context = {}): Promise<{ household_id: string; earned: number; paid: number }[]> {
    const em = ctx.manager as SqlManager
    const rows = await em.execute(
      `select household_id,
         coalesce(sum(satang) filter (where kind <> 'payment'), 0)::text as earned,
         coalesce(-sum(satang) filter (where kind = 'payment'), 0)::text as paid
       from ledger_entry where booked_at >= ? and booked_at < ? group by household_id`,
      [dayStart(from), dayStart(addDays(to, 1))]
    )
    return rows.map((r) => ({ household_id: String(r.household_id), earned: Number(r.earned), paid: Number(r.paid) }))
  }

  /** Earned and paid per Bangkok month ("YYYY-MM") over all households, in the days from..to (impact charts). */
  @InjectManager()
  async ledgerMonthTotals(from: string, to: string, @MedusaContext() ctx: Context = {}): Promise<{ month: string; earned: number; paid: number }[]> {
    const em = ctx.manager as SqlManager
    const rows = await em.execute(
      `select to_char(booked_at at time zone 'Asia/Bangkok', 'YYYY-MM') as month,
         coalesce(sum(satang) filter (where kind <> 'payment'), 0)::text as earned,
         coalesce(-sum(satang) filter (where kind = 'payment'), 0)::text as paid
       from ledger_entry where booked_at >= ? and booked_at < ? group by 1 order by 1`,
      [dayStart(from), dayStart(addDays(to, 1))]
    )
    return rows.map((r) => ({ month: String(r.month), earned: Number(r.earned), paid: Number(r.paid) }))
  }

  /** The order's active allocations (units packed or FIFO-allocated and not released), by line then serial. */
  @InjectManager()
  async listActiveAllocationsForOrder(orderId: string, @MedusaContext() ctx: Context = {}): Promise<AllocationRow[]> {
    const em = ctx.manager as SqlManager
    const rows = await em.execute(
      `select ${ALLOCATION_COLUMNS} from unit_allocation a join label_unit u on u.id = a.label_unit_id join batch b on b.id = a.batch_id
       where a.order_id = ? and a.released_at is null and a.deleted_at is null order by a.line_item_id, u.serial`,
      [orderId]
    )
    return rows.map(allocationRow)
  }

  /**
   * A batch's active allocations, a page at a time in (order_id, id) order: one query on the partial index
   * (batch_id, order_id) of active rows, whatever the number of orders.
   */
  @InjectManager()
  async listActiveAllocationsForBatch(batchId: string, page: AllocationPage, @MedusaContext() ctx: Context = {}): Promise<AllocationRow[]> {
    const em = ctx.manager as SqlManager
    const limit = Math.min(500, Math.max(1, Math.trunc(page.limit)))
    const after = page.after ?? null
    const rows = await em.execute(
      `select ${ALLOCATION_COLUMNS} from unit_allocation a join label_unit u on u.id = a.label_unit_id join batch b on b.id = a.batch_id
       where a.batch_id = ? and a.released_at is null and a.deleted_at is null
       ${after ? "and (a.order_id, a.id) > (?, ?)" : ""}
       order by a.order_id, a.id limit ?`,
      after ? [batchId, after.order_id, after.id, limit] : [batchId, limit]
    )
    return rows.map(allocationRow)
  }

  /** Stores scan events in one INSERT (ids as the model makes them). */
  @InjectManager()
  async insertScanEvents(events: ScanEventRow[], @MedusaContext() ctx: Context = {}): Promise<void> {
    if (events.length === 0) return
    const em = ctx.manager as SqlManager
    await em.execute(
      `insert into scan_event (id, gtin, lot, serial, label_unit_id, ip_hash, verdict, scanned_at, created_at, updated_at)
       values ${events.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, now(), now())").join(", ")}`,
      events.flatMap((e) => [generateEntityId(undefined, "scan"), e.gtin, e.lot, e.serial, e.label_unit_id, e.ip_hash, e.verdict, e.scanned_at])
    )
  }
}

export default TraceabilityModuleService
