import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router-dom';
import { Guarded } from './components/guarded';
import { RequireAccess } from './components/require-access';
import { ShellLayout } from './components/shell-layout';
import { PLANNED_AREA_KEYS } from './lib/areas';
import { AlertDetailPage } from './pages/alert-detail-page';
import { AlertsPage } from './pages/alerts-page';
import { AreaPage } from './pages/area-page';
import { AssetDetailPage } from './pages/asset-detail-page';
import { AssetsPage } from './pages/assets-page';
import { AuditPage } from './pages/audit-page';
import { BootstrapPage } from './pages/bootstrap-page';
import { ChangePasswordPage } from './pages/change-password-page';
import { DetectionRulesPage } from './pages/detection-rules-page';
import { EnrollPage } from './pages/enroll-page';
import { EventSourcesPage } from './pages/event-sources-page';
import { FeedsPage } from './pages/feeds-page';
import { HuntPage } from './pages/hunt-page';
import { ImportsPage } from './pages/imports-page';
import { LoginPage } from './pages/login-page';
import { MapPage } from './pages/map-page';
import { NotFoundPage } from './pages/not-found-page';
import { OverviewPage } from './pages/overview-page';
import { SecurityPage } from './pages/security-page';
import { UsersPage } from './pages/users-page';
import { VulnDashboardPage } from './pages/vuln-dashboard-page';
import { VulnExceptionsPage } from './pages/vuln-exceptions-page';
import { VulnerabilitiesPage } from './pages/vulnerabilities-page';
import { VulnerabilityDetailPage } from './pages/vulnerability-detail-page';
import { ZonesPage } from './pages/zones-page';
import type { RouteKind } from './session/route-guard';

/**
 * Every route sits behind `Guarded`, which sends the user where the session stage allows
 * (session/route-guard.ts); pages for some roles only also sit behind `RequireAccess`.
 */
/** A page of the sign-in sequence: shown only at the session stage it belongs to. */
function signInStep(path: string, kind: RouteKind, page: ReactNode): RouteObject {
  return { path, element: <Guarded kind={kind}>{page}</Guarded> };
}

export const router = createBrowserRouter([
  signInStep('/bootstrap', 'bootstrap', <BootstrapPage />),
  signInStep('/login', 'login', <LoginPage />),
  signInStep('/enroll', 'enroll', <EnrollPage />),
  signInStep('/change-password', 'password-change', <ChangePasswordPage />),
  {
    path: '/',
    element: (
      <Guarded kind="app">
        <ShellLayout />
      </Guarded>
    ),
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'assets', element: <AssetsPage /> },
      { path: 'assets/:id', element: <AssetDetailPage /> },
      { path: 'imports', element: <ImportsPage /> },
      { path: 'map', element: <MapPage /> },
      { path: 'zones', element: <ZonesPage /> },
      { path: 'vulnerabilities', element: <VulnerabilitiesPage /> },
      { path: 'vulnerabilities/dashboard', element: <VulnDashboardPage /> },
      { path: 'vulnerabilities/exceptions', element: <VulnExceptionsPage /> },
      { path: 'vulnerabilities/feeds', element: <FeedsPage /> },
      { path: 'vulnerabilities/:vulnId', element: <VulnerabilityDetailPage /> },
      { path: 'alerts', element: <AlertsPage /> },
      { path: 'alerts/:id', element: <AlertDetailPage /> },
      { path: 'detection/rules', element: <DetectionRulesPage /> },
      { path: 'detection/sources', element: <EventSourcesPage /> },
      { path: 'detection/hunt', element: <HuntPage /> },
      { path: 'detection', element: <Navigate to="/alerts" replace /> },
      // The area's address while it was planned, kept for bookmarks.
      { path: 'detections', element: <Navigate to="/alerts" replace /> },
      ...PLANNED_AREA_KEYS.map((key) => ({ path: key, element: <AreaPage area={key} /> })),
      {
        path: 'admin',
        element: (
          <RequireAccess access="admin">
            <UsersPage />
          </RequireAccess>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequireAccess access="audit">
            <AuditPage />
          </RequireAccess>
        ),
      },
      { path: 'security', element: <SecurityPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
