/**
 * GS1 check digit (mod-10, weights 3 and 1 from the right) for GTIN-8/12/13/14,
 * SSCC and GLN bodies. `body` is the number without its check digit.
 */
export function gs1CheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) {
    throw new Error(`GS1 number must contain only digits, got "${body}"`);
  }
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `gtin` is 8, 12, 13 or 14 digits and its last digit is the right check digit. */
export function isValidGtin(gtin: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) return false;
  return gs1CheckDigit(gtin.slice(0, -1)) === Number(gtin[gtin.length - 1]);
}

/** Pads any valid GTIN to the 14-digit form used in GS1 Digital Link URIs. */
export function toGtin14(gtin: string): string {
  if (!isValidGtin(gtin)) throw new Error(`"${gtin}" is not a valid GTIN`);
  return gtin.padStart(14, "0");
}

/** Builds a GTIN-14 from a 13-digit body (indicator + company prefix + item reference). */
export function makeGtin14(body13: string): string {
  if (!/^\d{13}$/.test(body13)) throw new Error(`GTIN-14 body must be 13 digits, got "${body13}"`);
  return body13 + gs1CheckDigit(body13);
}
