import { Code, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { dicomSopClass } from '../api/inventory-vocabulary';
import type { ProtocolFacts } from '../api/types';
import { formatDateTime } from '../lib/format';

interface FactItem {
  readonly key: string;
  readonly node: ReactNode;
}

interface FactRow {
  readonly label: string;
  readonly items: readonly FactItem[];
}

/** Values shown as code: identifiers, names and fingerprints exactly as sent on the wire. */
const codes = (values: readonly string[]): FactItem[] =>
  values.map((value) => ({ key: value, node: <Code>{value}</Code> }));

const one = (value: string | null): string[] => (value === null ? [] : [value]);

function Values({ row }: { readonly row: FactRow }) {
  if (row.items.length === 0) return <Text size="sm">—</Text>;
  return (
    <Group gap={6}>
      {row.items.map((item) => (
        <Text key={item.key} component="span" size="sm">
          {item.node}
        </Text>
      ))}
    </Group>
  );
}

function Section({ title, rows }: { readonly title: string; readonly rows: readonly FactRow[] }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      <Stack gap="xs">
        {rows.map((row) => (
          <div key={row.label}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {row.label}
            </Text>
            <Values row={row} />
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

function SopClass({ uid }: { readonly uid: string }) {
  const known = dicomSopClass(uid);
  return (
    <Text size="sm" component="span">
      {known?.name ?? 'Unnamed class'} <Code>{uid}</Code>
    </Text>
  );
}

function dicomRows(dicom: NonNullable<ProtocolFacts['dicom']>): FactRow[] {
  return [
    { label: 'AE titles', items: codes(dicom.aeTitles) },
    {
      label: 'Roles',
      items: dicom.roles.map((role) => ({
        key: role,
        node: role === 'scu' ? 'SCU (opens associations)' : 'SCP (accepts associations)',
      })),
    },
    { label: 'Implementation class UID', items: codes(one(dicom.implementationClassUid)) },
    { label: 'Implementation version', items: codes(one(dicom.implementationVersionName)) },
    {
      label: 'SOP classes',
      items: dicom.sopClasses.map((uid) => ({ key: uid, node: <SopClass uid={uid} /> })),
    },
  ];
}

function tlsRows(tls: NonNullable<ProtocolFacts['tls']>): FactRow[] {
  return [
    { label: 'Server names (SNI)', items: codes(tls.sni) },
    { label: 'JA3', items: codes(tls.ja3) },
    { label: 'JA4', items: codes(tls.ja4) },
    {
      label: 'Certificates',
      items: tls.certificates.map((c, index) => ({
        key: `${String(index)}:${c.subject}`,
        node: (
          <Text size="sm" component="span">
            <Code>{c.subject}</Code> issued by <Code>{c.issuer}</Code>, valid until{' '}
            {formatDateTime(c.notAfter)}
          </Text>
        ),
      })),
    },
  ];
}

/** What the asset's own traffic revealed, protocol by protocol. */
export function ProtocolFactsView({ protocols }: { readonly protocols: ProtocolFacts }) {
  const { dicom, hl7, dhcp, tls, http, dns } = protocols;
  const sections: { title: string; rows: FactRow[] }[] = [];
  if (dicom) sections.push({ title: 'DICOM', rows: dicomRows(dicom) });
  if (hl7) {
    sections.push({
      title: 'HL7 v2',
      rows: [
        { label: 'Applications', items: codes(hl7.applications) },
        { label: 'Facilities', items: codes(hl7.facilities) },
        { label: 'Message types', items: codes(hl7.messageTypes) },
        { label: 'Versions', items: codes(hl7.versions) },
      ],
    });
  }
  if (dhcp) {
    sections.push({
      title: 'DHCP',
      rows: [
        { label: 'Hostname', items: codes(one(dhcp.hostname)) },
        { label: 'Vendor class', items: codes(one(dhcp.vendorClass)) },
        { label: 'Fingerprint (option 55)', items: codes(one(dhcp.fingerprint)) },
        { label: 'Client ID', items: codes(one(dhcp.clientId)) },
      ],
    });
  }
  if (tls) sections.push({ title: 'TLS', rows: tlsRows(tls) });
  if (http) {
    sections.push({
      title: 'HTTP',
      rows: [
        { label: 'User agents', items: codes(http.userAgents) },
        { label: 'Server headers', items: codes(http.servers) },
        { label: 'Hosts asked for', items: codes(http.hosts) },
      ],
    });
  }
  if (dns)
    sections.push({
      title: 'DNS',
      rows: [{ label: 'Names looked up', items: codes(dns.queries) }],
    });

  if (sections.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="traffic-empty">
        No traffic from this asset has been analysed. Import a packet capture to learn its DICOM AE
        titles, HL7 applications, DHCP fingerprint and TLS details.
      </Text>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      {sections.map((section) => (
        <Section key={section.title} title={section.title} rows={section.rows} />
      ))}
    </SimpleGrid>
  );
}
