import { describe, expect, it } from 'vitest';
import { MAX_DEAD_LETTER_RAW_CHARS } from '../../domain/detection.js';
import { inPieces } from '../cve/test-helpers.js';
import { asChunks, codesOf, collect, eventsOf } from '../entra/test-helpers.js';
import { readAtnaMessages } from './index.js';
import { MAX_ATNA_MESSAGE_CHARS } from './limits.js';

const source = 'atna.log';

/** A C-STORE from a modality to the archive, as PS3.15 A.5.3.2 lays it out (values invented). */
function message(time = '2024-06-01T09:30:00.123+02:00', id = 'P-1'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<AuditMessage>
  <EventIdentification EventActionCode="C" EventDateTime="${time}" EventOutcomeIndicator="8">
    <EventID csd-code="110104" codeSystemName="DCM" originalText="DICOM Instances Transferred"/>
    <EventTypeCode csd-code="110120" codeSystemName="DCM" displayName="Application Start"/>
    <PurposeOfUse csd-code="TREAT" codeSystemName="v3-ActReason" originalText="treatment"/>
  </EventIdentification>
  <ActiveParticipant UserID="CT01" AlternativeUserID="AETITLES=CT01" UserName="ct-tech" UserIsRequestor="true" NetworkAccessPointID="192.0.2.10" NetworkAccessPointTypeCode="2">
    <RoleIDCode csd-code="110153" codeSystemName="DCM" originalText="Source Role ID"/>
  </ActiveParticipant>
  <ActiveParticipant UserID="ARCHIVE" AlternativeUserID="AETITLES=DCM4CHEE;ARC2" UserIsRequestor="false" NetworkAccessPointID="192.0.2.20" NetworkAccessPointTypeCode="2">
    <RoleIDCode csd-code="110152" codeSystemName="DCM" originalText="Destination Role ID"/>
  </ActiveParticipant>
  <AuditSourceIdentification AuditSourceID="pacs-1"/>
  <ParticipantObjectIdentification ParticipantObjectID="1.2.3.4" ParticipantObjectTypeCode="2" ParticipantObjectTypeCodeRole="3">
    <ParticipantObjectIDTypeCode csd-code="110180" codeSystemName="DCM" originalText="Study Instance UID"/>
  </ParticipantObjectIdentification>
  <ParticipantObjectIdentification ParticipantObjectID="${id}" ParticipantObjectTypeCode="1" ParticipantObjectTypeCodeRole="1">
    <ParticipantObjectIDTypeCode csd-code="2" originalText="Patient Number"/>
  </ParticipantObjectIdentification>
</AuditMessage>`;
}

describe('ATNA audit message reader', () => {
  it('maps a message to the audit-trail fields with the AE titles', async () => {
    const items = await collect(readAtnaMessages(asChunks(message()), { source }));
    expect(codesOf(items)).toEqual([]);
    expect(eventsOf(items)).toEqual([
      {
        time: '2024-06-01T07:30:00.123Z',
        logsource: { product: 'atna', category: 'health_record_access' },
        shape: 'audit-trail',
        ips: ['192.0.2.10', '192.0.2.20'],
        origin: { source, position: 'line 2' },
        data: {
          EventType: 'DICOM Instances Transferred',
          EventSubtype: 'Application Start',
          Action: 'C',
          Outcome: 'serious-failure',
          UserId: 'CT01',
          UserName: 'ct-tech',
          UserRole: 'Source Role ID',
          SourceAddress: '192.0.2.10',
          Application: 'pacs-1',
          PatientId: 'P-1',
          ObjectType: 'Study Instance UID',
          ObjectId: '1.2.3.4',
          Purpose: 'treatment',
          CallingAETitle: 'CT01',
          CalledAETitle: ['DCM4CHEE', 'ARC2'],
        },
      },
    ]);
  });

  it('reads syslog frames and concatenated messages in any chunking', async () => {
    const frames = ['P-1', 'P-2', 'P-3']
      .map(
        (id) =>
          `<85>1 2024-06-01T07:30:00Z pacs dcm4chee 42 IHE+RFC-3881 - ${message(undefined, id).replace(/\n/g, ' ')}`,
      )
      .join('\n');
    for (const size of [1, 17, 100_000]) {
      const items = await collect(readAtnaMessages(inPieces(frames, size), { source }));
      expect(eventsOf(items).map((e) => [e.data['PatientId'], e.origin?.position])).toEqual([
        ['P-1', 'line 1'],
        ['P-2', 'line 2'],
        ['P-3', 'line 3'],
      ]);
    }
  });

  it('rejects a cut, malformed, undated or entity-laden message and reads the next', async () => {
    const text = [
      message().slice(0, 400),
      message().replace('</ActiveParticipant>', ''),
      message('not a date'),
      '<!DOCTYPE AuditMessage [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      message().replace('pacs-1', '&xxe;'),
      '<AuditMessage><Other/></AuditMessage>',
      message(),
      '<AuditMessage><EventIdentification',
    ].join('\n');
    const items = await collect(readAtnaMessages(asChunks(text), { source }));
    expect(codesOf(items)).toEqual([
      'WL_ATNA_TRUNCATED',
      'WL_ATNA_XML_MALFORMED',
      'WL_ATNA_TIME_INVALID',
      'WL_ATNA_XML_MALFORMED',
      'WL_ATNA_NOT_AUDIT_MESSAGE',
      'WL_ATNA_TRUNCATED',
    ]);
    expect(eventsOf(items)).toHaveLength(1);
    expect(JSON.stringify(items)).not.toContain('root:');
  });

  it('skips an oversized message with its head as raw text and reads on', async () => {
    const huge = message().replace(
      '<AuditSourceIdentification',
      `<!--${'x'.repeat(MAX_ATNA_MESSAGE_CHARS)}--><AuditSourceIdentification`,
    );
    const items = await collect(
      readAtnaMessages(inPieces(`${huge}\n${message()}`, 65_536), { source }),
    );
    expect(codesOf(items)).toEqual(['WL_ATNA_LIMIT_EXCEEDED']);
    const [rejected] = items;
    expect(rejected?.kind === 'rejected' && rejected.raw?.length).toBe(MAX_DEAD_LETTER_RAW_CHARS);
    expect(eventsOf(items)).toHaveLength(1);
  });

  it('reads nothing from input without a message', async () => {
    expect(
      await collect(
        readAtnaMessages(asChunks('<85>1 - - - - - hello\n<AuditMessageX/>'), { source }),
      ),
    ).toEqual([]);
  });
});
