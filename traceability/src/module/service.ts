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
  allocateFifo,
  type AllocationResult,
  bangkokStartOfDay,
  bookOnce,
  type CalendarDate,
  checkConsumption,
  checkPackScan,
  checkPayment,
  type FreeBatchUnits,
  generateSerial,
  gramsToKg,
  kgToGrams,
  type LedgerEntry,
  type LedgerEntryKind,
  LedgerError,
  type LedgerSource,
  monthBounds,
  nextLotNumber,
  type PackScanVerdict,
  paymentKey,
} from "../index"
import {
  Batch,
  BatchInput,
  Certification,
  FarmGatePrice,
  HarvestCorrection,
  type HarvestChange,
  HarvestLot,
  HerbPage,
  HerbRecipe,
  HerbSpecies,
  Household,
  LabelUnit,
  Plot,
  PrivateDataReveal,
  ScanEvent,
  ShareRule,
  UnitAllocation,
  LabelReport,
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

export type ScanUnit = {
  id: string
  serial: string
  batch_id: string
  lot_number: string
  scan_count: number
  network_count: number
  first_scan_at: Date | null
  batch_status: string
  /** When the unit was packed into a buyer's fulfilment (its active allocation), or null. */
  sold_at: Date | null
  /** Whether the batch is packed unit by unit (it has an active allocation): only then is "never sold" said. */
  batch_tracked: boolean
}

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

/** An order line as packing sees it (quantity = units still ordered, returns and cancellations taken off). */
export type PackLine = { line_item_id: string; variant_id: string; quantity: number; title?: string | null }

export type PackScanInput = {
  order_id: string
  order_display?: string | null
  label_unit_id: string
  /** The variant of the unit's batch (module link batch ↔ variant, read by the caller). */
  variant_id: string
  lines: PackLine[]
  today: CalendarDate
  created_by: string | null
}

export type FifoInput = {
  order_id: string
  lines: PackLine[]
  /** Every batch of each variant of the order (the link is the caller's to read). */
  batches_by_variant: Record<string, string[]>
  today: CalendarDate
  created_by: string | null
}

/** Postgres' unique violation, from MikroORM's driver exception or the raw error. */
function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; name?: string; cause?: { code?: string } }
  return err?.code === "23505" || err?.cause?.code === "23505" || err?.name === "UniqueConstraintViolationException"
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

/** The Bangkok months touching the days from..to: each month's first day in the range (`from` for the first) and "YYYY-MM". */
function monthsFrom(from: string, to: string): { start: string; month: string }[] {
  const months: { start: string; month: string }[] = []
  for (let start = from; start <= to; start = addDays(monthBounds(start.slice(0, 7)).to, 1)) months.push({ start, month: start.slice(0, 7) })
  return months
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

/** 400 NOT_ALLOWED with code IN_USE: the record is still referred to. */
function inUse(message: string, message_th: string): MedusaError {
  return Object.assign(new MedusaError(MedusaError.Types.NOT_ALLOWED, message, "IN_USE"), { message_th })
}

/**
 * 409 with our own message (an explicit status: Medusa would answer a CONFLICT with its generic text); the
 * backend's error handler reads code, message_th and status off the error (docs/decisions/0021-conventions.md).
 */
function conflictOf(code: string, message: string, message_th: string): MedusaError {
  return Object.assign(new MedusaError(MedusaError.Types.CONFLICT, message, code), { message_th, status: 409 })
}

function harvestVoided(id: string): MedusaError {
  return conflictOf("HARVEST_VOIDED", `Harvest lot ${id} was voided and cannot be changed or used`, `ล็อตเก็บเกี่ยว ${id} ถูกยกเลิกแล้ว แก้ไขหรือนำไปใช้ไม่ได้`)
}

/** The fields of a harvest lot a correction may change, as stored. */
export type HarvestLotState = {
  plot_id: string
  household_id: string
  species_id: string
  harvested_on: string
  grams_harvested: number
  certifications: unknown[]
}

const HARVEST_STATE_COLUMNS = "id, plot_id, household_id, species_id, harvested_on, grams_harvested, grams_used, certifications, voided_at"

function harvestState(r: Record<string, unknown>): HarvestLotState {
  return {
    plot_id: String(r.plot_id),
    household_id: String(r.household_id),
    species_id: String(r.species_id),
    harvested_on: String(r.harvested_on),
    grams_harvested: Number(r.grams_harvested),
    certifications: (typeof r.certifications === "string" ? JSON.parse(r.certifications) : r.certifications) as unknown[],
  }
}

/** What a group member changed (the household and certifications follow the plot and date, so they are not listed). */
function harvestChanges(before: HarvestLotState, after: HarvestLotState): Record<string, HarvestChange> {
  const changes: Record<string, HarvestChange> = {}
  for (const field of ["plot_id", "species_id", "harvested_on", "grams_harvested"] as const) {
    if (before[field] !== after[field]) changes[field] = { before: before[field], after: after[field] }
  }
  return changes
}

export type HarvestCorrectionInput = {
  harvest_lot_id: string
  /** The lot as the caller read it before checking the new values: a lot changed since is refused (HARVEST_CHANGED). */
  read: HarvestLotState
  after: HarvestLotState
  reason: string
  created_by: string | null
}

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
    // message_th: the backend's error handler adds it to the answer (docs/decisions/0021-conventions.md).
    const error = new MedusaError(MedusaError.Types.NOT_ALLOWED, check.problems.map((p) => p.message_en).join(" "), check.problems[0]?.code)
    throw Object.assign(error, { message_th: check.problems.map((p) => p.message_th).join(" ") })
  }
}

