import { describe, expect, it } from "vitest";
import { checkProductVideos, isWebVtt } from "./product-video";

const BASE = "http://localhost:9000/static";
const good = {
  url: `${BASE}/1733-clip.webm`,
  poster: `${BASE}/1733-poster.png`,
  captions: { th: `${BASE}/1733-th.vtt`, en: `${BASE}/1733-en.vtt` },
  title: { th: " น้ำมันหมอกไพร ", en: "Mok Prai oil" },
};

describe("checkProductVideos", () => {
  it("accepts files from the shop's file store and types the video by its extension", () => {
    const r = checkProductVideos([good, { ...good, url: `${BASE}/x.MP4` }], BASE);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.videos.map((v) => v.type)).toEqual(["video/webm", "video/mp4"]);
      expect(r.videos[0]!.title.th).toBe("น้ำมันหมอกไพร");
    }
  });

  it("refuses other hosts, other kinds of file, missing captions or titles, and too many videos", () => {
    expect(checkProductVideos([{ ...good, url: "https://evil.example/static/a.webm" }], BASE)).toMatchObject({ ok: false, code: "INVALID_VIDEO" });
    expect(checkProductVideos([{ ...good, url: `${BASE}/a.html` }], BASE)).toMatchObject({ ok: false, code: "INVALID_VIDEO" });
    expect(checkProductVideos([{ ...good, url: `${BASE}/../a.webm` }], BASE)).toMatchObject({ ok: false, code: "INVALID_VIDEO" });
    expect(checkProductVideos([{ ...good, poster: `${BASE}/p.svg` }], BASE)).toMatchObject({ ok: false, code: "INVALID_POSTER" });
    expect(checkProductVideos([{ ...good, captions: { th: `${BASE}/t.vtt` } }], BASE)).toMatchObject({ ok: false, code: "CAPTIONS_REQUIRED" });
    expect(checkProductVideos([{ ...good, title: { th: "ก", en: "" } }], BASE)).toMatchObject({ ok: false, code: "TITLE_REQUIRED" });
    expect(checkProductVideos([good, good, good, good], BASE)).toMatchObject({ ok: false, code: "TOO_MANY_VIDEOS" });
  });
});

describe("isWebVtt", () => {
  it("knows a WebVTT file by its first line", () => {
    expect(isWebVtt("WEBVTT\n\n00:00.000 --> 00:01.000\nสวัสดี\n")).toBe(true);
    expect(isWebVtt("\ufeffWEBVTT - captions\r\n")).toBe(true);
    expect(isWebVtt("<script>alert(1)</script>")).toBe(false);
    expect(isWebVtt("1\n00:00:00,000 --> 00:00:01,000\nSRT\n")).toBe(false);
  });
});
