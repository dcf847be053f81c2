/**
 * The state of one CycloneDX XML parse: wires saxes events to small element trees for each
 * `metadata`, `components/component`, `dependencies/dependency` and `services/service`, hands
 * each finished tree to the shared CycloneDX reader, and enforces the caps in `sbom/limits.ts`.
 *
 * Why saxes: a maintained, non-validating SAX parser that never reads a DTD and knows only the
 * five predefined entities; an entity a DOCTYPE declares is an undefined-entity error, never
 * expanded or fetched (XXE and billion-laughs canaries in `cyclonedx.test.ts`).
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { WardlineError } from '../../domain/errors.js';
import {
  MAX_CHARS_PER_RECORD,
  MAX_DEPTH,
  MAX_NODES_PER_RECORD,
  MAX_TOKEN_BYTES,
} from '../sbom/limits.js';
import type { SbomSession } from '../sbom/session.js';
import type { SbomPosition } from '../sbom/diagnostics.js';
import { readComponentTree } from './component.js';
import type { CycloneDxDocument } from './document.js';
import {
  componentJson,
  dependencyJson,
  metadataJson,
  serviceJson,
  type XmlNode,
} from './xml-shape.js';

/** `http://cyclonedx.org/schema/bom/1.6` → `1.6`. */
const NAMESPACE = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/;

type RecordKind = 'metadata' | 'component' | 'dependency' | 'service';

/** Which element, under which parent, at which depth below `bom`, starts a record. */
const RECORD_STARTS: readonly { depth: number; parent: string; name: string; kind: RecordKind }[] =
  [
    { depth: 1, parent: 'bom', name: 'metadata', kind: 'metadata' },
    { depth: 2, parent: 'components', name: 'component', kind: 'component' },
    { depth: 2, parent: 'dependencies', name: 'dependency', kind: 'dependency' },
    { depth: 2, parent: 'services', name: 'service', kind: 'service' },
  ];

interface Frame {
  readonly name: string;
  readonly node: XmlNode | null;
}

interface RecordInProgress {
  readonly kind: RecordKind;
  readonly root: XmlNode;
  readonly depth: number;
  readonly at: SbomPosition;
  nodes: number;
  chars: number;
  rejected: boolean;
}

/** One XML parse: feed text with `write`, then call `end`. */
export class CycloneDxXmlSession {
  stopped = false;
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly stack: Frame[] = [];
  private record: RecordInProgress | null = null;
  private namespace: string | null = null;
  private fed = 0;
  private lastEventAt = 0;
  private sawElement = false;
  private rootClosed = false;
  private ending = false;

  constructor(
    private readonly session: SbomSession,
    private readonly document: CycloneDxDocument,
  ) {
    const p = this.parser;
    const tick = (): void => {
      this.lastEventAt = p.position;
    };
    p.on('xmldecl', tick);
    p.on('comment', tick);
    p.on('processinginstruction', tick);
    p.on('doctype', () => {
      tick();
      this.session.log.report(
        'WL_CYCLONEDX_DTD_IGNORED',
        'warning',
        'The document has a DOCTYPE; Wardline never loads or expands it.',
        this.position(),
      );
    });
    p.on('opentag', (tag) => {
      tick();
      this.onOpen(tag);
    });
    p.on('closetag', () => {
      tick();
      this.onClose();
    });
    p.on('text', (text) => {
      tick();
      this.onText(text);
    });
    p.on('cdata', (text) => {
      tick();
      this.onText(text);
    });
    p.on('error', (error) => {
      this.onError(error.message);
    });
  }

  write(text: string): void {
    if (this.session.stopped) this.stopped = true;
    if (this.stopped || text === '') return;
    // Checked before feeding: saxes holds an unfinished token whole.
    if (this.fed + text.length - this.lastEventAt > MAX_TOKEN_BYTES) {
      this.stop(`a tag, text or comment runs past ${MAX_TOKEN_BYTES} characters`);
      return;
    }
    this.fed += text.length;
    this.parser.write(text);
  }

  /** Ends the input: throws if there was no CycloneDX `bom`, reports a document cut short. */
  end(): SbomPosition {
    const at = this.position();
    if (this.stopped || this.session.stopped) return at;
    this.ending = true;
    this.parser.close();
    if (this.namespace === null) {
      throw new WardlineError(
        'WL_CYCLONEDX_UNREADABLE',
        'The input has no CycloneDX `bom` element.',
      );
    }
    if (!this.rootClosed) {
      const cut =
        this.record === null
          ? ''
          : ` The ${this.record.kind} from line ${this.record.at.line ?? 0} is incomplete and skipped.`;
      this.session.report('TRUNCATED', 'error', `The document ends before </bom>.${cut}`, at);
    }
    return at;
  }

  private position(): SbomPosition {
    return { offset: this.parser.position, line: this.parser.line };
  }

