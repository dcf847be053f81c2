/**
 * SPDX relationship types → direction-normalized edges. `A DEPENDENCY_OF B` says B depends on A,
 * so it becomes `B depends-on A`; the edge keeps the SPDX type as written.
 * @see https://spdx.github.io/spdx-spec/v2.3/relationships-between-SPDX-elements/
 */
import type { SbomEdge, SbomEdgeKind } from '../sbom/types.js';

interface Mapping {
  readonly kind: SbomEdgeKind;
  /** True when the SPDX element is the target of the normalized edge. */
  readonly reverse: boolean;
}

const forward = (kind: SbomEdgeKind): Mapping => ({ kind, reverse: false });
const reverse = (kind: SbomEdgeKind): Mapping => ({ kind, reverse: true });

const MAPPINGS: Readonly<Record<string, Mapping>> = {
  DEPENDS_ON: forward('depends-on'),
  // "A statically/dynamically links to B": B is code A runs.
  STATIC_LINK: forward('depends-on'),
  DYNAMIC_LINK: forward('depends-on'),
  DEPENDENCY_OF: reverse('depends-on'),
  BUILD_DEPENDENCY_OF: reverse('depends-on'),
  DEV_DEPENDENCY_OF: reverse('depends-on'),
  OPTIONAL_DEPENDENCY_OF: reverse('depends-on'),
  PROVIDED_DEPENDENCY_OF: reverse('depends-on'),
  TEST_DEPENDENCY_OF: reverse('depends-on'),
  RUNTIME_DEPENDENCY_OF: reverse('depends-on'),
  CONTAINS: forward('contains'),
  CONTAINED_BY: reverse('contains'),
  // "A is a package of B", "A is an optional component of B": B contains A.
  PACKAGE_OF: reverse('contains'),
  OPTIONAL_COMPONENT_OF: reverse('contains'),
  GENERATED_FROM: forward('generated-from'),
  GENERATES: reverse('generated-from'),
};

/** The edge for `from TYPE to`; types without a mapping stay `other`, direction as written. */
export function relationshipEdge(from: string, type: string, to: string): SbomEdge {
  const mapping = Object.hasOwn(MAPPINGS, type) ? MAPPINGS[type] : undefined;
  if (mapping === undefined) return { from, to, kind: 'other', relationship: type };
  return mapping.reverse
    ? { from: to, to: from, kind: mapping.kind, relationship: type }
    : { from, to, kind: mapping.kind, relationship: type };
}
