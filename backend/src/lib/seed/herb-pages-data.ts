/**
 * Seed content of the herb knowledge (issue 16): the group's three herbs and the Mok Prai oil recipe, in Thai
 * and English, written for this shop. Traditional wording only (no cure claims: checkHerbPage refuses them);
 * every use names where it comes from. A healer credited by household code is shown by the household's
 * consent (given name, else its alias); the credit is left out where that household is not seeded (production).
 */
import type { HerbPhoto, HerbUse } from "@mae-mok/traceability"

export type SeedHerbPage = {
  species: string
  slug: string
  name_th: string
  name_en: string
  name_local: string | null
  parts_th: string
  parts_en: string
  preparation_th: string
  preparation_en: string
  cautions_th: string
  cautions_en: string
  uses: (Omit<HerbUse, "source"> & { source: Omit<HerbUse["source"], "household_id"> & { household_code?: string } })[]
  photos: HerbPhoto[]
  wikidata_id: string | null
  wikipedia_url: string | null
}

const COMMON_CAUTIONS_TH = "- ใช้ภายนอกเท่านั้น ห้ามรับประทาน\n- ห้ามใช้กับผิวที่มีแผลเปิด ผื่น หรือรอยไหม้\n- หญิงตั้งครรภ์ หญิงให้นมบุตร และเด็กเล็ก ไม่ควรใช้\n- ทดสอบที่ท้องแขนก่อนใช้ครั้งแรก หากแสบร้อน คัน หรือเป็นผื่น ให้หยุดใช้และล้างออก"
const COMMON_CAUTIONS_EN = "- For external use only; never swallow it.\n- Do not use on open wounds, rashes or burns.\n- Not for pregnant or breastfeeding women or young children.\n- Try a little on the inside of the forearm first; if it burns, itches or a rash appears, stop and wash it off."

export const SEED_HERB_PAGES: SeedHerbPage[] = [
  {
    species: "Cryptolepis dubia",
    slug: "thao-en-on",
    name_th: "เถาเอ็นอ่อน",
    name_en: "Cryptolepis vine",
    name_local: "เครือเอ็นอ่อน",
    parts_th: "เถา (ลำต้นที่เลื้อยพัน) ตัดเมื่อแก่",
    parts_en: "The mature climbing stem (vine)",
    preparation_th:
      "สมาชิกตัดเถาที่แก่จัดช่วงปลายฝนต้นหนาว ล้างดินออก หั่นเป็นแว่นบาง ๆ แล้ว**ตากแดดจนแห้งสนิท**ก่อนเก็บใส่ถุงผ้า\n\nสำหรับน้ำมันนวด กลุ่มนำเถาแห้งไปเคี่ยวไฟอ่อนกับน้ำมันพืช ดูตำรับน้ำมันหมอกไพรในหน้ารวมความรู้",
    preparation_en:
      "Growers cut the older vines at the end of the rains, wash off the soil, slice them thinly and **dry them fully in the sun** before storing them in cloth bags.\n\nFor the massage oil the group simmers the dried slices slowly in vegetable oil; see the Mok Prai oil recipe in the knowledge book.",
    cautions_th: COMMON_CAUTIONS_TH,
    cautions_en: COMMON_CAUTIONS_EN,
    uses: [
      {
        th: "ใช้ในน้ำมันนวดและลูกประคบ เพื่อช่วยคลายความตึงของกล้ามเนื้อและเส้นเอ็นหลังทำงานหนัก",
        en: "Used in massage oil and herbal compresses to help loosen tight muscles and tendons after hard work.",
        source: { kind: "healer", citation_th: "สัมภาษณ์หมอพื้นบ้านของกลุ่ม บ้านแม่มอก", citation_en: "Interview with the group's folk healer, Ban Mae Mok", household_code: "MM-H-017" },
      },
      {
        th: "ชื่อ \"เอ็นอ่อน\" มาจากความเชื่อของคนรุ่นก่อนว่าช่วยให้เส้นเอ็นที่ตึงกลับมาอ่อนนุ่ม",
        en: "The name \"en on\" (soft sinew) comes from the older generation's saying that it lets stiff sinews relax.",
        source: { kind: "group", citation_th: "บันทึกภูมิปัญญาของกลุ่มสมุนไพรแม่มอก", citation_en: "Mae Mok herb group's knowledge notes" },
      },
    ],
    photos: [],
    wikidata_id: null,
    wikipedia_url: "https://en.wikipedia.org/wiki/Cryptolepis_dubia",
  },
  {
    species: "Cleome viscosa",
    slug: "phak-sian-phi",
    name_th: "ผักเสี้ยนผี",
    name_en: "Asian spiderflower",
    name_local: null,
    parts_th: "ทั้งต้น (ลำต้น ใบ และดอก)",
    parts_en: "The whole plant (stem, leaves and flowers)",
    preparation_th:
      "ถอนทั้งต้นเมื่อเริ่มออกดอก สะบัดดินออก ผึ่งในร่มให้หมาด แล้วจึงตากแดดจนแห้ง เพราะต้นสดมียางเหนียวและกลิ่นแรง\n\nในลูกประคบ ใช้ส่วนที่แห้งแล้วบดหยาบผสมกับสมุนไพรอื่น",
    preparation_en:
      "The whole plant is pulled up as it starts to flower, shaken free of soil, wilted in the shade and then dried in the sun, because the fresh plant is sticky and strong-smelling.\n\nFor compress balls the dried herb is coarsely ground and mixed with the other herbs.",
    cautions_th: `${COMMON_CAUTIONS_TH}\n- ยางจากต้นสดอาจทำให้ผิวระคายเคือง สวมถุงมือเมื่อเก็บ`,
    cautions_en: `${COMMON_CAUTIONS_EN}\n- The sap of the fresh plant can irritate the skin: wear gloves when picking it.`,
    uses: [
      {
        th: "ใส่ในลูกประคบร้อน ใช้ประคบบริเวณที่ปวดเมื่อยตามแบบการนวดไทย",
        en: "Put into hot herbal compresses pressed on aching areas, in the Thai massage tradition.",
        source: { kind: "healer", citation_th: "คำบอกเล่าของหมอนวดพื้นบ้าน ตำบลแม่มอก", citation_en: "As told by folk massage practitioners of Tambon Mae Mok" },
      },
    ],
    photos: [],
    wikidata_id: null,
    wikipedia_url: "https://en.wikipedia.org/wiki/Cleome_viscosa",
  },
  {
    species: "Cissus quadrangularis",
    slug: "phet-sangkhat",
    name_th: "เพชรสังฆาต",
    name_en: "Veld grape",
    name_local: null,
    parts_th: "เถาที่เป็นข้อสี่เหลี่ยม",
    parts_en: "The four-angled jointed stem",
    preparation_th:
      "ตัดเถาเป็นท่อนตามข้อ ปอกผิวนอกออก หั่นบาง ตากจนแห้ง **ห้ามจับเถาสดด้วยมือเปล่านาน ๆ** เพราะทำให้คัน",
    preparation_en:
      "The vine is cut at its joints, the outer skin peeled off, and the pieces sliced thinly and dried. **Do not handle the fresh stem with bare hands for long**: it makes the skin itch.",
    cautions_th: `${COMMON_CAUTIONS_TH}\n- เถาสดทำให้ผิวและปากคันมาก`,
    cautions_en: `${COMMON_CAUTIONS_EN}\n- The fresh stem makes the skin and mouth very itchy.`,
    uses: [
      {
        th: "ผสมในน้ำมันนวด ใช้นวดบริเวณข้อและกล้ามเนื้อที่รู้สึกตึง ตามวิธีที่สมาชิกได้เรียนจากหมอพื้นบ้าน",
        en: "Added to massage oil rubbed on stiff joints and muscles, as the growers learned it from folk healers.",
        source: { kind: "healer", citation_th: "สัมภาษณ์หมอพื้นบ้านของกลุ่ม บ้านแม่มอก", citation_en: "Interview with the group's folk healer, Ban Mae Mok", household_code: "MM-H-017" },
      },
      {
        th: "ในสวนของสมาชิก ปลูกให้เลื้อยบนรั้ว ตัดได้ทุกปีโดยไม่ต้องปลูกใหม่",
        en: "In the growers' gardens it climbs the fences and is cut every year without replanting.",
        source: { kind: "group", citation_th: "บันทึกการปลูกของกลุ่มสมุนไพรแม่มอก", citation_en: "Mae Mok herb group's growing notes" },
      },
    ],
    photos: [],
    wikidata_id: null,
    wikipedia_url: "https://en.wikipedia.org/wiki/Cissus_quadrangularis",
  },
]

