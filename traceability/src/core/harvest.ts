/**
 * Rules for recording a harvest lot. A harvest is refused unless a certification of its plot was
 * valid on the harvest date and the species is registered as grown on that plot; the certifications
 * that were valid are snapshotted onto the lot, so the public record never depends on later edits.
 *
 * Refusals carry Thai and English messages, because the people recording harvests read Thai and
 * the admin screens may show either.
 */

import { bangkokToday, type CalendarDate, formatThaiDate, isCalendarDate } from "./calendar-date";
import { type Certification, type CertificationSnapshot, snapshotCertification, validCertificationsOn } from "./certification";
import { gramsToKg, isValidKg, kgToGrams } from "./quantity";

export type HarvestRefusalCode =
  | "INVALID_KG"
  | "INVALID_DATE"
  | "FUTURE_DATE"
  | "SPECIES_NOT_GROWN"
  | "NO_VALID_CERTIFICATION";

export interface HarvestCheckInput {
  plot: { id: string; code: string; speciesIds: readonly string[] };
  species: { id: string; thaiName: string; scientificName: string };
  /** Harvest date, YYYY-MM-DD (Bangkok calendar). */
  harvestedOn: CalendarDate;
  kg: number;
  /** Certifications of the plot (others are ignored). */
  certifications: readonly Certification[];
  /** Today in Bangkok; defaults to the real clock. */
  today?: CalendarDate;
}

export interface HarvestAccepted {
  ok: true;
  grams: number;
  kg: number;
  /** Certifications valid on the harvest date, to store on the lot. */
  certifications: CertificationSnapshot[];
}

export interface HarvestRefused {
  ok: false;
  code: HarvestRefusalCode;
  message_th: string;
  message_en: string;
}

export type HarvestCheckResult = HarvestAccepted | HarvestRefused;

function refuse(code: HarvestRefusalCode, message_th: string, message_en: string): HarvestRefused {
  return { ok: false, code, message_th, message_en };
}

/** Checks a harvest; the first problem found is returned (weight, date, species, certification). */
export function checkHarvest(input: HarvestCheckInput): HarvestCheckResult {
  const { plot, species, harvestedOn, kg } = input;

  if (!isValidKg(kg)) {
    return refuse(
      "INVALID_KG",
      "น้ำหนักต้องมากกว่า 0 กิโลกรัม และมีทศนิยมไม่เกิน 3 ตำแหน่ง (ละเอียดถึงกรัม)",
      `Weight must be more than 0 kg with at most 3 decimal places (grams); got ${String(kg)}.`,
    );
  }

  if (!isCalendarDate(harvestedOn)) {
    return refuse(
      "INVALID_DATE",
      "วันที่เก็บเกี่ยวไม่ถูกต้อง",
      `Harvest date ${JSON.stringify(harvestedOn)} is not a valid date (YYYY-MM-DD).`,
    );
  }

  const today = input.today ?? bangkokToday();
  if (!isCalendarDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  if (harvestedOn > today) {
    return refuse(
      "FUTURE_DATE",
      `วันที่เก็บเกี่ยว ${formatThaiDate(harvestedOn)} ยังมาไม่ถึง`,
      `Harvest date ${harvestedOn} is in the future (today is ${today} in Thailand).`,
    );
  }

  if (!plot.speciesIds.includes(species.id)) {
    return refuse(
      "SPECIES_NOT_GROWN",
      `แปลง ${plot.code} ไม่ได้ลงทะเบียนว่าปลูก${species.thaiName}`,
      `Plot ${plot.code} is not registered as growing ${species.scientificName}.`,
    );
  }

  const ofThisPlot = input.certifications.filter((cert) => cert.plotId === plot.id);
  const valid = validCertificationsOn(ofThisPlot, harvestedOn);
  if (valid.length === 0) {
    return refuse(
      "NO_VALID_CERTIFICATION",
      `แปลง ${plot.code} ไม่มีใบรับรองที่ใช้ได้ในวันที่ ${formatThaiDate(harvestedOn)} จึงบันทึกการเก็บเกี่ยวไม่ได้`,
      `Plot ${plot.code} has no certification valid on ${harvestedOn}, so this harvest cannot be recorded.`,
    );
  }

  const grams = kgToGrams(kg);
  return { ok: true, grams, kg: gramsToKg(grams), certifications: valid.map(snapshotCertification) };
}
