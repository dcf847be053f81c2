import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router-dom';

const SECTIONS = [
  { path: '/vulnerabilities', label: 'Vulnerabilities' },
  { path: '/vulnerabilities/dashboard', label: 'Patch SLA' },
  { path: '/vulnerabilities/exceptions', label: 'Exceptions and policy' },
  { path: '/vulnerabilities/feeds', label: 'Feeds' },
] as const;

/** The sections of vulnerability management, as links styled as tabs. */
export function VulnAreaTabs() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = SECTIONS.find((s) => s.path === pathname)?.path ?? '/vulnerabilities';
  return (
    <Tabs
      value={current}
      mb="md"
      onChange={(value) => {
        if (value !== null) void navigate(value);
      }}
    >
      <Tabs.List aria-label="Vulnerability management">
        {SECTIONS.map((section) => (
          <Tabs.Tab key={section.path} value={section.path}>
            {section.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
