import { describe, expect, it } from 'vitest';
import { EMPTY_EXCEPTION_FORM, prepareException } from './exception-form';

const TODAY = '2026-03-10';
const FILLED = {
  ...EMPTY_EXCEPTION_FORM,
  assetId: 'ast_1',
  reason: ' FDA-validated build; vendor patch due Q3 ',
  controls: 'VLAN isolation\nNo internet egress',
  until: '2026-09-30',
};

describe('exception form', () => {
  it('builds the request, with no vulnerability meaning every finding', () => {
    expect(prepareException(FILLED, TODAY)).toEqual({
      request: {
        assetId: 'ast_1',
        vulnId: null,
        kind: 'risk_accepted',
        reason: 'FDA-validated build; vendor patch due Q3',
        controls: ['VLAN isolation', 'No internet egress'],
        until: '2026-09-30',
      },
    });
    expect(prepareException({ ...FILLED, vulnId: ' CVE-2024-1234 ' }, TODAY)).toHaveProperty(
      'request.vulnId',
      'CVE-2024-1234',
    );
  });

  it('names each missing or wrong field', () => {
    const result = prepareException(
      { ...EMPTY_EXCEPTION_FORM, kind: 'mitigated', vulnId: 'not an id', until: TODAY },
      TODAY,
    );
    expect(Object.keys('problems' in result ? result.problems : {}).sort()).toEqual([
      'assetId',
      'controls',
      'reason',
      'until',
      'vulnId',
    ]);
  });
});
