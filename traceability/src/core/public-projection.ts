/**
 * THE public projection: the one function that decides what of a batch's records anyone may see
 * by scanning a label. Every public route, page and export (EPCIS included) goes through it.
 *
 * It works by explicit whitelisting: each output object is built field by field from named input
 * fields, and every value copied is checked to be a primitive of the expected type. Nothing is ever
 * spread or passed through, so a column added to a private record later cannot leak by accident.
 *
 * Public (Thailand PDPA, see docs): product, batch dates and status, recall notice, herbs,
 * certification scheme/number/body/validity, village-level place, household alias, shares and
 * counts. Public only with that household's consent for that field: given name, photo, story.
 * Never public: poverty status or tier, national ID, phone, income, TPMAP data, family name, exact
 * address, plot geometry or coordinates, internal codes and member counts of households.
 */

import { bangkokCalendarDate, type CalendarDate, instantToEpochMs, isCalendarDate, isInstant } from "./calendar-date";
import { type Certification, type CertificationScheme, type CertificationSnapshot, isCertificationScheme, validCertificationsOn } from "./certification";
import { HERB_SOURCE_KINDS, type HerbPageInput, type HerbSourceKind } from "./herb-page";
import { isValidGtin, toGtin14 } from "./gtin";
import { type BatchInputLine, shares } from "./mass-balance";
import { type PublicShareLine, publicShareLine } from "./public-share";
import { type LabelScanState, type ScanVerdict, scanVerdict } from "./scan-verdict";

// ---------------------------------------------------------------------------------------------
// Private input: the full records of one batch, as the module loads them.
// ---------------------------------------------------------------------------------------------

