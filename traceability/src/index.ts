// Pure traceability core: no framework imports, safe to use from the backend and the storefront.
export * from "./core/gtin";
export * from "./core/calendar-date";
export * from "./core/quantity";
export * from "./core/sha256";
export * from "./core/serial";
export * from "./core/lot-number";
export * from "./core/digital-link";
export * from "./core/certification";
export * from "./core/harvest";
export * from "./core/mass-balance";
export * from "./core/scan-verdict";
export * from "./core/public-projection";
export * from "./core/epcis";
export * from "./core/batch-status";
export * from "./core/guess-limit";
export * from "./core/household-privacy";
