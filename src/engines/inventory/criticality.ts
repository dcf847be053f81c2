/**
 * Default criticality per category: the patient-safety impact if the device fails or is tampered
 * with, and whether it holds ePHI. The levels map SSVC's Safety Impact values (CERT/CC SSVC,
 * `ssvc:SI:2.0.1`): Critical (loss of life) → high, Marginal (major injury, demanding operator
 * action) → medium, Negligible → low. The README explains each choice.
 *
 * A value a source declared (CMMS) or a person set is kept; a default never replaces it.
 *
 * @example
 * defaultCriticality('infusion-pump');
 * // → { patientSafety: 'high', holdsEphi: true, reasons: ['Infusion pump: …'] }
 * defaultCriticality('imaging-modality', { modality: 'XA' }).patientSafety; // → 'high'
 * defaultCriticality('workstation', { protocols: { hl7: … } }).holdsEphi; // → true
 */
import type { DicomModality } from '../../domain/dicom.js';
import type { AssetCategory, PatientSafetyImpact } from '../../domain/inventory.js';
import type { ProtocolFacts } from '../../domain/observation.js';
import type { AssetCriticality, CurrentAssetFacts, DefaultCriticality } from './types.js';

interface CategoryDefault {
  readonly patientSafety: PatientSafetyImpact;
  readonly holdsEphi: boolean;
  readonly why: string;
}

/** The defaults, one line of justification each (see README for the references). */
export const CATEGORY_CRITICALITY: Readonly<Record<AssetCategory, CategoryDefault>> = {
  'infusion-pump': {
    patientSafety: 'high',
    holdsEphi: true,
    why: 'Infusion pump: a wrong dose or a stopped infusion can kill (therapy delivery); it keeps patient identifiers and drug records',
  },
  'patient-monitor': {
    patientSafety: 'high',
    holdsEphi: true,
    why: 'Patient monitor: a missed or false alarm can cost a life (monitoring); it keeps patient identifiers and vital signs',
  },
  'imaging-modality': {
    patientSafety: 'medium',
    holdsEphi: true,
    why: 'Imaging modality: altered or lost images delay or mislead diagnosis, and a technologist reviews every study; it stores studies with patient demographics',
  },
  'lab-analyzer': {
    patientSafety: 'medium',
    holdsEphi: true,
    why: 'Laboratory analyzer: a wrong result can mislead treatment, but results are validated before release; it keeps patient identifiers with results',
  },
  pacs: {
    patientSafety: 'medium',
    holdsEphi: true,
    why: 'PACS: the image archive every read depends on; tampered or lost studies mislead diagnosis; it holds every study',
  },
  'ehr-server': {
    patientSafety: 'medium',
    holdsEphi: true,
    why: 'EHR server: orders, allergies and medication lists guide care; it holds the patient record',
  },
  'hl7-interface-engine': {
    patientSafety: 'medium',
    holdsEphi: true,
    why: 'HL7 interface engine: orders and results pass through it and can be altered in transit; it queues patient messages',
  },
  server: {
    patientSafety: 'low',
    holdsEphi: false,
    why: 'Server: no clinical function known; set ePHI if it stores patient data',
  },
  workstation: {
    patientSafety: 'low',
    holdsEphi: false,
    why: 'Workstation: no clinical function known; set ePHI if patient data is kept on it',
  },
  'network-gear': {
    patientSafety: 'low',
    holdsEphi: false,
    why: 'Network equipment: carries clinical traffic but stores no patient data',
  },
  iot: {
    patientSafety: 'low',
    holdsEphi: false,
    why: 'IoT device: no clinical function known',
  },
  unknown: {
    patientSafety: 'low',
    holdsEphi: false,
    why: 'Unclassified: low until someone says what it is',
  },
};

/** Modalities used live to guide a procedure (angiography, fluoroscopy): failure harms directly. */
const INTERVENTIONAL: readonly DicomModality[] = ['XA', 'RF'];

/** What refines a category's default: the modality, and the protocols seen. */
export interface CriticalityProfile {
  readonly modality?: DicomModality | null;
  readonly protocols?: ProtocolFacts;
}

/** The default for a category, refined by what the device was seen doing. */
export function defaultCriticality(
  category: AssetCategory,
  profile: CriticalityProfile = {},
): DefaultCriticality {
  const base = CATEGORY_CRITICALITY[category];
  let { patientSafety, holdsEphi } = base;
  const reasons = [base.why];
  const modality = profile.modality ?? null;
  if (category === 'imaging-modality' && modality !== null && INTERVENTIONAL.includes(modality)) {
    patientSafety = 'high';
    reasons.push(
      `${modality} guides interventional procedures in real time: a failure harms the patient on the table`,
    );
  }
  const speaks = (['dicom', 'hl7'] as const).filter((p) => profile.protocols?.[p] !== undefined);
  if (!holdsEphi && speaks.length > 0) {
    holdsEphi = true;
    reasons.push(
      `Speaks ${speaks.map((p) => p.toUpperCase()).join(' and ')}: patient data passes through it`,
    );
  }
  return { patientSafety, holdsEphi, reasons };
}

/**
 * The criticality an asset ends up with: declared or overridden values (current facts) kept,
 * defaults for the rest.
 */
export function resolveCriticality(
  current: CurrentAssetFacts,
  defaults: DefaultCriticality,
): AssetCriticality {
  const safety = current.patientSafety;
  const ephi = current.holdsEphi;
  const reasons = [...defaults.reasons];
  const by = (p: { sourceKind: string; sourceName: string; overridden: boolean }) =>
    p.overridden ? `set by ${p.sourceName}` : `declared by ${p.sourceKind} ${p.sourceName}`;
  if (safety !== undefined) {
    reasons.unshift(`Patient-safety impact ${safety.value} ${by(safety.provenance)}`);
  }
  if (ephi !== undefined) {
    reasons.unshift(`ePHI ${ephi.value ? 'held' : 'not held'} ${by(ephi.provenance)}`);
  }
  return {
    patientSafety: safety?.value ?? defaults.patientSafety,
    holdsEphi: ephi?.value ?? defaults.holdsEphi,
    overridden: safety?.provenance.overridden === true || ephi?.provenance.overridden === true,
    reasons,
  };
}
