import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { router } from './router';
import { queryClient } from './session/session-cache';
import { theme } from './theme';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');

// No ColorSchemeScript: it is an inline script, and the server's CSP allows scripts from 'self'
// only. The light scheme is the default; Mantine applies it on mount.
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
