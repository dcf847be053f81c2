import { AreaPlaceholder } from '../components/area-placeholder';
import type { PlannedAreaKey } from '../lib/areas';
import { PLANNED_AREAS } from '../lib/areas';

export function AreaPage({ area }: { readonly area: PlannedAreaKey }) {
  return <AreaPlaceholder area={PLANNED_AREAS[area]} />;
}
