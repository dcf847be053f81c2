/**
 * When each demo file was made. Fixed, so the generator writes the same bytes every run and the
 * demo's assets were last seen days before anyone starts it: a CMMS export, then the night's
 * scans, then a working day's traffic.
 */
export const DEMO_TIMES = {
  /** Last network check-in the CMMS recorded for every clinical device. */
  cmmsCheckIn: '2026-10-31T22:15:00.000Z',
  /** ServiceNow discovery of the CMDB's servers and network equipment. */
  cmdbDiscovered: '2026-10-31T23:40:00.000Z',
  mainCampusScan: '2026-11-01T02:00:00.000Z',
  northClinicScan: '2026-11-01T03:30:00.000Z',
  serverScan: '2026-11-01T04:00:00.000Z',
  sbomCreated: '2026-09-15T00:00:00.000Z',
  /** The pumps come on line at the 07:00 shift change. */
  dhcpCapture: '2026-11-02T07:02:00.000Z',
  imagingCapture: '2026-11-02T14:10:00.000Z',
  hl7Capture: '2026-11-02T14:40:00.000Z',
} as const;

/** Adds seconds to an ISO time. */
export function later(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}