  private onOpen(tag: SaxesTagNS): void {
    if (this.stopped) return;
    this.sawElement = true;
    if (this.namespace === null) {
      this.openRoot(tag);
      return;
    }
    const depth = this.stack.length;
    if (depth > MAX_DEPTH) {
      this.stop(`elements nest more than ${MAX_DEPTH} deep`);
      return;
    }
    const parent = this.stack.at(-1);
    const ours = tag.uri === this.namespace;
    const start = RECORD_STARTS.find(
      (s) => s.depth === depth && s.name === tag.local && s.parent === parent?.name,
    );
    let node: XmlNode | null = null;
    if (ours && start !== undefined && this.record === null) {
      node = this.newNode(tag);
      this.record = {
        kind: start.kind,
        root: node,
        depth,
        at: this.position(),
        nodes: 0,
        chars: 0,
        rejected: false,
      };
    } else if (ours && parent?.node != null && this.count(0)) {
      node = this.newNode(tag);
      parent.node.children.push(node);
    }
    this.stack.push({ name: ours ? tag.local : '', node });
  }

  private openRoot(tag: SaxesTagNS): void {
    if (tag.local !== 'bom') {
      throw new WardlineError(
        'WL_CYCLONEDX_UNREADABLE',
        `The root element is <${tag.name}>, not a CycloneDX <bom>.`,
      );
    }
    this.namespace = tag.uri;
    const version = NAMESPACE.exec(tag.uri)?.[1] ?? null;
    if (version === null) {
      const found =
        tag.uri === '' ? 'no namespace' : `the namespace ${JSON.stringify(tag.uri.slice(0, 120))}`;
      this.session.log.report(
        'WL_CYCLONEDX_BOM_FORMAT_MISSING',
        'error',
        `The <bom> element has ${found}, not http://cyclonedx.org/schema/bom/1.x; it was read as CycloneDX anyway.`,
        this.position(),
      );
    }
    this.document.specVersion = version;
    const at = this.position();
    for (const key of ['serialNumber', 'version']) {
      const value = tag.attributes[key]?.value;
      if (value !== undefined) this.document.readRootField(key, value, at);
    }
    this.stack.push({ name: 'bom', node: null });
  }

  private newNode(tag: SaxesTagNS): XmlNode {
    const attributes = new Map<string, string>();
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.uri === '') attributes.set(attribute.local, attribute.value);
    }
    return { name: tag.local, attributes, children: [], text: '' };
  }

  private onText(text: string): void {
    const node = this.stack.at(-1)?.node;
    if (this.stopped || node == null || !this.count(text.length)) return;
    node.text += text;
  }

  private onClose(): void {
    if (this.stopped || this.ending) return;
    this.stack.pop();
    if (this.stack.length === 0) {
      this.rootClosed = true;
      return;
    }
    const record = this.record;
    if (record === null || this.stack.length !== record.depth) return;
    this.record = null;
    if (!record.rejected) this.deliver(record);
  }

  private deliver(record: RecordInProgress): void {
    const where = `at line ${record.at.line ?? 0}`;
    switch (record.kind) {
      case 'component':
        readComponentTree(this.session, componentJson(record.root), null, record.at, where);
        return;
      case 'dependency':
        this.document.readDependency(dependencyJson(record.root), record.at, where);
        return;
      case 'service':
        this.document.readService(serviceJson(record.root));
        return;
      case 'metadata':
        this.document.readMetadata(metadataJson(record.root), record.at, where);
        return;
    }
  }

  /** Counts an element or text run into the record being built; false once it is rejected. */
  private count(chars: number): boolean {
    const record = this.record;
    if (record === null) return false;
    if (record.rejected) return false;
    record.nodes += 1;
    record.chars += chars;
    if (record.nodes <= MAX_NODES_PER_RECORD && record.chars <= MAX_CHARS_PER_RECORD) return true;
    this.reject(
      record,
      `it has more than ${MAX_NODES_PER_RECORD} elements or ${MAX_CHARS_PER_RECORD} characters`,
    );
    return false;
  }

  private reject(record: RecordInProgress, reason: string): void {
    if (record.rejected) return;
    record.rejected = true;
    const code =
      record.kind === 'component' ? 'WL_CYCLONEDX_COMPONENT_INVALID' : 'WL_CYCLONEDX_VALUE_INVALID';
    this.session.log.report(
      code,
      'error',
      `The ${record.kind} from line ${record.at.line ?? 0} is skipped: ${reason}.`,
      record.at,
    );
  }

  private onError(message: string): void {
    if (this.stopped || this.ending) return;
    const reason = message.replace(/^[^:]*:\d+:\d+: /, '');
    if (!this.sawElement) {
      throw new WardlineError('WL_CYCLONEDX_UNREADABLE', `The input is not XML: ${reason}`);
    }
    this.session.log.report(
      'WL_CYCLONEDX_XML_MALFORMED',
      'error',
      `Malformed XML: ${reason}`,
      this.position(),
    );
    if (this.record !== null) this.reject(this.record, 'it holds malformed XML');
  }

  private stop(reason: string): void {
    this.session.stop(reason, this.position());
    this.stopped = true;
  }
}
