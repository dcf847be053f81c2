/**
 * The OASIS CSAF 2.1 test lists of valid and invalid CPE names (csaf_2.1/test/cpe/data), read in
 * place. Imported as raw text through Vite, so the engine's tests need no file-system module.
 */
import { describe, expect, it } from 'vitest';
import { parseCpe } from './parse.js';
import { CpeParseError } from './types.js';

const BASE = '../../../../../shared/data/oasis-csaf/csaf_2.1/test/cpe/data/';

async function lines(file: string): Promise<string[] | null> {
  try {
    const url = new URL(`${BASE}${file}`, import.meta.url).pathname;
    const module = (await import(/* @vite-ignore */ `${url}?raw`)) as { default: string };
    return module.default.split('\n').filter((line) => line.length > 0);
  } catch {
    return null;
  }
}

const valid = await lines('valid/cpe.txt');
const invalid = await lines('invalid/cpe.txt');
const present = valid !== null && invalid !== null;

describe.skipIf(!present)(
  `CSAF 2.1 CPE test lists${present ? '' : ' (SKIPPED: data absent)'}`,
  () => {
    it('parses every valid name', () => {
      expect(valid?.length).toBeGreaterThanOrEqual(10);
      for (const line of valid ?? []) {
        const parsed = parseCpe(line);
        expect(parsed instanceof CpeParseError ? `${line}: ${parsed.code}` : 'ok').toBe('ok');
      }
    });

    it('refuses every invalid name', () => {
      expect(invalid?.length).toBeGreaterThanOrEqual(9);
      for (const line of invalid ?? []) {
        expect(parseCpe(line) instanceof CpeParseError ? 'refused' : line).toBe('refused');
      }
    });

    it('reads the valid wild-carded names as the spec writes them', () => {
      expect(
        parseCpe(
          'cpe:2.3:a:admin_management_xtended_project:admin_management_xtended:0.8:*:*:*:*:wordpress:*:*other????',
        ),
      ).toMatchObject({
        targetSw: 'wordpress',
        other: '*other????',
      });
    });
  },
);
