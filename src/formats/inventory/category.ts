/**
 * Free-text device types ("Infusion Pump", "Pumps, Infusion, Large-Volume", "CT Scanner") mapped
 * to Wardline's `ASSET_CATEGORIES`. A text is cut into lower-case words (plurals made singular);
 * the first rule whose words all appear wins, so specific rules come before generic ones. The
 * table handles both plain names and ECRI UMDNS-style inverted names ("Monitors, Physiologic").
 */
import { ASSET_CATEGORIES, type AssetCategory } from '../../domain/inventory.js';

/** One synonym rule: every word in `words` must appear in the text. */
export interface CategorySynonym {
  readonly category: AssetCategory;
  readonly words: readonly string[];
}

const rules = (category: AssetCategory, ...phrases: string[]): CategorySynonym[] =>
  phrases.map((phrase) => ({ category, words: phrase.split(' ') }));

/** The built-in table, in the order it is tried. */
export const CATEGORY_SYNONYMS: readonly CategorySynonym[] = [
  ...rules(
    'pacs',
    'pacs',
    'vna',
    'vendor neutral archive',
    'image archive',
    'imaging archive',
    'dicom archive',
    'dicom router',
  ),
  ...rules(
    'hl7-interface-engine',
    'interface engine',
    'integration engine',
    'hl7',
    'mirth',
    'rhapsody',
    'cloverleaf',
  ),
  ...rules('ehr-server', 'ehr', 'emr', 'electronic health record', 'electronic medical record'),
  ...rules(
    'infusion-pump',
    'infusion',
    'iv pump',
    'syringe pump',
    'large volume pump',
    'lvp',
    'pca',
    'insulin pump',
    'volumetric pump',
  ),
  ...rules(
    'patient-monitor',
    'patient monitor',
    'physiological monitor',
    'physiologic monitor',
    'bedside monitor',
    'cardiac monitor',
    'fetal monitor',
    'vital sign',
    'telemetry',
    'central station',
    'oximeter',
    'oximetry',
    'multiparameter',
  ),
  ...rules(
    'imaging-modality',
    'ct',
    'computed tomography',
    'mri',
    'mr',
    'magnetic resonance',
    'xray',
    'radiography',
    'radiographic',
    'ultrasound',
    'sonography',
    'mammography',
    'fluoroscopy',
    'fluoroscopic',
    'c arm',
    'pet',
    'spect',
    'nuclear medicine',
    'gamma camera',
    'angiography',
    'dexa',
    'densitometer',
  ),
  ...rules(
    'lab-analyzer',
    'analyzer',
    'analyser',
    'blood gas',
    'hematology',
    'haematology',
    'immunoassay',
    'coagulation',
    'urinalysis',
    'glucometer',
    'glucose meter',
  ),
  ...rules(
    'workstation',
    'workstation',
    'desktop',
    'laptop',
    'notebook',
    'pc',
    'computer',
    'thin client',
    'kiosk',
    'tablet',
    'cow',
    'wow',
    'all in one',
  ),
  ...rules(
    'server',
    'server',
    'virtual machine',
    'vm',
    'hypervisor',
    'database',
    'storage array',
    'nas',
  ),
  ...rules(
    'network-gear',
    'switch',
    'router',
    'firewall',
    'access point',
    'wireless controller',
    'wlc',
    'gateway',
    'load balancer',
    'modem',
    'network',
  ),
  ...rules(
    'iot',
    'iot',
    'camera',
    'badge',
    'rtls',
    'printer',
    'hvac',
    'building automation',
    'bms',
    'nurse call',
    'tv',
    'sensor',
    'thermostat',
    'elevator',
    'access control',
  ),
  // Weak words last: they only decide when nothing more specific did.
  ...rules('imaging-modality', 'imaging', 'modality', 'radiology'),
  ...rules('lab-analyzer', 'laboratory', 'lab'),
  ...rules('patient-monitor', 'monitor'),
];

/** `x-ray` and `X Ray` become one word, as `Xray` already is. */
const JOINED: readonly (readonly [RegExp, string])[] = [
  [/\bx[\s-]+rays?\b/g, 'xray'],
  [/\bmulti[\s-]+parameter\b/g, 'multiparameter'],
];

function singular(word: string): string {
  if (word.length <= 3 || !word.endsWith('s') || /(?:ss|is|us)$/.test(word)) return word;
  if (/(?:ch|sh|x)es$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/** The words of a category text, lower case and singular. */
function categoryWords(text: string): Set<string> {
  let lower = text.toLowerCase();
  for (const [pattern, replacement] of JOINED) lower = lower.replace(pattern, replacement);
  const words = lower.split(/[^a-z0-9]+/).filter((w) => w !== '');
  return new Set(words.map(singular));
}

const IDS: ReadonlySet<string> = new Set(ASSET_CATEGORIES);

/** The table with its words made singular the way a text's words are (`rtls` → `rtl`). */
const SINGULAR_RULES: readonly CategorySynonym[] = CATEGORY_SYNONYMS.map((rule) => ({
  category: rule.category,
  words: rule.words.map(singular),
}));

/**
 * The category a free text names, or `null` when no rule matches. `custom` (the mapping's own
 * texts, keys compared trimmed and case-insensitive) is tried first, then a Wardline category id
 * written as is (`infusion-pump`), then `CATEGORY_SYNONYMS` in order.
 *
 * @example
 * categorize('Pumps, Infusion, Large-Volume') // → 'infusion-pump'
 * categorize('CT Scanner')                    // → 'imaging-modality'
 * categorize('Ventilator')                    // → null
 */
export function categorize(
  text: string,
  custom?: ReadonlyMap<string, AssetCategory>,
): AssetCategory | null {
  const key = text.trim().toLowerCase();
  const own = custom?.get(key);
  if (own !== undefined) return own;
  if (IDS.has(key) && key !== 'unknown') return key as AssetCategory;
  const words = categoryWords(key);
  for (const rule of SINGULAR_RULES) {
    if (rule.words.every((w) => words.has(w))) return rule.category;
  }
  return null;
}

/** The mapping's `categories` as the lookup `categorize` takes. */
export function customCategories(
  categories: Readonly<Record<string, AssetCategory>> | undefined,
): ReadonlyMap<string, AssetCategory> {
  const lookup = new Map<string, AssetCategory>();
  for (const [text, category] of Object.entries(categories ?? {})) {
    lookup.set(text.trim().toLowerCase(), category);
  }
  return lookup;
}

/** Labels the writer uses; each reads back to its own category through the table above. */
export const CATEGORY_LABELS: Readonly<Record<AssetCategory, string>> = {
  'imaging-modality': 'Imaging Modality',
  pacs: 'PACS',
  'hl7-interface-engine': 'HL7 Interface Engine',
  'patient-monitor': 'Patient Monitor',
  'infusion-pump': 'Infusion Pump',
  'lab-analyzer': 'Lab Analyzer',
  'ehr-server': 'EHR Server',
  server: 'Server',
  workstation: 'Workstation',
  'network-gear': 'Network Switch',
  iot: 'IoT Device',
  unknown: '',
};
