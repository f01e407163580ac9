/**
 * Product videos (issue 16): short clips with a poster and Thai/English captions, uploaded through the file
 * module. The rule here decides what a stored video entry may point at: files on the shop's own file store
 * (`{backend}/static/…`) of the right kind, so a product page can never be made to load a third-party file.
 */

export interface ProductVideo {
  url: string;
  type: "video/mp4" | "video/webm";
  poster: string;
  captions: { th: string; en: string };
  title: { th: string; en: string };
}

export type ProductVideoCheck =
  | { ok: true; videos: ProductVideo[] }
  | { ok: false; code: string; message_en: string; message_th: string };

const MAX_VIDEOS = 3;

function fileOf(url: unknown, fileBase: string, extensions: RegExp): string | null {
  if (typeof url !== "string" || !url.startsWith(`${fileBase}/`)) return null;
  const name = url.slice(fileBase.length + 1);
  return /^[A-Za-z0-9._-]+$/.test(name) && extensions.test(name) ? name : null;
}

/** Checks the videos of one product against the file store's base URL (e.g. http://localhost:9000/static). */
export function checkProductVideos(input: readonly unknown[], fileBase: string): ProductVideoCheck {
  if (input.length > MAX_VIDEOS) {
    return { ok: false, code: "TOO_MANY_VIDEOS", message_en: `A product carries at most ${MAX_VIDEOS} videos`, message_th: `สินค้าหนึ่งรายการมีวิดีโอได้ไม่เกิน ${MAX_VIDEOS} คลิป` };
  }
  const videos: ProductVideo[] = [];
  for (const raw of input) {
    const v = (raw ?? {}) as Record<string, unknown>;
    const captions = (v.captions ?? {}) as Record<string, unknown>;
    const title = (v.title ?? {}) as Record<string, unknown>;
    const video = fileOf(v.url, fileBase, /\.(mp4|webm)$/i);
    if (!video) return { ok: false, code: "INVALID_VIDEO", message_en: "A video must be an MP4 or WebM file uploaded to the shop", message_th: "วิดีโอต้องเป็นไฟล์ MP4 หรือ WebM ที่อัปโหลดเข้าร้าน" };
    if (!fileOf(v.poster, fileBase, /\.(jpe?g|png|webp)$/i)) {
      return { ok: false, code: "INVALID_POSTER", message_en: "A video needs a poster image (JPEG, PNG or WebP) uploaded to the shop", message_th: "วิดีโอต้องมีภาพหน้าปก (JPEG, PNG หรือ WebP) ที่อัปโหลดเข้าร้าน" };
    }
    if (!fileOf(captions.th, fileBase, /\.vtt$/i) || !fileOf(captions.en, fileBase, /\.vtt$/i)) {
      return { ok: false, code: "CAPTIONS_REQUIRED", message_en: "A video needs Thai and English captions (WebVTT files)", message_th: "วิดีโอต้องมีคำบรรยายภาษาไทยและอังกฤษ (ไฟล์ WebVTT)" };
    }
    const th = typeof title.th === "string" ? title.th.trim() : "";
    const en = typeof title.en === "string" ? title.en.trim() : "";
    if (!th || !en || th.length > 120 || en.length > 120) {
      return { ok: false, code: "TITLE_REQUIRED", message_en: "A video needs a Thai and an English title (up to 120 characters)", message_th: "วิดีโอต้องมีชื่อภาษาไทยและอังกฤษ (ไม่เกิน 120 ตัวอักษร)" };
    }
    videos.push({
      url: v.url as string,
      type: /\.mp4$/i.test(video) ? "video/mp4" : "video/webm",
      poster: v.poster as string,
      captions: { th: captions.th as string, en: captions.en as string },
      title: { th, en },
    });
  }
  return { ok: true, videos };
}

/** Is this a WebVTT file (what a caption upload must be)? */
export function isWebVtt(text: string): boolean {
  return /^\ufeff?WEBVTT(?:[ \t][^\n]*)?\r?\n/.test(text);
}
