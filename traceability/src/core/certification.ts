/**
 * Plot certifications and their validity.
 *
 * A certification is valid on a day when its status is "active" and validFrom ≤ day ≤ validUntil,
 * both ends inclusive, comparing calendar dates (see calendar-date.ts for why not timestamps).
 * `status` is the certificate's CURRENT status; what was valid when a herb was harvested is kept
 * as a snapshot on the harvest lot, so a later suspension does not rewrite history.
 */

import { addDays, assertCalendarDate, type CalendarDate, daysBetween, isCalendarDate } from "./calendar-date";

export const CERTIFICATION_SCHEMES = ["TH-GAP", "PGS", "ORGANIC"] as const;
/** TH-GAP = มกษ. 9001-2564 (Department of Agriculture); PGS = participatory guarantee (IFOAM). */
export type CertificationScheme = (typeof CERTIFICATION_SCHEMES)[number];
export type CertificationStatus = "active" | "suspended" | "revoked";

export interface Certification {
  id: string;
  plotId: string;
  scheme: CertificationScheme;
  certificateNumber: string;
  certifyingBody: string;
  /** First valid day, YYYY-MM-DD. */
  validFrom: CalendarDate;
  /** Last valid day, YYYY-MM-DD (inclusive). */
  validUntil: CalendarDate;
  status: CertificationStatus;
}

/** What a harvest lot keeps of each certification valid on its harvest date. All public. */
export interface CertificationSnapshot {
  id: string;
  plotId: string;
  scheme: CertificationScheme;
  certificateNumber: string;
  certifyingBody: string;
  validFrom: CalendarDate;
  validUntil: CalendarDate;
}

export function isCertificationScheme(value: unknown): value is CertificationScheme {
  return typeof value === "string" && (CERTIFICATION_SCHEMES as readonly string[]).includes(value);
}

/** Problems that should stop a certification from being saved (empty list = fine). */
export function certificationProblems(cert: Certification): string[] {
  const problems: string[] = [];
  if (!isCertificationScheme(cert.scheme)) problems.push(`unknown scheme ${JSON.stringify(cert.scheme)}`);
  if (!cert.certificateNumber?.trim()) problems.push("certificate number is empty");
  if (!cert.certifyingBody?.trim()) problems.push("certifying body is empty");
  if (!isCalendarDate(cert.validFrom)) problems.push("valid-from is not a YYYY-MM-DD date");
  if (!isCalendarDate(cert.validUntil)) problems.push("valid-until is not a YYYY-MM-DD date");
  if (isCalendarDate(cert.validFrom) && isCalendarDate(cert.validUntil) && cert.validFrom > cert.validUntil) {
    problems.push("valid-from is after valid-until");
  }
  if (!["active", "suspended", "revoked"].includes(cert.status)) problems.push(`unknown status ${JSON.stringify(cert.status)}`);
  return problems;
}

/**
 * True when `cert` covers `date`. A record with malformed dates is never valid: refusing a harvest
 * is recoverable, certifying it wrongly is not.
 */
export function isCertificationValidOn(cert: Certification, date: CalendarDate): boolean {
  assertCalendarDate(date);
  return (
    cert.status === "active" &&
    isCalendarDate(cert.validFrom) &&
    isCalendarDate(cert.validUntil) &&
    cert.validFrom <= date &&
    date <= cert.validUntil
  );
}

/** The certifications valid on `date`, in input order. */
export function validCertificationsOn<C extends Certification>(certs: readonly C[], date: CalendarDate): C[] {
  assertCalendarDate(date);
  return certs.filter((cert) => isCertificationValidOn(cert, date));
}

export interface ExpiringCertification<C extends Certification = Certification> {
  certification: C;
  /** Days from `date` to validUntil: 0 = last valid day is today. */
  daysLeft: number;
}

/**
 * Certifications valid on `date` whose last valid day is within `days` days (inclusive), soonest
 * first, so the admin can flag renewals before a harvest gets refused.
 */
export function expiringWithin<C extends Certification>(
  certs: readonly C[],
  date: CalendarDate,
  days: number,
): ExpiringCertification<C>[] {
  assertCalendarDate(date);
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  const horizon = addDays(date, days);
  return validCertificationsOn(certs, date)
    .filter((cert) => cert.validUntil <= horizon)
    .map((certification) => ({ certification, daysLeft: daysBetween(date, certification.validUntil) }))
    .sort((a, b) => a.daysLeft - b.daysLeft || (a.certification.id < b.certification.id ? -1 : 1));
}

/** Copies only the public fields of a certification (explicitly, so extra columns never leak). */
export function snapshotCertification(cert: Certification | CertificationSnapshot): CertificationSnapshot {
  return {
    id: cert.id,
    plotId: cert.plotId,
    scheme: cert.scheme,
    certificateNumber: cert.certificateNumber,
    certifyingBody: cert.certifyingBody,
    validFrom: cert.validFrom,
    validUntil: cert.validUntil,
  };
}
