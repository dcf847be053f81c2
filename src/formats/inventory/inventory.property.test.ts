import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSET_CATEGORIES, PATIENT_SAFETY_IMPACTS } from '../../domain/inventory.js';
import { WardlineError } from '../../domain/errors.js';
import { collectInventory } from './parse.js';
import { inPieces } from './test-helpers.js';
import type { InventoryMapping, InventoryRecord } from './types.js';
import { isPlaceholder, readIp } from './values.js';
import { formatInventoryCsv, INVENTORY_CSV_MAPPING } from './write.js';

const source = 'property.csv';
// Generous: a hang or a quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null });

/** Free text as exports hold it, with the characters CSV must quote; never blank or padded. */
const text = fc
  .tuple(
    fc.constantFrom(...'AbcXz'.split('')),
    fc.string({
      unit: fc.constantFrom(...'abXY09 .-_:;,()#/"\'\n\téü€漢'.split('')),
      maxLength: 24,
    }),
  )
  .map(([head, body]) => (head + body).trimEnd())
  .filter((t) => !isPlaceholder(t));

const hostname = fc
  .array(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/), { minLength: 1, maxLength: 3 })
  .map((labels) => labels.join('.'));

const ip = fc.oneof(fc.ipV4(), fc.ipV6()).map((address) => readIp(address) ?? '10.0.0.1');

const mac = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 })
  .filter((bytes) => bytes.some((b) => b !== 0) && bytes.some((b) => b !== 255))
  .map((bytes) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(':'));

const aeTitle = fc
  .stringMatching(/^[A-Z0-9_][A-Z0-9_ -]{0,14}[A-Z0-9_]$/)
  .map((t) => t.replace(/\s+$/, ''));

const day = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2999-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const instant = fc
  .date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('2999-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());

type Row = Omit<InventoryRecord, 'row' | 'line'>;

const record: fc.Arbitrary<Row> = fc
  .record({
    name: maybe(text),
    hostname: maybe(hostname),
    ips: fc.uniqueArray(ip, { maxLength: 3 }),
    mac: maybe(mac),
    serial: maybe(text),
    assetTag: maybe(text),
    vendor: maybe(text),
    model: maybe(text),
    os: maybe(text),
    firmware: maybe(text),
    category: maybe(fc.constantFrom(...ASSET_CATEGORIES.filter((c) => c !== 'unknown'))),
    patientSafety: maybe(fc.constantFrom(...PATIENT_SAFETY_IMPACTS)),
    holdsEphi: maybe(fc.boolean()),
    location: maybe(text),
    department: maybe(text),
    owner: maybe(text),
    zone: maybe(text),
    site: maybe(text),
    aeTitles: fc.uniqueArray(aeTitle, { maxLength: 2 }),
    vlan: maybe(fc.integer({ min: 1, max: 4094 })),
    endOfSupport: maybe(day),
    lastSeen: maybe(instant),
  })
  .filter(
    (r) =>
      r.name !== null ||
      r.hostname !== null ||
      r.ips.length > 0 ||
      r.mac !== null ||
      r.serial !== null ||
      r.assetTag !== null,
  );

function withoutPosition(record: InventoryRecord): Row {
  const { row, line, ...rest } = record;
  expect(row).toBeGreaterThan(0);
  expect(line).toBeGreaterThan(1);
  return rest;
}

async function outcome(
  bytes: Uint8Array,
  mapping?: InventoryMapping,
): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await collectInventory(inPieces(bytes, 13), {
    source,
    ...(mapping === undefined ? {} : { mapping }),
  }).then(
    () => null,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - started };
}

function onlyWardlineErrors(result: { error: unknown; ms: number }): void {
  expect(result.error === null || result.error instanceof WardlineError).toBe(true);
  expect(result.ms).toBeLessThan(BUDGET_MS);
}

/** Pieces of CSV, JSON and NDJSON, so random inputs reach deep into every reader. */
const soup = fc
  .array(
    fc.constantFrom(
      'Serial,IP,MAC,Name\n',
      'Serial;IP\n',
      'sep=;\n',
      '"',
      '""',
      ',',
      ';',
      '\t',
      '\n',
      '\r\n',
      'S1',
      '10.0.0.1',
      '00:1b:63:84:45:e6',
      '[',
      ']',
      '{',
      '}',
      '{"name": "A"}',
      '{"__proto__": {}}',
      '{"result": [',
      ':',
      '"x"',
      '\uFEFF',
      'é',
      '\u0000',
    ),
    { maxLength: 120 },
  )
  .map((pieces) => Buffer.from(pieces.join(''), 'utf8'));

