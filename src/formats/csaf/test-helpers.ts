/** Builders for CSAF test documents. */

/** A minimal valid CSAF 2.0 security advisory around the given tree and vulnerabilities. */
export function csafDoc(
  productTree: unknown,
  vulnerabilities: unknown[],
  extra: object = {},
): object {
  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      distribution: { tlp: { label: 'WHITE' } },
      notes: [{ category: 'summary', text: 'Document summary.' }],
      publisher: { category: 'vendor', name: 'Acme', namespace: 'https://acme.example' },
      references: [{ category: 'self', url: 'https://acme.example/adv/1', summary: 'self' }],
      title: 'Acme pump advisory',
      tracking: {
        current_release_date: '2024-02-01T00:00:00Z',
        id: 'ACME-2024-1',
        initial_release_date: '2024-01-01T00:00:00Z',
        revision_history: [
          { date: '2024-01-01T00:00:00Z', number: '1', summary: 'first' },
          { date: '2024-02-01T00:00:00Z', number: '2', summary: 'second' },
        ],
        status: 'final',
        version: '2',
      },
      ...extra,
    },
    product_tree: productTree,
    vulnerabilities,
  };
}

/** Chunks of a string as bytes, split at `size`, for the streaming input path. */
export async function* chunksOf(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) {
    await Promise.resolve();
    yield bytes.subarray(at, at + size);
  }
}
