/**
 * Every classification rule in one table: the category it points to, its weight (0–1: how sure
 * one piece of such evidence makes Wardline) and the evidence test (`classify-evidence.ts`).
 *
 * Weights follow how specific the evidence is. A DICOM SCU sending CT images is nearly certain; a
 * model name is strong; a maker that sells several kinds of device, a DHCP client or an open port
 * is a hint; a host name token is a weak hint. Vendor evidence from a MAC's OUI (the network card
 * maker) is scaled by `OUI_WEIGHT_FACTOR`.
 */
import type { AssetCategory } from '../../domain/inventory.js';
import {
  aeTitleNamesArchive,
  aeTitleNamesModality,
  dhcpVendorClass,
  dicomManyModalities,
  dicomQueryRetrieveScp,
  dicomScuSendsModalityImages,
  dicomStorageScpManyPeers,
  dicomWorklistScu,
  hl7ListenerManyPeers,
  hl7ManyApplications,
  hl7ObservationsFromMonitor,
  hl7ResultsFromAnalyzer,
  hostnameHas,
  httpHeader,
  onlyManagementPorts,
  portsOpen,
  textMatches,
  vendorMatches,
  windowsDefaultName,
  type EvidenceTest,
} from './classify-evidence.js';

/** Vendor evidence from the MAC's OUI names the network card maker, which says less. */
export const OUI_WEIGHT_FACTOR = 0.8;

/** One row of the table: category, weight, evidence test. */
export interface ClassificationRule {
  readonly id: string;
  readonly category: AssetCategory;
  readonly weight: number;
  /** `vendor` rules are scaled by `OUI_WEIGHT_FACTOR` when the vendor came from the OUI. */
  readonly vendor: boolean;
  readonly test: EvidenceTest;
}

type Row = readonly [id: string, category: AssetCategory, weight: number, test: EvidenceTest];

const vendor = (pattern: RegExp, what: string) => vendorMatches(pattern, what);
const model = (pattern: RegExp) => textMatches('model', pattern);
const os = (pattern: RegExp) => textMatches('os', pattern);
const product = (pattern: RegExp) => textMatches('product', pattern);

const PUMPS = 'infusion pumps';
const MONITORS = 'patient monitors';
const IMAGING = 'imaging equipment';
const LAB = 'laboratory analyzers';
const NETWORK = 'network equipment';

