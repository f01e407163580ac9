import { describe, expect, it } from "vitest";
import {
  addDays,
  bangkokCalendarDate,
  bangkokDateTime,
  bangkokStartOfDay,
  bangkokToday,
  compareCalendarDates,
  daysBetween,
  formatEnglishDate,
  formatThaiDate,
  instantToEpochMs,
  isCalendarDate,
  isInstant,
} from "./calendar-date";

describe("isCalendarDate", () => {
  it("accepts real dates, including leap days", () => {
    expect(isCalendarDate("2026-11-03")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("2026-12-31")).toBe(true);
  });

  it("rejects impossible dates and other shapes", () => {
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2100-02-29")).toBe(false);
    expect(isCalendarDate("2026-04-31")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("2026-00-10")).toBe(false);
    expect(isCalendarDate("2026-1-5")).toBe(false);
    expect(isCalendarDate("2026-11-03T00:00:00Z")).toBe(false);
    expect(isCalendarDate(20261103)).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
  });
});

describe("date arithmetic", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-06-30", 0)).toBe("2026-06-30");
    expect(() => addDays("2026-06-30", 1.5)).toThrow(/integer/);
  });

  it("counts days between dates", () => {
    expect(daysBetween("2026-01-01", "2026-12-31")).toBe(364);
    expect(daysBetween("2028-01-01", "2028-12-31")).toBe(365);
    expect(daysBetween("2026-07-01", "2026-06-30")).toBe(-1);
  });

  it("compares dates and refuses malformed ones", () => {
    expect(compareCalendarDates("2026-06-30", "2026-07-01")).toBe(-1);
    expect(compareCalendarDates("2026-07-01", "2026-07-01")).toBe(0);
    expect(compareCalendarDates("2027-01-01", "2026-12-31")).toBe(1);
    expect(() => compareCalendarDates("2026-7-1", "2026-07-01")).toThrow(/YYYY-MM-DD/);
  });
});

describe("Bangkok clock", () => {
  it("turns an instant into the Bangkok calendar date, not the UTC one", () => {
    // 16:59:59Z is 23:59:59 in Bangkok: still the same day.
    expect(bangkokCalendarDate("2026-06-30T16:59:59Z")).toBe("2026-06-30");
    // 17:00Z is midnight in Bangkok: the next day already.
    expect(bangkokCalendarDate("2026-06-30T17:00:00Z")).toBe("2026-07-01");
    expect(bangkokCalendarDate("2026-06-30T23:30:00+07:00")).toBe("2026-06-30");
    expect(bangkokCalendarDate(new Date("2026-12-31T17:00:00.000Z"))).toBe("2027-01-01");
    expect(bangkokCalendarDate(Date.UTC(2026, 0, 1, 0, 0))).toBe("2026-01-01");
  });

  it("refuses instants without a zone, and garbage", () => {
    expect(() => bangkokCalendarDate("2026-06-30T23:30:00")).toThrow(/offset/);
    expect(() => bangkokCalendarDate("2026-06-30")).toThrow(/offset/);
    expect(() => bangkokCalendarDate(new Date("nope"))).toThrow();
    expect(() => instantToEpochMs(Number.NaN)).toThrow();
    expect(isInstant("2026-06-30T23:30:00Z")).toBe(true);
    expect(isInstant("2026-06-30T23:30:00")).toBe(false);
    expect(isInstant({})).toBe(false);
  });

  it("formats Bangkok local date-times with the +07:00 offset", () => {
    expect(bangkokDateTime("2026-11-03T02:15:00Z")).toBe("2026-11-03T09:15:00+07:00");
    expect(bangkokDateTime("2026-11-03T20:15:00.250Z")).toBe("2026-11-04T03:15:00.250+07:00");
    expect(bangkokStartOfDay("2026-11-03")).toBe("2026-11-03T00:00:00+07:00");
    // The local midnight string round-trips to the same Bangkok date.
    expect(bangkokCalendarDate(bangkokStartOfDay("2026-11-03"))).toBe("2026-11-03");
  });

  it("uses the injected clock for today", () => {
    expect(bangkokToday("2026-02-28T18:00:00Z")).toBe("2026-03-01");
  });
});

describe("formatEnglishDate", () => {
  it("writes dates as the English pages do", () => {
    expect(formatEnglishDate("2026-11-03")).toBe("3 Nov 2026");
    expect(formatEnglishDate("2027-01-31")).toBe("31 Jan 2027");
  });
});

describe("formatThaiDate", () => {
  it("writes the Buddhist Era year and Thai month abbreviation", () => {
    expect(formatThaiDate("2026-11-03")).toBe("3 พ.ย. 2569");
    expect(formatThaiDate("2027-01-15")).toBe("15 ม.ค. 2570");
    expect(() => formatThaiDate("2026-02-30")).toThrow();
  });
});
