/**
 * Real JSON logs from the shared data folder, read where they sit (never copied): python-evtx
 * JSON lines of the hayabusa EVTX samples, and OTRF Security-Datasets AWS CloudTrail and Azure AD
 * audit exports (ZIP archives). Facts asserted here were read from the files by hand.
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readJsonLog, readJsonLogText } from './read.js';
import { codesOf, collect, eventsOf, zipEntries } from './test-helpers.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const EVTX_JSONL = join(DATA, 'evtx-samples-jsonl');
const OTRF = join(DATA, 'otrf-security-datasets/datasets');
const present = existsSync(EVTX_JSONL) && existsSync(OTRF);
const title = present
  ? 'real JSON logs from ../shared/data'
  : 'real JSON logs: SKIPPED, ../shared/data is absent in this clone';

function jsonlFiles(dir: string): string[] {
  const found: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) stack.push(path);
      else if (name.endsWith('.jsonl')) found.push(path);
    }
  }
  return found.sort();
}

describe.skipIf(!present)(title, () => {
  it('reads all 1 551 events of the 149 EVTX JSON-lines files, each with its SystemTime', async () => {
    const files = jsonlFiles(EVTX_JSONL);
    expect(files).toHaveLength(149);
    let events = 0;
    for (const file of files) {
      const items = await collect(readJsonLog(createReadStream(file), { source: file }));
      expect(codesOf(items)).toEqual([]);
      for (const event of eventsOf(items)) {
        expect(event.time).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        events += 1;
      }
    }
    expect(events).toBe(1551);
  });

  it('reads the pass-the-hash sample: 8 events, the first a 1102 log clear', async () => {
    const file = join(
      EVTX_JSONL,
      'EVTX-to-MITRE-Attack/TA0008-Lateral Movement/T1550-Use Alternate Authentication Material/ID4624-Mimikatz Pass the hash.jsonl',
    );
    const events = eventsOf(await collect(readJsonLog(createReadStream(file), { source: 'pth' })));
    expect(events).toHaveLength(8);
    expect(events[0]?.time).toBe('2021-10-20T13:39:12.731Z');
    expect(events[0]?.data).toMatchObject({
      Event: { System: { EventID: { '#text': '1102' }, Computer: 'FS03.offsec.lan' } },
    });
    expect(events[7]?.time).toBe('2021-10-20T13:39:21.730Z');
    expect(events[7]?.origin).toEqual({ source: 'pth', position: 'line 8' });
  });

  it('reads 103 CloudTrail records of the EC2 proxy S3 exfiltration dataset', () => {
    const zip = zipEntries(join(OTRF, 'atomic/aws/collection/ec2_proxy_s3_exfiltration.zip'));
    const text = zip.get('ec2_proxy_s3_exfiltration_2020-09-14011940.json')?.toString('utf8') ?? '';
    const items = readJsonLogText(text, { source: 'cloudtrail' });
    const events = eventsOf(items);
    expect(items).toHaveLength(103);
    expect(events).toHaveLength(103);
    expect(events[0]?.time).toBe('2020-09-14T00:44:23.000Z');
    expect(events[0]?.data['eventName']).toBe('DescribeInstanceTypes');
    expect(events.filter((e) => e.data['sourceIPAddress'] === '1.2.3.4')).toHaveLength(98);
  });

  it('reads the 4 Azure AD audit events of the Golden SAML dataset with their TimeGenerated', () => {
    const zip = zipEntries(join(OTRF, 'compound/GoldenSAMLADFSMailAccess/AADAuditEvents.Zip'));
    const text = zip.get('AADAuditEvents.json')?.toString('utf8') ?? '';
    const events = eventsOf(readJsonLogText(text, { source: 'aad' }));
    expect(events.map((e) => e.time)).toEqual([
      '2021-08-02T13:29:25.983Z',
      '2021-08-02T13:29:25.983Z',
      '2021-08-02T13:25:12.246Z',
      '2021-08-02T13:27:20.017Z',
    ]);
  });
});