const ROWS: readonly Row[] = [
  // DICOM and HL7 traffic: what the device does, seen passively.
  ['dicom-scu-modality-storage', 'imaging-modality', 0.85, dicomScuSendsModalityImages],
  ['dicom-worklist-scu', 'imaging-modality', 0.6, dicomWorklistScu],
  ['dicom-storage-scp-many-peers', 'pacs', 0.85, dicomStorageScpManyPeers],
  ['dicom-query-retrieve-scp', 'pacs', 0.8, dicomQueryRetrieveScp],
  ['dicom-many-modalities', 'pacs', 0.6, dicomManyModalities],
  ['ae-title-archive', 'pacs', 0.55, aeTitleNamesArchive],
  ['ae-title-modality', 'imaging-modality', 0.5, aeTitleNamesModality],
  ['hl7-listener-many-peers', 'hl7-interface-engine', 0.8, hl7ListenerManyPeers],
  ['hl7-many-applications', 'hl7-interface-engine', 0.7, hl7ManyApplications],
  ['hl7-port', 'hl7-interface-engine', 0.4, portsOpen(['tcp/2575'], 'HL7 MLLP port')],
  ['hl7-oru-analyzer', 'lab-analyzer', 0.75, hl7ResultsFromAnalyzer],
  ['hl7-oru-monitor', 'patient-monitor', 0.75, hl7ObservationsFromMonitor],

  // Makers and models.
  ['vendor-baxter', 'infusion-pump', 0.7, vendor(/\bbaxter\b/, PUMPS)],
  ['vendor-bd', 'infusion-pump', 0.65, vendor(/\b(becton|bd|carefusion|alaris)\b/, PUMPS)],
  ['vendor-bbraun', 'infusion-pump', 0.7, vendor(/\bb\.? ?braun\b/, PUMPS)],
  ['vendor-icu-medical', 'infusion-pump', 0.75, vendor(/\b(icu medical|hospira)\b/, PUMPS)],
  ['vendor-fresenius', 'infusion-pump', 0.6, vendor(/\bfresenius\b/, PUMPS)],
  ['vendor-smiths', 'infusion-pump', 0.75, vendor(/\b(smiths medical|medfusion)\b/, PUMPS)],
  [
    'model-pump',
    'infusion-pump',
    0.85,
    model(
      /\b(alaris|sigma spectrum|plum (a\+|360|duo)|medfusion|cadd|infusomat|perfusor|agilia|volumat|sapphire)\b/,
    ),
  ],
  ['model-philips-monitor', 'patient-monitor', 0.85, model(/\b(intellivue|(mx|mp)\d{2,3})\b/)],
  [
    'model-ge-monitor',
    'patient-monitor',
    0.85,
    model(/\b(carescape|dash \d{4}|b(105|125|450|650|850)|solar \d{4})\b/),
  ],
  ['model-other-monitor', 'patient-monitor', 0.8, model(/\b(infinity (delta|m540)|beneview)\b/)],
  ['vendor-philips-monitoring', 'patient-monitor', 0.7, vendor(/cardiac and monitoring/, MONITORS)],
  ['vendor-mindray', 'patient-monitor', 0.6, vendor(/\bmindray\b/, MONITORS)],
  ['vendor-nihon-kohden', 'patient-monitor', 0.65, vendor(/\bnihon kohden\b/, MONITORS)],
  ['vendor-draeger', 'patient-monitor', 0.55, vendor(/\bdr(a|ä|ae)ger/, MONITORS)],
  ['vendor-spacelabs', 'patient-monitor', 0.7, vendor(/\bspacelabs\b/, MONITORS)],
  [
    'vendor-siemens-imaging',
    'imaging-modality',
    0.55,
    vendor(/\bsiemens (healthineers|medical|healthcare(?! diagnostics))/, IMAGING),
  ],
  ['vendor-ge-imaging', 'imaging-modality', 0.5, vendor(/\bge ?(health ?care|medical)\b/, IMAGING)],
  ['vendor-canon', 'imaging-modality', 0.6, vendor(/\b(canon|toshiba) medical\b/, IMAGING)],
  ['vendor-fujifilm', 'imaging-modality', 0.5, vendor(/\bfuji ?film\b/, IMAGING)],
  ['vendor-carestream', 'imaging-modality', 0.5, vendor(/\bcarestream\b/, IMAGING)],
  ['vendor-hologic', 'imaging-modality', 0.6, vendor(/\bhologic\b/, IMAGING)],
  [
    'model-imaging',
    'imaging-modality',
    0.8,
    model(
      /\b(somatom|magnetom|aquilion|vantage|ingenia|brilliance|incisive|azurion|allura|revolution|optima|discovery|signa|logiq|voluson|vivid|epiq|affiniti|acuson|senographe|selenia|luminos|ysio|mobilett|digitaldiagnost|definium)\b/,
    ),
  ],
  [
    'product-pacs',
    'pacs',
    0.75,
    textMatches(
      'model',
      /\b(pacs|vna|synapse|intellispace|centricity|syngo\.?plaza|enterprise imaging|impax|sectra)\b/,
    ),
  ],
  [
    'software-pacs',
    'pacs',
    0.7,
    product(/\b(pacs|orthanc|dcm4chee|conquest|synapse|impax|vue pacs|enterprise imaging)\b/),
  ],
  ['vendor-sysmex', 'lab-analyzer', 0.75, vendor(/\bsysmex\b/, LAB)],
  ['vendor-beckman', 'lab-analyzer', 0.7, vendor(/\bbeckman\b/, LAB)],
  ['vendor-roche', 'lab-analyzer', 0.6, vendor(/\broche\b/, LAB)],
  ['vendor-abbott', 'lab-analyzer', 0.5, vendor(/\babbott\b/, LAB)],
  [
    'vendor-siemens-lab',
    'lab-analyzer',
    0.75,
    vendor(/\bsiemens healthcare diagnostics\b|\batellica\b/, LAB),
  ],
  ['vendor-biomerieux', 'lab-analyzer', 0.7, vendor(/\bbio-?m[ée]rieux\b/, LAB)],
  [
    'model-analyzer',
    'lab-analyzer',
    0.85,
    model(
      /\b(cobas|architect|alinity|atellica|advia|dimension|xn-?\d+|dxh|dxi|dxc|au\d{3,4}|vitek|vitros|bactec|phoenix|bd max)\b/,
    ),
  ],
  [
    'ehr-vendor',
    'ehr-server',
    0.65,
    vendor(/\b(epic|cerner|oracle health|meditech|allscripts)\b/, 'electronic health records'),
  ],
  [
    'ehr-product',
    'ehr-server',
    0.6,
    textMatches('model', /\b(epic|cerner|millennium|meditech|expanse)\b/),
  ],
  [
    'interface-engine-software',
    'hl7-interface-engine',
    0.75,
    product(
      /\b(mirth|nextgen connect|rhapsody|cloverleaf|corepoint|iguana|healthshare|ensemble|qvera)\b/,
    ),
  ],
  [
    'vendor-network',
    'network-gear',
    0.6,
    vendor(
      /\b(cisco|juniper|aruba|fortinet|palo alto|hpe|hewlett packard enterprise|meraki|ruckus|arista|extreme networks|sonicwall)\b/,
      NETWORK,
    ),
  ],
  [
    'os-network',
    'network-gear',
    0.85,
    os(
      /\bcisco (ios|nx-os|asa)\b|\b(junos|fortios|pan-os|arubaos|aos-cx|comware|procurve|routeros)\b/,
    ),
  ],
  ['only-management-ports', 'network-gear', 0.3, onlyManagementPorts],

  // Operating systems, DHCP, open services, HTTP and host names: general-purpose computers.
  [
    'os-windows-server',
    'server',
    0.7,
    os(/\bwindows server\b|\bwindows (2003|2008|2012|2016|2019|2022|2025)\b/),
  ],
  [
    'os-linux-server',
    'server',
    0.4,
    os(/\b(red hat enterprise|rhel|centos|ubuntu server|suse linux enterprise|vmware esxi)\b/),
  ],
  ['domain-controller', 'server', 0.7, portsOpen(['tcp/88', 'tcp/389'], 'Kerberos and LDAP')],
  [
    'database-ports',
    'server',
    0.5,
    portsOpen(['tcp/1433', 'tcp/1521', 'tcp/3306', 'tcp/5432'], 'Database port'),
  ],
  ['http-iis', 'server', 0.45, httpHeader('server', /microsoft-iis/)],
  ['os-windows-client', 'workstation', 0.6, os(/\bwindows (xp|vista|7|8|8\.1|10|11)\b/)],
  ['os-macos', 'workstation', 0.5, os(/\b(mac ?os|os x)\b/)],
  ['dhcp-msft', 'workstation', 0.55, dhcpVendorClass(/^msft 5\.0/)],
  [
    'windows-sharing-ports',
    'workstation',
    0.4,
    portsOpen(['tcp/445', 'tcp/3389'], 'Windows file sharing or remote desktop'),
  ],
  ['http-ua-windows', 'workstation', 0.45, httpHeader('user-agent', /windows nt \d/)],
  ['windows-default-name', 'workstation', 0.6, windowsDefaultName],
  [
    'hostname-workstation',
    'workstation',
    0.45,
    hostnameHas(['ws', 'wks', 'pc', 'desktop', 'laptop', 'workstation']),
  ],
  ['hostname-server', 'server', 0.4, hostnameHas(['srv', 'svr', 'server', 'dc', 'sql', 'esx'])],
  ['hostname-pacs', 'pacs', 0.5, hostnameHas(['pacs', 'vna'])],
  ['hostname-pump', 'infusion-pump', 0.45, hostnameHas(['pump', 'infusion', 'alaris'])],
  ['hostname-monitor', 'patient-monitor', 0.4, hostnameHas(['monitor', 'intellivue'])],
  [
    'hostname-interface-engine',
    'hl7-interface-engine',
    0.45,
    hostnameHas(['hl7', 'mirth', 'rhapsody', 'cloverleaf', 'interface']),
  ],
  ['hostname-ehr', 'ehr-server', 0.35, hostnameHas(['epic', 'cerner', 'meditech', 'ehr', 'emr'])],
  ['hostname-modality', 'imaging-modality', 0.35, hostnameHas(['ct', 'mri', 'xray', 'mammo'])],
  ['hostname-lab', 'lab-analyzer', 0.35, hostnameHas(['lab', 'analyzer', 'analyser'])],
  [
    'hostname-network',
    'network-gear',
    0.45,
    hostnameHas(['sw', 'switch', 'rtr', 'router', 'fw', 'firewall', 'wlc', 'ap']),
  ],
  ['dhcp-android', 'iot', 0.5, dhcpVendorClass(/android/)],
  ['dhcp-dhcpcd', 'iot', 0.4, dhcpVendorClass(/^(dhcpcd|udhcp)/)],
  ['os-mobile', 'iot', 0.5, os(/\b(android|ipados|apple ios|ios \d+)\b/)],
  ['os-embedded', 'iot', 0.3, os(/\b(vxworks|qnx|threadx|nucleus|freertos|embedded)\b/)],
  ['http-ua-mobile', 'iot', 0.4, httpHeader('user-agent', /android|iphone|ipad/)],
  [
    'http-embedded-server',
    'iot',
    0.35,
    httpHeader('server', /goahead|boa\/|lighttpd|mini_httpd|thttpd|uhttpd|rompager|allegro/),
  ],
  [
    'printer-camera-ports',
    'iot',
    0.4,
    portsOpen(['tcp/9100', 'tcp/515', 'tcp/631', 'tcp/554', 'tcp/1883'], 'Printer, camera or MQTT'),
  ],
  ['hostname-iot', 'iot', 0.35, hostnameHas(['cam', 'camera', 'printer', 'prn', 'nvr', 'dvr'])],
];

/** The rules, each with its weight; ids are unique. */
export const CLASSIFICATION_RULES: readonly ClassificationRule[] = ROWS.map(
  ([id, category, weight, test]) => ({
    id,
    category,
    weight,
    vendor: id.startsWith('vendor-') || id === 'ehr-vendor',
    test,
  }),
);
