import { describe, expect, it } from "vitest";
import { bangkokCalendarDate } from "./calendar-date";
import {
  type Certification,
  certificationProblems,
  expiringWithin,
  isCertificationValidOn,
  snapshotCertification,
  validCertificationsOn,
} from "./certification";

function cert(overrides: Partial<Certification> = {}): Certification {
  return {
    id: "cert-gap-1",
    plotId: "plot-1",
    scheme: "TH-GAP",
    certificateNumber: "กษ 03-9001-52-017-000123",
    certifyingBody: "สำนักพัฒนาระบบและรับรองมาตรฐานสินค้าพืช",
    validFrom: "2026-01-01",
    validUntil: "2026-06-30",
    status: "active",
    ...overrides,
  };
}

describe("validity on a date", () => {
  it("is inclusive at both ends and false just outside", () => {
    const c = cert();
    expect(isCertificationValidOn(c, "2025-12-31")).toBe(false);
    expect(isCertificationValidOn(c, "2026-01-01")).toBe(true);
    expect(isCertificationValidOn(c, "2026-03-15")).toBe(true);
    expect(isCertificationValidOn(c, "2026-06-30")).toBe(true);
    expect(isCertificationValidOn(c, "2026-07-01")).toBe(false);
  });

  it("is valid for a one-day certificate on that day only", () => {
    const c = cert({ validFrom: "2026-05-05", validUntil: "2026-05-05" });
    expect(isCertificationValidOn(c, "2026-05-04")).toBe(false);
    expect(isCertificationValidOn(c, "2026-05-05")).toBe(true);
    expect(isCertificationValidOn(c, "2026-05-06")).toBe(false);
  });

  it("needs status active", () => {
    expect(isCertificationValidOn(cert({ status: "suspended" }), "2026-03-15")).toBe(false);
    expect(isCertificationValidOn(cert({ status: "revoked" }), "2026-03-15")).toBe(false);
  });

  it("treats malformed or reversed dates as never valid", () => {
    expect(isCertificationValidOn(cert({ validUntil: "2026-6-30" }), "2026-03-15")).toBe(false);
    expect(isCertificationValidOn(cert({ validFrom: "2026-02-30" }), "2026-03-15")).toBe(false);
    expect(isCertificationValidOn(cert({ validFrom: "2026-07-01", validUntil: "2026-01-01" }), "2026-03-15")).toBe(false);
  });

  it("refuses a malformed query date instead of guessing", () => {
    expect(() => isCertificationValidOn(cert(), "2026-06-30T23:00:00Z")).toThrow(/YYYY-MM-DD/);
  });

  it("uses the Bangkok date of a late-evening instant on the last valid day", () => {
    // 23:30 in Bangkok on 30 June is 16:30 UTC: still covered.
    expect(isCertificationValidOn(cert(), bangkokCalendarDate("2026-06-30T16:30:00Z"))).toBe(true);
    // 00:30 in Bangkok on 1 July is still 30 June in UTC, but the certificate has ended.
    expect(isCertificationValidOn(cert(), bangkokCalendarDate("2026-06-30T17:30:00Z"))).toBe(false);
  });

  it("filters a list", () => {
    const certs = [
      cert({ id: "a" }),
      cert({ id: "b", scheme: "PGS", validFrom: "2026-04-01", validUntil: "2027-03-31" }),
      cert({ id: "c", status: "suspended" }),
    ];
    expect(validCertificationsOn(certs, "2026-03-31").map((c) => c.id)).toEqual(["a"]);
    expect(validCertificationsOn(certs, "2026-04-01").map((c) => c.id)).toEqual(["a", "b"]);
    expect(validCertificationsOn(certs, "2026-07-01").map((c) => c.id)).toEqual(["b"]);
    expect(validCertificationsOn([], "2026-07-01")).toEqual([]);
  });
});

describe("expiringWithin", () => {
  const certs = [
    cert({ id: "ends-today", validUntil: "2026-06-01" }),
    cert({ id: "ends-in-30", validUntil: "2026-07-01" }),
    cert({ id: "ends-in-31", validUntil: "2026-07-02" }),
    cert({ id: "ended", validUntil: "2026-05-31" }),
    cert({ id: "suspended", validUntil: "2026-06-10", status: "suspended" }),
    cert({ id: "not-yet", validFrom: "2026-06-02", validUntil: "2026-06-15" }),
  ];

  it("flags valid certificates ending within the window, inclusive, soonest first", () => {
    expect(expiringWithin(certs, "2026-06-01", 30)).toEqual([
      { certification: certs[0], daysLeft: 0 },
      { certification: certs[1], daysLeft: 30 },
    ]);
    expect(expiringWithin(certs, "2026-06-01", 0).map((e) => e.certification.id)).toEqual(["ends-today"]);
  });

  it("checks its arguments", () => {
    expect(() => expiringWithin(certs, "2026-06-01", -1)).toThrow(/≥ 0/);
    expect(() => expiringWithin(certs, "2026-06-01", 1.5)).toThrow();
  });
});

describe("certificationProblems and snapshots", () => {
  it("reports what is wrong", () => {
    expect(certificationProblems(cert())).toEqual([]);
    expect(
      certificationProblems(cert({ certificateNumber: " ", validFrom: "2026-07-01", validUntil: "2026-01-01" })),
    ).toEqual(["certificate number is empty", "valid-from is after valid-until"]);
    expect(certificationProblems(cert({ scheme: "EU-BIO" as never, status: "lapsed" as never })).length).toBe(2);
  });

  it("copies only the public fields", () => {
    const withExtras = { ...cert(), inspectorNote: "SECRET", status: "active" as const };
    const snap = snapshotCertification(withExtras);
    expect(Object.keys(snap).sort()).toEqual(
      ["certificateNumber", "certifyingBody", "id", "plotId", "scheme", "validFrom", "validUntil"].sort(),
    );
    expect(JSON.stringify(snap)).not.toContain("SECRET");
  });
});
