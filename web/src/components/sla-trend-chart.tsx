import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { SlaDashboard } from '../api/vuln-types';

/** Open and overdue findings a day over 90 days. Loaded lazily: only the dashboard needs recharts. */
export function SlaTrendChart({ trend }: { readonly trend: SlaDashboard['trend'] }) {
  return (
    <div style={{ width: '100%', height: 300 }} data-testid="sla-trend-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={[...trend]} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#dee2e6" />
          <XAxis dataKey="date" tick={{ fontSize: 12 }} minTickGap={32} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={48} />
          <Tooltip />
          <Legend />
          <Line
            type="monotone"
            dataKey="open"
            name="Open"
            stroke="#1c7ed6"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="overdue"
            name="Overdue"
            stroke="#e03131"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
