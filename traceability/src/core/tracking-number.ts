/**
 * Thailand Post tracking numbers: UPU S10 identifiers, e.g. "EB123456785TH":
 *   2 letters (service indicator) + 8-digit serial + 1 check digit + "TH" (issuing country).
 * Check digit: weights 8 6 4 2 3 5 9 7 over the serial, C = 11 − (sum mod 11); 10 → 0, 11 → 5.
 * Input is normalised first (spaces, hyphens, full-width forms from Thai phone keyboards, lowercase),
 * because people type numbers off a receipt in groups.
 */

export type TrackingRefusalCode = "EMPTY" | "WRONG_FORMAT" | "NOT_THAILAND_POST" | "WRONG_CHECK_DIGIT";

export type PostService = "ems" | "registered" | "parcel" | "express_letter" | "insured_letter" | "recorded_letter" | "customs_letter" | "other";

export interface TrackingNumber {
  ok: true;
  /** Canonical form, e.g. "EB123456785TH". */
  number: string;
  service: PostService;
  serviceName: { th: string; en: string };
  /** Thailand Post's public tracking page for this number. */
  trackingUrl: string;
}

export interface TrackingRefusal {
  ok: false;
  code: TrackingRefusalCode;
  message_th: string;
  message_en: string;
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;
export const THAILAND_POST_TRACKING_URL = "https://track.thailandpost.co.th/";

/** S10 check digit of an 8-digit serial. */
export function s10CheckDigit(serial8: string): number {
  if (!/^\d{8}$/.test(serial8)) throw new RangeError(`an S10 serial is 8 digits, got ${JSON.stringify(serial8)}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (serial8.charCodeAt(i) - 48) * (S10_WEIGHTS[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

/** Spaces, hyphens and dots dropped, full-width letters and digits folded, uppercase. */
export function normaliseTrackingNumber(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\s\u00a0\u200b\-‐‑‒–—.]/g, "")
    .toUpperCase();
}

const SERVICES: Record<string, { service: PostService; th: string; en: string }> = {
  E: { service: "ems", th: "อีเอ็มเอส (EMS)", en: "EMS" },
  R: { service: "registered", th: "ลงทะเบียน", en: "Registered mail" },
  C: { service: "parcel", th: "พัสดุไปรษณีย์", en: "Parcel post" },
  L: { service: "express_letter", th: "จดหมายด่วน", en: "Express letter post" },
  V: { service: "insured_letter", th: "รับประกัน", en: "Insured letter post" },
  A: { service: "recorded_letter", th: "ไปรษณีย์ตอบรับ", en: "Recorded delivery" },
  U: { service: "customs_letter", th: "ไปรษณีย์ผ่านศุลกากร", en: "Letter post (customs)" },
};

/** The service a tracking number's first letter stands for (S10 service indicator ranges). */
export function postService(number: string): { service: PostService; th: string; en: string } {
  return SERVICES[number.charAt(0).toUpperCase()] ?? { service: "other", th: "บริการอื่น", en: "Other service" };
}

/** Thailand Post's tracking page for a (valid) number. */
export function thailandPostTrackingUrl(number: string): string {
  return `${THAILAND_POST_TRACKING_URL}?trackNumber=${encodeURIComponent(number)}`;
}

function refuse(code: TrackingRefusalCode, message_th: string, message_en: string): TrackingRefusal {
  return { ok: false, code, message_th, message_en };
}

/** Normalises and checks a Thailand Post tracking number. */
export function parseTrackingNumber(input: string): TrackingNumber | TrackingRefusal {
  const n = normaliseTrackingNumber(typeof input === "string" ? input : "");
  if (n === "") return refuse("EMPTY", "กรุณากรอกเลขพัสดุ", "Please enter the tracking number.");
  const m = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/.exec(n);
  if (!m) {
    return refuse(
      "WRONG_FORMAT",
      "เลขพัสดุไปรษณีย์ไทยมี 13 ตัว: อักษร 2 ตัว ตัวเลข 9 ตัว และ TH เช่น EB123456785TH",
      "A Thailand Post tracking number has 13 characters: 2 letters, 9 digits and TH, e.g. EB123456785TH.",
    );
  }
  if (m[4] !== "TH") {
    return refuse(
      "NOT_THAILAND_POST",
      `เลขนี้ออกโดยไปรษณีย์ประเทศอื่น (${m[4]}) ไม่ใช่ไปรษณีย์ไทย`,
      `This number was issued by another country's post (${m[4]}), not Thailand Post.`,
    );
  }
  if (s10CheckDigit(m[2] as string) !== Number(m[3])) {
    // The expected digit is not told: the likelier mistake is elsewhere, and "fixing" the last
    // digit would turn a typo into a valid number of someone else's parcel.
    return refuse(
      "WRONG_CHECK_DIGIT",
      "เลขพัสดุไม่ถูกต้อง (ตัวเลขตรวจสอบไม่ตรง) กรุณาตรวจทานจากใบรับฝากอีกครั้ง",
      "This tracking number does not check out (wrong check digit). Please re-read it from the receipt.",
    );
  }
  const service = postService(n);
  return {
    ok: true,
    number: n,
    service: service.service,
    serviceName: { th: service.th, en: service.en },
    trackingUrl: thailandPostTrackingUrl(n),
  };
}

/** Builds a valid number from a service indicator and an 8-digit serial (tests, demo data). */
export function buildTrackingNumber(serviceIndicator: string, serial8: string): string {
  if (!/^[A-Z]{2}$/.test(serviceIndicator)) throw new RangeError(`service indicator must be 2 capital letters, got ${JSON.stringify(serviceIndicator)}`);
  return `${serviceIndicator}${serial8}${s10CheckDigit(serial8)}TH`;
}

/** "EB 1234 5678 5 TH": grouped for reading aloud or printing. */
export function formatTrackingNumber(number: string): string {
  const m = /^([A-Z]{2})(\d{4})(\d{4})(\d)([A-Z]{2})$/.exec(number);
  return m ? `${m[1]} ${m[2]} ${m[3]} ${m[4]} ${m[5]}` : number;
}