export const SEED_RECIPES = [
  {
    slug: "mok-prai-oil",
    position: 1,
    title_th: "ตำรับน้ำมันนวดสมุนไพรหมอกไพร",
    title_en: "The Mok Prai herbal massage oil",
    body_th: [
      "### ส่วนผสม (ได้ประมาณ 1 ลิตร)",
      "- น้ำมันมะพร้าว 1 ลิตร",
      "- เถาเอ็นอ่อนแห้ง 100 กรัม",
      "- เพชรสังฆาตแห้ง 50 กรัม",
      "- ผักเสี้ยนผีแห้ง 50 กรัม",
      "- การบูร 20 กรัม และเกล็ดสะระแหน่ 20 กรัม",
      "",
      "### วิธีทำ",
      "1. ใส่สมุนไพรแห้งลงในน้ำมัน เคี่ยวไฟอ่อนที่สุดประมาณ 2 ชั่วโมง คนเป็นระยะ อย่าให้น้ำมันเดือด",
      "2. กรองกากออกด้วยผ้าขาวบาง พักให้อุ่น",
      "3. ละลายการบูรและเกล็ดสะระแหน่ในน้ำมันอุ่น แล้วกรอกใส่ขวดที่สะอาดและแห้ง",
      "4. ติดฉลากพร้อมเลขล็อตการผลิต เพื่อให้ผู้ซื้อสแกนดูที่มาของสมุนไพรได้",
      "",
      "ใช้ทาและนวดเบา ๆ บริเวณที่ปวดเมื่อย ใช้ภายนอกเท่านั้น",
    ].join("\n"),
    body_en: [
      "### Ingredients (about 1 litre)",
      "- 1 litre coconut oil",
      "- 100 g dried Cryptolepis vine",
      "- 50 g dried veld grape",
      "- 50 g dried Asian spiderflower",
      "- 20 g camphor and 20 g menthol crystals",
      "",
      "### Method",
      "1. Put the dried herbs in the oil and simmer on the lowest heat for about 2 hours, stirring now and then; do not let the oil boil.",
      "2. Strain through muslin and let it cool until warm.",
      "3. Dissolve the camphor and menthol in the warm oil, then fill clean, dry bottles.",
      "4. Label each bottle with its batch's lot number so buyers can scan where the herbs came from.",
      "",
      "Rub in gently where muscles ache. For external use only.",
    ].join("\n"),
    source_th: "ตำรับของกลุ่มสมุนไพรแม่มอก ปรับจากวิธีที่หมอพื้นบ้านในตำบลสอนสมาชิก",
    source_en: "The Mae Mok herb group's recipe, adapted from the way local folk healers taught the growers",
  },
]