describe('parseInventory properties', () => {
  it('arbitrary bytes end within the budget and throw nothing but a WardlineError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), async (bytes, mapped) => {
        onlyWardlineErrors(await outcome(bytes, mapped ? INVENTORY_CSV_MAPPING : undefined));
      }),
      { numRuns: 300 },
    );
  });

  it('CSV, JSON and NDJSON token soup ends within the budget and throws nothing foreign', async () => {
    await fc.assert(
      fc.asyncProperty(
        soup,
        fc.constantFrom(undefined, 'csv', 'json', 'ndjson'),
        async (bytes, format) => {
          const mapping = format === undefined ? undefined : { ...INVENTORY_CSV_MAPPING, format };
          onlyWardlineErrors(await outcome(bytes, mapping));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('records written as CSV parse back to the same records', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(',' as const, ';' as const, '\t' as const, '|' as const),
        async (rows, delimiter) => {
          const records = rows.map((r, i) => ({ ...r, row: i + 1, line: 0 }));
          const csv = formatInventoryCsv(records, { delimiter, escapeFormulas: false });
          const parsed = await collectInventory(inPieces(csv, 7), {
            source,
            mapping: INVENTORY_CSV_MAPPING,
          });
          expect(parsed.diagnostics).toEqual([]);
          expect(parsed.records.map(withoutPosition)).toEqual(rows);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('with escapeFormulas, only formula-like cells change, and they gain exactly a leading quote', async () => {
    const formula = fc
      .tuple(fc.constantFrom('=', '+', '-', '@'), text)
      .map(([head, body]) => head + body);
    await fc.assert(
      fc.asyncProperty(fc.oneof(text, formula), async (name) => {
        const written = formatInventoryCsv([{ ...blank(), name, serial: 'S1' }], {
          fields: ['name', 'serial'],
        });
        const parsed = await collectInventory(inPieces(written), {
          source,
          mapping: INVENTORY_CSV_MAPPING,
        });
        expect(parsed.records[0]?.name).toBe(/^[=+\-@]/.test(name) ? `'${name}` : name);
      }),
      { numRuns: 200 },
    );
  });
});

function blank(): InventoryRecord {
  return {
    row: 1,
    line: 2,
    name: null,
    hostname: null,
    ips: [],
    mac: null,
    serial: null,
    assetTag: null,
    vendor: null,
    model: null,
    os: null,
    firmware: null,
    category: null,
    patientSafety: null,
    holdsEphi: null,
    location: null,
    department: null,
    owner: null,
    zone: null,
    site: null,
    aeTitles: [],
    vlan: null,
    endOfSupport: null,
    lastSeen: null,
  };
}

/** Damaged lines an export can hold: stray and unbalanced quotes, wrong widths, binary junk. No `V`. */
const garbage = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abc019 ,;"\'\t\n=@é'.split('')), maxLength: 30 }),
  fc.constantFrom(
    '"',
    'x,"unclosed',
    '"unclosed at the start',
    'a,b,c,d,e,f,g',
    'only-one-field',
    '"a"b"c",d,e',
    ',"',
    '"""',
    '\u0001\u0002\u0000',
    "=cmd|' /C calc'!A0",
  ),
);

const validRow = fc.record({
  ip: fc.ipV4(),
  name: text.map((t) => `Name ${t}`),
});

/** Valid rows, with one piece of junk before each and one after the last; one line each. */
async function keptAfterJunk(
  junk: readonly string[],
  rows: readonly { ip: string; name: string }[],
): Promise<unknown[]> {
  const valid = rows.map((row, i) => ({
    ...blank(),
    serial: `VALID-${i}`,
    ips: [row.ip],
    name: row.name,
  }));
  const [header, ...lines] = [...inventoryLines(valid)];
  const body = lines.map((line, i) => `${junk[i] ?? ''}\n${line}`).join('\n');
  const csv = `${header ?? ''}\n${body}\n${junk[lines.length] ?? ''}\n`;
  const parsed = await collectInventory(inPieces(csv, 11), { source, mapping: THREE_FIELDS });
  const kept = parsed.records.filter((r) => r.serial?.startsWith('VALID-') === true);
  expect(kept.map((r) => [r.serial, r.ips, r.name])).toEqual(
    valid.map((r) => [r.serial, r.ips, r.name]),
  );
  return kept;
}

/** A single damaged line: anything but a line break. */
const junkLine = garbage.map((g) => g.replace(/\n/g, ' '));

describe('parseInventory: garbage between valid rows', () => {
  it('CSV: one garbage row anywhere between valid rows loses none of them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(validRow, { minLength: 1, maxLength: 8 }),
        junkLine,
        fc.nat(),
        async (rows, junk, at) => {
          const junks = Array<string>(rows.length + 1).fill('');
          junks[at % junks.length] = junk;
          await keptAfterJunk(junks, rows);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('CSV: many garbage rows lose no valid row, unless two of them form a quoted field together', async () => {
    // A line whose quote is followed by a delimiter or the line end can close a quote an earlier
    // damaged line opened: the two and everything between them are then one well-formed record,
    // which no CSV reader can tell from an intended one. Such junk is left out here.
    const unclosing = garbage.filter((g) => !/"(,|$)/m.test(g));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(unclosing, validRow), { minLength: 1, maxLength: 6 }),
        unclosing,
        async (pairs, last) => {
          await keptAfterJunk(
            [...pairs.map(([junk]) => junk), last],
            pairs.map(([, row]) => row),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('NDJSON: garbage lines between valid objects lose none of them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(garbage, validRow), { minLength: 1, maxLength: 6 }),
        async (pairs) => {
          const lines = pairs.map(
            ([junk, row], i) =>
              `${junk}\n${JSON.stringify({ serial: `VALID-${i}`, ip: row.ip, name: row.name })}`,
          );
          const parsed = await collectInventory(
            inPieces(`{"serial":"first"}\n${lines.join('\n')}\n`, 11),
            {
              source,
              mapping: { ...THREE_FIELDS, format: 'ndjson' },
            },
          );
          const kept = parsed.records.filter((r) => r.serial?.startsWith('VALID-') === true);
          expect(kept.map((r) => [r.serial, r.ips, r.name])).toEqual(
            pairs.map(([, row], i) => [`VALID-${i}`, [row.ip], row.name]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('JSON array: bad elements between valid objects lose none of them', async () => {
    const bad = fc.oneof(
      fc
        .jsonValue({ maxDepth: 3 })
        .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
      fc
        .constantFrom('{"__proto__": {"x": 1}}', '{"constructor": {}}', '{"mac": "zz"}', '{}')
        .map((t) => JSON.parse(t) as unknown),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(bad, validRow), { minLength: 1, maxLength: 6 }),
        async (pairs) => {
          const elements = pairs.flatMap(([junk, row], i) => [
            JSON.stringify(junk),
            JSON.stringify({ serial: `VALID-${i}`, ip: row.ip, name: row.name }),
          ]);
          const parsed = await collectInventory(inPieces(`[${elements.join(',\n')}]`, 11), {
            source,
            mapping: THREE_FIELDS,
          });
          expect(parsed.records.map((r) => r.serial)).toEqual(pairs.map((_, i) => `VALID-${i}`));
        },
      ),
      { numRuns: 300 },
    );
  });
});

const THREE_FIELDS: InventoryMapping = { fields: { serial: 'serial', ip: 'ip', name: 'name' } };

function* inventoryLines(records: InventoryRecord[]): Generator<string> {
  // One record per element: the writer's lines without the line ending, header first.
  const csv = formatInventoryCsv(records, {
    fields: ['serial', 'ip', 'name'],
    escapeFormulas: false,
    lineEnding: '\n',
  });
  let at = 0;
  let inside = false;
  for (let i = 0; i < csv.length; i += 1) {
    if (csv[i] === '"') inside = !inside;
    else if (csv[i] === '\n' && !inside) {
      yield csv.slice(at, i);
      at = i + 1;
    }
  }
}
