import { createBrowserRouter } from 'react-router-dom';
import { Guarded } from './components/guarded';
import { RequireAccess } from './components/require-access';
import { ShellLayout } from './components/shell-layout';
import { PLANNED_AREA_KEYS } from './lib/areas';
import { AreaPage } from './pages/area-page';
import { AssetDetailPage } from './pages/asset-detail-page';
import { AssetsPage } from './pages/assets-page';
import { AuditPage } from './pages/audit-page';
import { BootstrapPage } from './pages/bootstrap-page';
import { ChangePasswordPage } from './pages/change-password-page';
import { EnrollPage } from './pages/enroll-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { OverviewPage } from './pages/overview-page';
import { SecurityPage } from './pages/security-page';
import { UsersPage } from './pages/users-page';

/**
 * Every route sits behind `Guarded`, which sends the user where the session stage allows
 * (session/route-guard.ts); pages for some roles only also sit behind `RequireAccess`.
 */
export const router = createBrowserRouter([
  {
    path: '/bootstrap',
    element: (
      <Guarded kind="bootstrap">
        <BootstrapPage />
      </Guarded>
    ),
  },
  {
    path: '/login',
    element: (
      <Guarded kind="login">
        <LoginPage />
      </Guarded>
    ),
  },
  {
    path: '/enroll',
    element: (
      <Guarded kind="enroll">
        <EnrollPage />
      </Guarded>
    ),
  },
  {
    path: '/change-password',
    element: (
      <Guarded kind="password-change">
        <ChangePasswordPage />
      </Guarded>
    ),
  },
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
