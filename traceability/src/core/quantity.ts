/**
 * Weights. Kilograms are what people type and read; integer grams are what we add and compare,
 * because 0.1 + 0.2 kg is not 0.3 kg in floating point, and "exactly used up" must be exact.
 * The scales used by the group weigh to the gram, so a kg value has at most 3 decimals.
 */

export const GRAMS_PER_KG = 1000;

/** True for a finite kg value > 0 (or ≥ 0 with allowZero) with at most 3 decimal places. */
export function isValidKg(kg: unknown, options: { allowZero?: boolean } = {}): kg is number {
  if (typeof kg !== "number" || !Number.isFinite(kg)) return false;
  if (options.allowZero ? kg < 0 : kg <= 0) return false;
  const grams = Math.round(kg * GRAMS_PER_KG);
  // Integer grams divided back must give the same double; 1.0005 does not, 1.001 does.
  return Number.isSafeInteger(grams) && grams / GRAMS_PER_KG === kg;
}

/** Kilograms → integer grams; throws a RangeError for anything `isValidKg` refuses. */
export function kgToGrams(kg: number, options: { allowZero?: boolean; label?: string } = {}): number {
  if (!isValidKg(kg, options)) {
    const label = options.label ?? "weight";
    const floor = options.allowZero ? "0 or more" : "more than 0";
    throw new RangeError(`${label} must be ${floor} kg with at most 3 decimal places, got ${String(kg)}`);
  }
  return Math.round(kg * GRAMS_PER_KG) + 0; // + 0 turns -0 into 0
}

/** Integer grams → kilograms (the nearest double, e.g. 1001 → 1.001). */
export function gramsToKg(grams: number): number {
  if (!Number.isSafeInteger(grams)) throw new RangeError(`grams must be an integer, got ${grams}`);
  return grams / GRAMS_PER_KG;
}