/** Every status a batch can have: the one declaration (the model's enum, the admin and the rules derive from it). */
export const BATCH_STATUSES = ["draft", "released", "on_hold", "recalled"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export interface ProductRecord {
  title: { th: string; en: string };
  variantTitle: string;
  /** The variant's barcode; any GTIN length, or null when it has none. */
  gtin: string | null;
}

export interface BatchRecord {
  lotNumber: string;
  producedOn: CalendarDate;
  bestBefore: CalendarDate | null;
  status: BatchStatus;
  /** Units produced (bottles / compress balls). */
  units?: number | null;
  recallReason?: string | null;
  /** ISO instant. */
  recalledAt?: string | null;
  /** ISO instant the batch was released for sale (public: a batch date). */
  releasedAt?: string | null;
}

/** Village-level place: public. */
export interface CoarseLocation {
  village: string;
  /** The village in English, as entered (decision 0068); empty means none. */
  villageEn?: string | null;
  moo?: string | number | null;
  tambon: string;
  amphoe: string;
  province: string;
}

export interface PlotRecord {
  id: string;
  code: string;
  householdId: string;
  areaRai?: number | null;
  location: CoarseLocation;
  /** PRIVATE: exact plot boundary. */
  geometry?: unknown;
  /** PRIVATE */
  lat?: number | null;
  /** PRIVATE */
  lng?: number | null;
}

export interface HouseholdConsent {
  givenName: boolean;
  photo: boolean;
  story: boolean;
}

export interface HouseholdRecord {
  id: string;
  /** Internal register code (e.g. MM-H-017): not public. */
  code: string;
  /** Public name chosen with the household, e.g. "สวนเถาเอ็นริมห้วย" (never with the given name in it: decision 0020). */
  alias: string;
  /** The alias in English (decision 0068): public like the alias. */
  aliasEn?: string | null;
  village: string;
  villageEn?: string | null;
  moo?: string | number | null;
  tambon: string;
  amphoe?: string | null;
  province?: string | null;
  /** Not public. */
  membersCount?: number | null;
  consent: HouseholdConsent;
  /** Public only with consent.givenName. */
  givenName?: string | null;
  /** The given name romanised: public only with consent.givenName, like the name itself. */
  givenNameEn?: string | null;
  /** Public only with consent.photo. */
  photoUrl?: string | null;
  /** Public only with consent.story. */
  story?: string | null;
  /** The story in English: public only with consent.story. */
  storyEn?: string | null;
  // PRIVATE: never public, whatever the consent says.
  familyName?: string | null;
  povertyTier?: string | number | null;
  povertyStatus?: string | null;
  nationalId?: string | null;
  phone?: string | null;
  income?: number | null;
  tpmapData?: unknown;
  address?: string | null;
}

export interface SpeciesRecord {
  id: string;
  thaiName: string;
  scientificName: string;
  partUsed: string;
  /** English name and part used (decision 0068); empty means none. */
  englishName?: string | null;
  partUsedEn?: string | null;
}

export interface HarvestLotRecord {
  id: string;
  plotId: string;
  householdId: string;
  speciesId: string;
  harvestedOn: CalendarDate;
  kgHarvested: number;
  /** Certifications valid on the harvest date (snapshot taken by checkHarvest). */
  certifications: readonly CertificationSnapshot[];
}

export interface BatchInputRecord {
  harvestLot: HarvestLotRecord;
  kgUsed: number;
}

export interface ScanRecord {
  /** The serial's label-unit record, or null when the serial is unknown. */
  state: LabelScanState | null;
  /** Lot in the scanned URI; defaults to this batch's lot. */
  scannedLot?: string | null;
}

export interface PrivateBatchRecord {
  product: ProductRecord;
  batch: BatchRecord;
  inputs: readonly BatchInputRecord[];
  plots: readonly PlotRecord[];
  households: readonly HouseholdRecord[];
  species: readonly SpeciesRecord[];
  scan?: ScanRecord | null;
  /**
   * What the grower share line needs (issue 13): the variant's price (VAT included, satang) and the share
   * rule in force today for its product. No household money goes in (public-share.ts).
   */
  share?: { priceSatang: number | null; basisPoints: number | null } | null;
}

// ---------------------------------------------------------------------------------------------
// Public output: plain JSON (strings, numbers, booleans, null, arrays, objects).
// ---------------------------------------------------------------------------------------------

/**
 * The English fields below (…En, englishName) are null when none was entered: the storefront then shows the
 * Thai text marked lang="th" (decision 0068), so a missing translation is visible and read correctly.
 */
export interface PublicPlace {
  village: string | null;
  villageEn: string | null;
  moo: string | null;
  tambon: string | null;
  amphoe: string | null;
  province: string | null;
}

export interface PublicCertification {
  scheme: CertificationScheme;
  certificateNumber: string;
  certifyingBody: string;
  validFrom: CalendarDate;
  validUntil: CalendarDate;
}

export interface PublicHerb {
  thaiName: string;
  englishName: string | null;
  scientificName: string;
  partUsed: string;
  partUsedEn: string | null;
  kg: number;
  percent: number;
}

export interface PublicPlot {
  code: string;
  householdAlias: string;
  householdAliasEn: string | null;
  place: PublicPlace;
  /** Scientific names of the herbs this batch took from the plot. */
  herbs: string[];
  /** Certifications valid when this batch's herbs were harvested there. */
  certifications: PublicCertification[];
  kg: number;
  percent: number;
}

export interface PublicHousehold {
  alias: string;
  aliasEn: string | null;
  givenName: string | null;
  givenNameEn: string | null;
  photoUrl: string | null;
  story: string | null;
  storyEn: string | null;
  place: PublicPlace;
  kg: number;
  percent: number;
}

export interface PublicHarvest {
  /** Harvest lot identifier (opaque), used for EPCIS class URIs. */
  ref: string;
  plotCode: string;
  scientificName: string;
  harvestedOn: CalendarDate;
  kgHarvested: number;
  kgUsed: number;
  certifications: PublicCertification[];
}

export interface PublicProvenance {
  product: { title: { th: string; en: string }; variantTitle: string; gtin: string | null };
  /** releasedOn: the Bangkok day the batch was released for sale, or null (still a draft, or not on record). */
  batch: { lot: string; producedOn: CalendarDate; bestBefore: CalendarDate | null; releasedOn: CalendarDate | null; status: BatchStatus; units: number | null };
  /** Present only when the batch is recalled. */
  recall: { recalledAt: string | null; reason: string | null } | null;
  herbs: PublicHerb[];
  plots: PublicPlot[];
  households: PublicHousehold[];
  harvests: PublicHarvest[];
  totals: {
    households: number;
    plots: number;
    harvestLots: number;
    kg: number;
    /** Percent of the input kg certified under each scheme at harvest (rounded down). */
    certifiedPercent: Record<CertificationScheme, number>;
  };
  scan: ScanVerdict | null;
  /**
   * How much of the price goes back to the batch's grower households, in aggregate only (public-share.ts):
   * baht per unit and the household count from three households up, the rule's percentage below that.
   */
  growerShare: PublicShareLine;
}

export interface ProjectionOptions {
  percentDecimals?: number;
  /** A serial opened from more networks than this is flagged (scanVerdict's suspiciousAfterNetworks). */
  suspiciousNetworkCount?: number;
}

// ---------------------------------------------------------------------------------------------

/** A trimmed non-empty string, or null. Objects, numbers etc. are never copied into the output. */
function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

function requiredText(value: unknown, what: string): string {
  const t = text(value);
  if (t === null) throw new Error(`public projection: ${what} is missing`);
  return t;
}

function finiteNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function mooText(value: unknown): string | null {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return String(value);
  return text(value);
}

/** An http(s) URL, or a path on the backend ("/static/…", shown on its public origin by the storefront). */
function httpUrl(value: unknown): string | null {
  const t = text(value);
  return t !== null && (/^https?:\/\/[^\s]+$/i.test(t) || /^\/[^\s/\\][^\s\\]*$/.test(t)) ? t : null;
}

function plotPlace(location: CoarseLocation | undefined): PublicPlace {
  return {
    village: text(location?.village),
    villageEn: text(location?.villageEn),
    moo: mooText(location?.moo),
    tambon: text(location?.tambon),
    amphoe: text(location?.amphoe),
    province: text(location?.province),
  };
}

function householdPlace(h: HouseholdRecord): PublicPlace {
  return {
    village: text(h.village),
    villageEn: text(h.villageEn),
    moo: mooText(h.moo),
    tambon: text(h.tambon),
    amphoe: text(h.amphoe),
    province: text(h.province),
  };
}

/** Whitelisted copy of a certification snapshot, or null if it is not a sound public claim. */
function publicCertification(snapshot: CertificationSnapshot, plotId: string): PublicCertification | null {
  if (snapshot.plotId !== plotId || !isCertificationScheme(snapshot.scheme)) return null;
  const certificateNumber = text(snapshot.certificateNumber);
  const certifyingBody = text(snapshot.certifyingBody);
  if (certificateNumber === null || certifyingBody === null) return null;
  if (!isCalendarDate(snapshot.validFrom) || !isCalendarDate(snapshot.validUntil)) return null;
  return {
    scheme: snapshot.scheme,
    certificateNumber,
    certifyingBody,
    validFrom: snapshot.validFrom,
    validUntil: snapshot.validUntil,
  };
}

/** A fresh copy, so no two places in the output share (and could mutate) one object. */
function copyCertification(c: PublicCertification): PublicCertification {
  return {
    scheme: c.scheme,
    certificateNumber: c.certificateNumber,
    certifyingBody: c.certifyingBody,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
  };
}

/** Code-unit order, not localeCompare: output (and EPCIS event hashes) must not depend on the server's locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortCertifications(list: PublicCertification[]): PublicCertification[] {
  return list.sort(
    (a, b) => cmp(a.scheme, b.scheme) || cmp(a.validFrom, b.validFrom) || cmp(a.certificateNumber, b.certificateNumber),
  );
}

function indexById<T extends { id: string }>(items: readonly T[], what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.id)) throw new Error(`public projection: duplicate ${what} ${item.id}`);
    map.set(item.id, item);
  }
  return map;
}

function lookup<T>(map: Map<string, T>, id: string, what: string, from: string): T {
  const found = map.get(id);
  if (!found) throw new Error(`public projection: harvest lot ${from} refers to unknown ${what} ${id}`);
  return found;
}

/** Builds the public view of one batch from its full private records. */
export function publicProjection(record: PrivateBatchRecord, options: ProjectionOptions = {}): PublicProvenance {
  const plots = indexById(record.plots, "plot");
  const households = indexById(record.households, "household");
  const species = indexById(record.species, "species");

  const batch = record.batch;
  const lot = requiredText(batch.lotNumber, "batch lot number");
  if (!isCalendarDate(batch.producedOn)) throw new Error("public projection: batch production date is invalid");
  if (!BATCH_STATUSES.includes(batch.status)) throw new Error(`public projection: unknown batch status`);

  // Mass balance over the inputs, with each lot's certification snapshot.
  const lines: BatchInputLine[] = [];
  const certsByLot: Record<string, { scheme: CertificationScheme }[]> = {};
  const harvests: PublicHarvest[] = [];
  const plotCerts = new Map<string, Map<string, PublicCertification>>();
  const plotHerbs = new Map<string, Set<string>>();

  for (const input of record.inputs) {
    const hl = input.harvestLot;
    const ref = requiredText(hl.id, "harvest lot id");
    const plot = lookup(plots, hl.plotId, "plot", ref);
    lookup(households, hl.householdId, "household", ref);
    const sp = lookup(species, hl.speciesId, "species", ref);
    if (!isCalendarDate(hl.harvestedOn)) throw new Error(`public projection: harvest lot ${ref} has an invalid date`);

    const certs: PublicCertification[] = [];
    for (const snapshot of hl.certifications) {
      const c = publicCertification(snapshot, plot.id);
      if (c === null) continue;
      certs.push(c);
      const perPlot = plotCerts.get(plot.id) ?? new Map<string, PublicCertification>();
      perPlot.set(`${c.scheme}|${c.certificateNumber}|${c.validFrom}|${c.validUntil}`, c);
      plotCerts.set(plot.id, perPlot);
    }
    certsByLot[ref] = (certsByLot[ref] ?? []).concat(certs.map((c) => ({ scheme: c.scheme })));

    lines.push({
      harvestLotId: ref,
      plotId: plot.id,
      householdId: hl.householdId,
      speciesId: sp.id,
      kgUsed: input.kgUsed,
    });
    const herbs = plotHerbs.get(plot.id) ?? new Set<string>();
    herbs.add(requiredText(sp.scientificName, "species scientific name"));
    plotHerbs.set(plot.id, herbs);

    const kgHarvested = finiteNumber(hl.kgHarvested);
    const kgUsed = finiteNumber(input.kgUsed);
    if (kgHarvested === null || kgUsed === null) throw new Error(`public projection: harvest lot ${ref} has invalid weights`);
    harvests.push({
      ref,
      plotCode: requiredText(plot.code, "plot code"),
      scientificName: requiredText(sp.scientificName, "species scientific name"),
      harvestedOn: hl.harvestedOn,
      kgHarvested,
      kgUsed,
      certifications: sortCertifications(certs.map(copyCertification)),
    });
  }

  const balance = shares(lines, { certifications: certsByLot, percentDecimals: options.percentDecimals ?? 0 });

  const herbsOut: PublicHerb[] = balance.bySpecies.map((share) => {
    const sp = species.get(share.id) as SpeciesRecord;
    return {
      thaiName: requiredText(sp.thaiName, "species Thai name"),
      englishName: text(sp.englishName),
      scientificName: requiredText(sp.scientificName, "species scientific name"),
      partUsed: requiredText(sp.partUsed, "species part used"),
      partUsedEn: text(sp.partUsedEn),
      kg: share.kg,
      percent: share.percent,
    };
  });

  const householdsOut: PublicHousehold[] = balance.byHousehold.map((share) => {
    const h = households.get(share.id) as HouseholdRecord;
    // Consent must be literally true: a missing or malformed consent record means no.
    const consent = h.consent;
    return {
      alias: requiredText(h.alias, "household alias"),
      aliasEn: text(h.aliasEn),
      // The English versions follow the same consent as the Thai ones: a romanised name is still the name.
      givenName: consent?.givenName === true ? text(h.givenName) : null,
      givenNameEn: consent?.givenName === true ? text(h.givenNameEn) : null,
      photoUrl: consent?.photo === true ? httpUrl(h.photoUrl) : null,
      story: consent?.story === true ? text(h.story) : null,
      storyEn: consent?.story === true ? text(h.storyEn) : null,
      place: householdPlace(h),
      kg: share.kg,
      percent: share.percent,
    };
  });

  const plotsOut: PublicPlot[] = balance.byPlot.map((share) => {
    const p = plots.get(share.id) as PlotRecord;
    const owner = households.get(p.householdId);
    return {
      code: requiredText(p.code, "plot code"),
      householdAlias: requiredText(owner?.alias, "household alias of a plot"),
      householdAliasEn: text(owner?.aliasEn),
      place: plotPlace(p.location),
      herbs: Array.from(plotHerbs.get(p.id) ?? []).sort(),
      certifications: sortCertifications(Array.from(plotCerts.get(p.id)?.values() ?? [], copyCertification)),
      kg: share.kg,
      percent: share.percent,
    };
  });

  harvests.sort((a, b) => cmp(a.harvestedOn, b.harvestedOn) || cmp(a.ref, b.ref));

  const gtin = text(record.product.gtin);
  const recalled = batch.status === "recalled";
  const recalledAt = recalled && isInstant(batch.recalledAt) ? new Date(instantToEpochMs(batch.recalledAt)).toISOString() : null;

  let scan: ScanVerdict | null = null;
  if (record.scan) {
    const v = scanVerdict(record.scan.state, {
      scannedLot: text(record.scan.scannedLot) ?? lot,
      suspiciousAfterNetworks: options.suspiciousNetworkCount,
      recalled,
    });
    scan = {
      kind: v.kind,
      scanCount: v.scanCount,
      networkCount: v.networkCount,
      firstScanOn: v.firstScanOn,
      suspicious: v.suspicious,
      message_th: v.message_th,
      message_en: v.message_en,
      // the month of the sale and whether it was sold; never the order or the buyer
      ...(v.soldMonth !== undefined ? { soldMonth: v.soldMonth } : {}),
      ...(v.notSold ? { notSold: true } : {}),
    };
  }

  return {
    product: {
      title: { th: requiredText(record.product.title?.th, "Thai product title"), en: requiredText(record.product.title?.en, "English product title") },
      variantTitle: text(record.product.variantTitle) ?? "",
      gtin: gtin !== null && isValidGtin(gtin) ? toGtin14(gtin) : null,
    },
    batch: {
      lot,
      producedOn: batch.producedOn,
      bestBefore: isCalendarDate(batch.bestBefore) ? batch.bestBefore : null,
      releasedOn: isInstant(batch.releasedAt) ? bangkokCalendarDate(batch.releasedAt) : null,
      status: batch.status,
      units: finiteNumber(batch.units),
    },
    recall: recalled ? { recalledAt, reason: text(batch.recallReason) } : null,
    herbs: herbsOut,
    plots: plotsOut,
    households: householdsOut,
    harvests,
    totals: {
      households: balance.householdsCount,
      plots: balance.plotsCount,
      harvestLots: balance.harvestLotsCount,
      kg: balance.totalKg,
      certifiedPercent: {
        "TH-GAP": balance.certified["TH-GAP"].percent,
        PGS: balance.certified.PGS.percent,
        ORGANIC: balance.certified.ORGANIC.percent,
      },
    },
    scan,
    growerShare: growerShareOf(record.share ?? null, balance.householdsCount),
  };
}

function growerShareOf(share: PrivateBatchRecord["share"], householdsCount: number): PublicShareLine {
  if (!share || share.basisPoints === null || share.priceSatang === null) return { kind: "none" };
  if (!Number.isSafeInteger(share.priceSatang) || share.priceSatang < 0) return { kind: "none" };
  if (!Number.isInteger(share.basisPoints) || share.basisPoints < 0 || share.basisPoints > 10_000) return { kind: "none" };
  return publicShareLine({ priceSatang: share.priceSatang, rule: { basisPoints: share.basisPoints }, householdsCount });
}

// ---------------------------------------------------------------------------------------------
// Herb pages (issue 16): the same whitelisting for a herb's public page.
// ---------------------------------------------------------------------------------------------

export interface HerbPlotRecord {
  plot: PlotRecord;
  /** All the plot's certifications; only those valid on `today` are shown. */
  certifications: readonly Certification[];
}

export interface HerbProductRecord {
  handle: string;
  title: { th: string; en: string };
  thumbnail: string | null;
}

export interface PrivateHerbRecord {
  page: HerbPageInput & { published: boolean };
  species: SpeciesRecord;
  /** The plots that grow this herb (from its harvest lots). */
  plots: readonly HerbPlotRecord[];
  /** Households owning those plots and credited as healers. */
  households: readonly HouseholdRecord[];
  products: readonly HerbProductRecord[];
  today: CalendarDate;
}

export interface PublicHerbSource {
  kind: HerbSourceKind;
  citation: { th: string; en: string };
  /** A credited healer's public name: the given name with its consent, else the household's alias. */
  healer: string | null;
  /** The same in English (romanised given name, English alias) when entered; pages fall back to `healer`. */
  healerEn: string | null;
}

export interface PublicHerbPage {
  slug: string;
  names: { th: string; en: string; local: string | null; scientific: string };
  parts: { th: string; en: string };
  /** Markdown (rendered with a sanitiser by whoever shows it). */
  preparation: { th: string; en: string };
  cautions: { th: string; en: string };
  uses: { th: string; en: string; source: PublicHerbSource }[];
  photos: { url: string; alt: { th: string; en: string } }[];
  sameAs: string[];
  /** Plots with a certification valid today: village-level place and household alias only. */
  plots: { code: string; householdAlias: string; householdAliasEn: string | null; place: PublicPlace; certifications: PublicCertification[] }[];
  products: { handle: string; title: { th: string; en: string }; thumbnail: string | null }[];
}

/** Builds the public view of one herb page, or null when it is not published. */
export function publicHerbPage(record: PrivateHerbRecord): PublicHerbPage | null {
  const page = record.page;
  if (page.published !== true) return null;
  const households = indexById(record.households, "household");
  const slug = requiredText(page.slug, "herb slug");

  const uses = (page.uses ?? []).flatMap((u) => {
    const th = text(u?.th);
    const en = text(u?.en);
    const kind = u?.source?.kind;
    if (th === null || en === null || !HERB_SOURCE_KINDS.includes(kind)) return [];
    const h = u.source.household_id ? households.get(u.source.household_id) : undefined;
    const named = h?.consent?.givenName === true;
    const healer = kind === "healer" && h ? (named ? text(h.givenName) : null) ?? requiredText(h.alias, "household alias") : null;
    const healerEn = kind === "healer" && h ? (named && text(h.givenName) !== null ? text(h.givenNameEn) : text(h.aliasEn)) : null;
    return [{
      th,
      en,
      source: { kind, citation: { th: text(u.source.citation_th) ?? "", en: text(u.source.citation_en) ?? "" }, healer, healerEn },
    }];
  });

  const photos = (page.photos ?? []).flatMap((p) => {
    const url = httpUrl(p?.url);
    return url === null ? [] : [{ url, alt: { th: text(p.alt_th) ?? "", en: text(p.alt_en) ?? "" } }];
  });

  const sameAs: string[] = [];
  const wikidata = text(page.wikidata_id);
  if (wikidata !== null && /^Q[1-9][0-9]*$/.test(wikidata)) sameAs.push(`https://www.wikidata.org/wiki/${wikidata}`);
  const wikipedia = text(page.wikipedia_url);
  if (wikipedia !== null && /^https:\/\/[a-z]{2,3}\.wikipedia\.org\/wiki\/[^\s"'<>]+$/.test(wikipedia)) sameAs.push(wikipedia);

  const plots = record.plots.flatMap(({ plot, certifications }) => {
    const certs = sortCertifications(
      validCertificationsOn(certifications.filter((c) => c.plotId === plot.id), record.today)
        .map((c) => publicCertification(c, plot.id))
        .filter((c): c is PublicCertification => c !== null),
    );
    if (certs.length === 0) return [];
    const owner = households.get(plot.householdId);
    return [{
      code: requiredText(plot.code, "plot code"),
      householdAlias: requiredText(owner?.alias, "household alias of a plot"),
      householdAliasEn: text(owner?.aliasEn),
      place: plotPlace(plot.location),
      certifications: certs,
    }];
  }).sort((a, b) => cmp(a.code, b.code));

  const products = record.products.flatMap((p) => {
    const handle = text(p.handle);
    const th = text(p.title?.th);
    const en = text(p.title?.en) ?? th;
    if (handle === null || th === null || en === null || !/^[a-z0-9-]+$/.test(handle)) return [];
    return [{ handle, title: { th, en }, thumbnail: httpUrl(p.thumbnail) }];
  });

  return {
    slug,
    names: {
      th: requiredText(page.name_th, "herb Thai name"),
      en: requiredText(page.name_en, "herb English name"),
      local: text(page.name_local),
      scientific: requiredText(record.species.scientificName, "species scientific name"),
    },
    parts: { th: text(page.parts_th) ?? "", en: text(page.parts_en) ?? "" },
    preparation: { th: text(page.preparation_th) ?? "", en: text(page.preparation_en) ?? "" },
    cautions: { th: text(page.cautions_th) ?? "", en: text(page.cautions_en) ?? "" },
    uses,
    photos,
    sameAs,
    plots,
    products,
  };
}