class TraceabilityModuleService extends MedusaService({
  HerbPage,
  HerbRecipe,
  HerbSpecies,
  Household,
  Plot,
  Certification,
  HarvestLot,
  HarvestCorrection,
  Batch,
  BatchInput,
  LabelUnit,
  ScanEvent,
  FarmGatePrice,
  ShareRule,
  UnitAllocation,
  LabelReport,
  PrivateDataReveal,
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
    if (lotIds.length === 0) {
      throw Object.assign(new MedusaError(MedusaError.Types.INVALID_DATA, "a batch needs at least one harvest lot"), { message_th: "ล็อตการผลิตต้องมีล็อตเก็บเกี่ยวอย่างน้อยหนึ่งล็อต" })
    }

    const rows = await em.execute(
      `select id, grams_harvested, grams_used, voided_at from harvest_lot where deleted_at is null and id in (${placeholders(lotIds.length)}) order by id for update`,
      lotIds
    )
    // Under the lot's lock: a void committed before this batch is seen here (decision 0067).
    const voided = rows.find((r) => r.voided_at != null)
    if (voided) throw harvestVoided(String(voided.id))
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

  /*
   * Correcting and voiding a harvest lot (issue 15, decision 0067). Each locks the lot row (SELECT … FOR UPDATE,
   * as createBatchConsuming does), so a batch created at the same moment either used the lot first (and the
   * change is refused) or waits and then sees the change (a voided lot is refused).
   */

  /** The locked lot, or 404; refused while voided or used by a batch. */
  private async lockChangeableHarvestLot(em: SqlManager, id: string): Promise<Record<string, unknown>> {
    const [row] = await em.execute(`select ${HARVEST_STATE_COLUMNS} from harvest_lot where id = ? and deleted_at is null for update`, [id])
    if (!row) {
      throw Object.assign(new MedusaError(MedusaError.Types.NOT_FOUND, `Harvest lot ${id} was not found`, "NOT_FOUND"), { message_th: `ไม่พบล็อตเก็บเกี่ยว ${id}` })
    }
    if (row.voided_at != null) throw harvestVoided(id)
    const [input] = await em.execute(`select 1 from batch_input where harvest_lot_id = ? and deleted_at is null limit 1`, [id])
    if (Number(row.grams_used) > 0 || input) {
      throw conflictOf(
        "HARVEST_IN_BATCH",
        `Harvest lot ${id} is already used by a batch; it can no longer be corrected or voided`,
        `ล็อตเก็บเกี่ยว ${id} ถูกนำไปผลิตแล้ว จึงแก้ไขหรือยกเลิกไม่ได้`
      )
    }
    return row
  }

  /** Corrects a lot and writes the correction (before → after, reason, who) to its audit trail, in one transaction. */
  @InjectTransactionManager()
  async correctHarvestLot(input: HarvestCorrectionInput, @MedusaContext() ctx: Context = {}): Promise<{ correction_id: string; before: HarvestLotState; changes: Record<string, HarvestChange> }> {
    const em = ctx.transactionManager as SqlManager
    const before = harvestState(await this.lockChangeableHarvestLot(em, input.harvest_lot_id))
    if (Object.keys(harvestChanges(before, input.read)).length > 0 || before.household_id !== input.read.household_id) {
      throw conflictOf("HARVEST_CHANGED", `Harvest lot ${input.harvest_lot_id} was changed meanwhile; reload and try again`, `ล็อตเก็บเกี่ยว ${input.harvest_lot_id} ถูกแก้ไขไปแล้วระหว่างนี้ โปรดโหลดใหม่แล้วลองอีกครั้ง`)
    }
    const changes = harvestChanges(before, input.after)
    if (Object.keys(changes).length === 0) {
      throw Object.assign(new MedusaError(MedusaError.Types.INVALID_DATA, "The correction changes nothing", "NOTHING_TO_CORRECT"), { message_th: "ไม่มีข้อมูลที่เปลี่ยนแปลง" })
    }
    await this.writeHarvestState(em, input.harvest_lot_id, input.after)
    const correction = await this.createHarvestCorrections({ harvest_lot_id: input.harvest_lot_id, changes, reason: input.reason, created_by: input.created_by }, ctx)
    return { correction_id: correction.id, before, changes }
  }

  private async writeHarvestState(em: SqlManager, id: string, s: HarvestLotState): Promise<void> {
    await em.execute(
      `update harvest_lot set plot_id = ?, household_id = ?, species_id = ?, harvested_on = ?, grams_harvested = ?, certifications = ?::jsonb, updated_at = now() where id = ?`,
      [s.plot_id, s.household_id, s.species_id, s.harvested_on, s.grams_harvested, JSON.stringify(s.certifications), id]
    )
  }

  /** Compensation of correctHarvestLot: the lot as it was, and the correction gone (it did not happen). */
  @InjectTransactionManager()
  async undoHarvestCorrection(harvestLotId: string, correctionId: string, before: HarvestLotState, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    await em.execute(`select id from harvest_lot where id = ? for update`, [harvestLotId])
    await this.writeHarvestState(em, harvestLotId, before)
    await em.execute(`delete from harvest_correction where id = ?`, [correctionId])
  }

  /** Voids a lot (who, when, why); it stays listed but cannot be corrected or used by a batch. */
  @InjectTransactionManager()
  async voidHarvestLot(id: string, reason: string, actor: string | null, @MedusaContext() ctx: Context = {}): Promise<HarvestLotState> {
    const em = ctx.transactionManager as SqlManager
    const row = await this.lockChangeableHarvestLot(em, id)
    await em.execute(`update harvest_lot set voided_at = now(), voided_by = ?, void_reason = ?, updated_at = now() where id = ?`, [actor, reason, id])
    return harvestState(row)
  }

  /** Compensation of voidHarvestLot. */
  @InjectTransactionManager()
  async unvoidHarvestLot(id: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    await em.execute(`update harvest_lot set voided_at = null, voided_by = null, void_reason = null, updated_at = now() where id = ?`, [id])
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
    const lots = await this.listHarvestLots({ id: [...new Set(inputs.map((i) => i.harvest_lot_id))] }, { select: ["id", "grams_harvested", "grams_used", "voided_at"] })
    const voided = lots.find((l) => l.voided_at != null)
    if (voided) throw harvestVoided(voided.id)
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
      `select u.id, u.serial, u.batch_id, u.scan_count, u.network_count, u.first_scan_at, b.lot_number, b.status as batch_status,
         (select min(a.created_at) from unit_allocation a where a.label_unit_id = u.id and a.released_at is null and a.deleted_at is null and a.fulfillment_id is not null) as sold_at,
         exists (select 1 from unit_allocation t where t.batch_id = u.batch_id and t.released_at is null and t.deleted_at is null) as batch_tracked
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
      batch_status: String(r.batch_status),
      sold_at: r.sold_at ? new Date(r.sold_at as string | Date) : null,
      batch_tracked: r.batch_tracked === true,
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
   * Earned (purchases + shares + reversals) and paid per household and Bangkok month ("YYYY-MM") in the Bangkok
   * days from..to: the impact view's one read of the ledger, grouped in the database. One pass over the period's
   * range of the covering booked_at index; a row's month is its bucket among the months' first instants
   * (width_bucket: comparisons only — converting every row's time to Bangkok's calendar cost more than the
   * rest of the query). Per-household and per-month figures are sums of these rows.
   */
  @InjectManager()
  async ledgerHouseholdMonthTotals(
    from: string,
    to: string,
    @MedusaContext() ctx: Context = {}
  ): Promise<{ household_id: string; month: string; earned: number; paid: number }[]> {
    const em = ctx.manager as SqlManager
    const months = monthsFrom(from, to)
    const rows = await em.execute(
      `select household_id, width_bucket(booked_at, array[${placeholders(months.length)}]::timestamptz[]) as bucket,
         coalesce(sum(satang) filter (where kind <> 'payment'), 0)::text as earned,
         coalesce(-sum(satang) filter (where kind = 'payment'), 0)::text as paid
       from ledger_entry where booked_at >= ? and booked_at < ? group by 1, 2`,
      [...months.map((m) => dayStart(m.start)), dayStart(from), dayStart(addDays(to, 1))]
    )
    return rows.map((r) => ({ household_id: String(r.household_id), month: months[Number(r.bucket) - 1]!.month, earned: Number(r.earned), paid: Number(r.paid) }))
  }

  /*
   * Admin master-data deletes and the household update (issue 11 item 5): each is one transaction, the check that
   * may refuse it included, as Medusa's own services do for their entities. Refusals carry message_th (the
   * backend's error handler answers it; docs/decisions/0021-conventions.md).
   */

  /** Deletes a plot with its certifications; refused (IN_USE) while a harvest lot names the plot. */
  @InjectTransactionManager()
  async deletePlotWithCertifications(plotId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    const [plot] = await em.execute(`select code from plot where id = ? and deleted_at is null for update`, [plotId])
    if (!plot) return
    const [harvest] = await em.execute(`select 1 from harvest_lot where plot_id = ? and deleted_at is null limit 1`, [plotId])
    if (harvest) {
      throw inUse(`Plot ${String(plot.code)} has recorded harvests and cannot be deleted`, `แปลง ${String(plot.code)} มีบันทึกการเก็บเกี่ยวแล้ว ลบไม่ได้`)
    }
    const certifications = await this.listCertifications({ plot_id: plotId }, { select: ["id"] }, ctx)
    if (certifications.length) await this.deleteCertifications(certifications.map((c) => c.id), ctx)
    await this.deletePlots(plotId, ctx)
  }

  /** Deletes a household with its photo; refused (IN_USE) while it has plots. */
  @InjectTransactionManager()
  async deleteHouseholdWithPhoto(householdId: string, actor: string | null, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    const [household] = await em.execute(`select code from household where id = ? and deleted_at is null for update`, [householdId])
    if (!household) return
    const [plot] = await em.execute(`select 1 from plot where household_id = ? and deleted_at is null limit 1`, [householdId])
    if (plot) {
      const code = String(household.code)
      throw inUse(`Household ${code} still has plots; delete or move them first`, `ครัวเรือน ${code} ยังมีแปลงปลูกอยู่ โปรดลบหรือย้ายแปลงก่อน`)
    }
    await this.removeHouseholdPhoto(householdId, actor, ctx)
    await this.deleteHouseholds(householdId, ctx)
  }

  /** Deletes a herb species; refused (IN_USE) while a harvest lot is of it. */
  @InjectTransactionManager()
  async deleteUnusedHerbSpecies(speciesId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    const [species] = await em.execute(`select thai_name from herb_species where id = ? and deleted_at is null for update`, [speciesId])
    if (!species) return
    const [harvest] = await em.execute(`select 1 from harvest_lot where species_id = ? and deleted_at is null limit 1`, [speciesId])
    if (harvest) {
      const name = String(species.thai_name)
      throw inUse(`${name} has recorded harvests and cannot be deleted`, `${name} มีบันทึกการเก็บเกี่ยวแล้ว ลบไม่ได้`)
    }
    await this.deleteHerbSpecies(speciesId, ctx)
  }

  /**
   * Updates a household; when its photo consent is withdrawn, the photo gets a new file name in the same
   * transaction (the address that was public must never serve it again).
   */
  @InjectTransactionManager()
  async updateHouseholdAndPhoto(
    data: Parameters<TraceabilityModuleService["createHouseholds"]>[0][number] & { id: string },
    options: { photoConsentWithdrawn: boolean },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    await this.updateHouseholds(data, ctx)
    if (options.photoConsentWithdrawn) await this.renameHouseholdPhoto(data.id, ctx)
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
       ${after ? "and (a.batch_id, a.order_id, a.id) > (?, ?, ?)" : ""}
       order by a.order_id, a.id limit ?`,
      after ? [batchId, batchId, after.order_id, after.id, limit] : [batchId, limit]
    )
    return rows.map(allocationRow)
  }

  /**
   * Allocations of one variant are serialised by a transaction-scoped advisory lock on the variant: after it
   * is taken, each statement sees every allocation committed before, so "free" and "how many on this line"
   * are true until this transaction ends. The partial unique index on active units is the last guard.
   */
  private async lockVariants(em: SqlManager, variantIds: string[]): Promise<void> {
    for (const v of [...new Set(variantIds)].sort()) await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`maemok-alloc:${v}`])
  }

  /** Active allocations per line of the order. */
  private async allocatedPerLine(em: SqlManager, orderId: string): Promise<Map<string, number>> {
    const rows = await em.execute(
      `select line_item_id, count(*)::int as n from unit_allocation where order_id = ? and released_at is null and deleted_at is null group by line_item_id`,
      [orderId]
    )
    return new Map(rows.map((r) => [String(r.line_item_id), Number(r.n)]))
  }

  /**
   * One scan at the packing table, under the variant's lock: the core's verdict (packing.ts) on what the rows
   * say now, and the allocation written only when it is ok. Two packers of the same serial: the second waits
   * for the lock, then sees the first one's allocation and is told so.
   */
  @InjectTransactionManager()
  async packScannedUnit(input: PackScanInput, @MedusaContext() ctx: Context = {}): Promise<{ verdict: PackScanVerdict; allocation_id: string | null }> {
    const em = ctx.transactionManager as SqlManager
    await this.lockVariants(em, [input.variant_id])
    const [unit] = await em.execute(
      `select u.id, u.serial, u.batch_id, b.lot_number, b.status, b.best_before,
         a.order_id as live_order_id, a.line_item_id as live_line_item_id
       from label_unit u join batch b on b.id = u.batch_id
       left join unit_allocation a on a.label_unit_id = u.id and a.released_at is null and a.deleted_at is null
       where u.id = ? and u.deleted_at is null`,
      [input.label_unit_id]
    )
    const perLine = await this.allocatedPerLine(em, input.order_id)
    const verdict = checkPackScan({
      orderId: input.order_id,
      unit: unit
        ? {
            serial: String(unit.serial),
            batchId: String(unit.batch_id),
            lotNumber: String(unit.lot_number),
            variantId: input.variant_id,
            batchStatus: unit.status as "draft" | "released" | "on_hold" | "recalled",
            bestBefore: unit.best_before == null ? null : String(unit.best_before),
            liveAllocation: unit.live_order_id == null ? null : { orderId: String(unit.live_order_id), lineItemId: String(unit.live_line_item_id) },
          }
        : null,
      lines: input.lines.map((l) => ({ lineItemId: l.line_item_id, variantId: l.variant_id, quantity: l.quantity, allocated: perLine.get(l.line_item_id) ?? 0, title: l.title ?? null })),
      today: input.today,
    })
    if (!verdict.ok || !unit) return { verdict, allocation_id: null }
    const id = generateEntityId(undefined, "ualloc")
    try {
      await em.execute(
        `insert into unit_allocation (id, label_unit_id, batch_id, variant_id, order_id, line_item_id, method, created_by) values (?, ?, ?, ?, ?, ?, 'scanned', ?)`,
        [id, input.label_unit_id, String(unit.batch_id), input.variant_id, input.order_id, verdict.lineItemId, input.created_by]
      )
    } catch (e) {
      if (!isUniqueViolation(e)) throw e
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Unit ${String(unit.serial)} is already packed for another order.`, "UNIT_ALREADY_PACKED")
    }
    return { verdict, allocation_id: id }
  }

  /**
   * FIFO for the units nobody scanned: under the variants' locks, what each line still needs (quantity − active
   * allocations), the free units of the variants' batches, the core's choice (allocation.ts, all or nothing),
   * and one INSERT of the chosen units.
   */
  @InjectTransactionManager()
  async allocateFifoUnits(input: FifoInput, @MedusaContext() ctx: Context = {}): Promise<{ result: AllocationResult; allocation_ids: string[] }> {
    const em = ctx.transactionManager as SqlManager
    await this.lockVariants(em, input.lines.map((l) => l.variant_id))
    const perLine = await this.allocatedPerLine(em, input.order_id)
    const needs = input.lines
      .map((l) => ({ lineItemId: l.line_item_id, variantId: l.variant_id, quantity: Math.max(0, l.quantity - (perLine.get(l.line_item_id) ?? 0)) }))
      .filter((n) => n.quantity > 0)
    if (needs.length === 0) return { result: { ok: true, lines: [] }, allocation_ids: [] }
    const variantOf = new Map<string, string>()
    for (const n of needs) for (const b of input.batches_by_variant[n.variantId] ?? []) variantOf.set(b, n.variantId)
    const batchIds = [...variantOf.keys()]
    const batches: FreeBatchUnits[] = []
    if (batchIds.length > 0) {
      const rows = await em.execute(
        `select b.id, b.lot_number, b.produced_on, b.released_at, b.status, b.best_before,
           coalesce(array_agg(u.id order by u.id) filter (where u.id is not null), '{}') as free
         from batch b left join label_unit u on u.batch_id = b.id and u.deleted_at is null
           and not exists (select 1 from unit_allocation a where a.label_unit_id = u.id and a.released_at is null and a.deleted_at is null)
         where b.id in (${placeholders(batchIds.length)}) and b.deleted_at is null
         group by b.id`,
        batchIds
      )
      for (const r of rows) {
        batches.push({
          batchId: String(r.id),
          variantId: variantOf.get(String(r.id)) as string,
          lotNumber: String(r.lot_number),
          producedOn: String(r.produced_on),
          releasedAt: r.released_at == null ? null : new Date(r.released_at as string | Date).toISOString(),
          status: r.status as FreeBatchUnits["status"],
          bestBefore: r.best_before == null ? null : String(r.best_before),
          unitIds: (r.free as string[]).map(String),
        })
      }
    }
    const result = allocateFifo(needs, batches, input.today)
    if (!result.ok) return { result, allocation_ids: [] }
    const variantOfLine = new Map(input.lines.map((l) => [l.line_item_id, l.variant_id]))
    const values = result.lines.flatMap((l) => l.units.map((u) => ({ id: generateEntityId(undefined, "ualloc"), line: l.lineItemId, unit: u })))
    if (values.length > 0) {
      await em.execute(
        `insert into unit_allocation (id, label_unit_id, batch_id, variant_id, order_id, line_item_id, method, created_by) values ${values.map(() => "(?, ?, ?, ?, ?, ?, 'fifo', ?)").join(", ")}`,
        values.flatMap((v) => [v.id, v.unit.unitId, v.unit.batchId, variantOfLine.get(v.line) as string, input.order_id, v.line, input.created_by])
      )
    }
    return { result, allocation_ids: values.map((v) => v.id) }
  }

  /** Records the fulfilment on the order's active allocations that have none yet; returns their ids. */
  @InjectTransactionManager()
  async attachAllocationsToFulfillment(orderId: string, fulfillmentId: string, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    const em = ctx.transactionManager as SqlManager
    const rows = await em.execute(
      `update unit_allocation set fulfillment_id = ?, updated_at = now() where order_id = ? and fulfillment_id is null and released_at is null and deleted_at is null returning id`,
      [fulfillmentId, orderId]
    )
    // The parcel's shipment sequence number (its SSCC), once.
    await em.execute(`insert into shipment_sscc (fulfillment_id) values (?) on conflict do nothing`, [fulfillmentId])
    return rows.map((r) => String(r.id))
  }

  /**
   * The parcels (fulfilments) holding active units of a batch, with their shipment sequence, packing time and
   * their whole content counted per batch and variant (a parcel may hold several lots).
   */
  @InjectManager()
  async listShipmentsOfBatch(batchId: string, @MedusaContext() ctx: Context = {}) {
    const em = ctx.manager as SqlManager
    const rows = await em.execute(
      `select s.fulfillment_id, s.sequence, s.created_at as packed_at, b.lot_number, a.variant_id, count(*)::int as units
       from shipment_sscc s
       join unit_allocation a on a.fulfillment_id = s.fulfillment_id and a.released_at is null and a.deleted_at is null
       join batch b on b.id = a.batch_id
       where s.fulfillment_id in (select distinct fulfillment_id from unit_allocation where batch_id = ? and released_at is null and deleted_at is null and fulfillment_id is not null)
       group by 1, 2, 3, 4, 5 order by 2, 4`,
      [batchId]
    )
    const out = new Map<string, { fulfillment_id: string; sequence: number; packed_at: Date; contents: { lot_number: string; variant_id: string; units: number }[] }>()
    for (const r of rows) {
      const id = String(r.fulfillment_id)
      const s = out.get(id) ?? { fulfillment_id: id, sequence: Number(r.sequence), packed_at: new Date(r.packed_at as string | Date), contents: [] }
      s.contents.push({ lot_number: String(r.lot_number), variant_id: String(r.variant_id), units: Number(r.units) })
      out.set(id, s)
    }
    return [...out.values()]
  }

  /** Compensation of attachAllocationsToFulfillment. */
  @InjectTransactionManager()
  async detachAllocations(ids: string[], @MedusaContext() ctx: Context = {}): Promise<void> {
    if (ids.length === 0) return
    const em = ctx.transactionManager as SqlManager
    await em.execute(`update unit_allocation set fulfillment_id = null, updated_at = now() where id in (${placeholders(ids.length)})`, ids)
  }

  /**
   * Unpacking: the allocations (by id, or all active ones of a fulfilment / an order's unfulfilled ones) are
   * released, never deleted. Returns the ids released now.
   */
  @InjectTransactionManager()
  async releaseAllocations(
    which: { ids?: string[]; fulfillment_id?: string; order_id_unfulfilled?: string },
    reason: string,
    @MedusaContext() ctx: Context = {}
  ): Promise<string[]> {
    const em = ctx.transactionManager as SqlManager
    const where: string[] = []
    const params: unknown[] = [reason]
    if (which.ids) {
      if (which.ids.length === 0) return []
      where.push(`id in (${placeholders(which.ids.length)})`)
      params.push(...which.ids)
    }
    if (which.fulfillment_id) {
      where.push(`fulfillment_id = ?`)
      params.push(which.fulfillment_id)
    }
    if (which.order_id_unfulfilled) {
      where.push(`order_id = ? and fulfillment_id is null`)
      params.push(which.order_id_unfulfilled)
    }
    if (where.length === 0) throw new MedusaError(MedusaError.Types.INVALID_DATA, "releaseAllocations needs ids, a fulfilment or an order")
    const rows = await em.execute(
      `update unit_allocation set released_at = now(), released_reason = ?, updated_at = now() where ${where.join(" and ")} and released_at is null and deleted_at is null returning id`,
      params
    )
    return rows.map((r) => String(r.id))
  }

  /**
   * Compensation of releaseAllocations: makes the rows active again (only while no other allocation of the
   * unit became active meanwhile; those stay released).
   */
  @InjectTransactionManager()
  async reactivateAllocations(ids: string[], @MedusaContext() ctx: Context = {}): Promise<void> {
    if (ids.length === 0) return
    const em = ctx.transactionManager as SqlManager
    await em.execute(
      `update unit_allocation a set released_at = null, released_reason = null, updated_at = now() where a.id in (${placeholders(ids.length)})
       and not exists (select 1 from unit_allocation o where o.label_unit_id = a.label_unit_id and o.id <> a.id and o.released_at is null and o.deleted_at is null)`,
      ids
    )
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
