import { GeistMono } from 'geist/font/mono';
import { GeistSans } from 'geist/font/sans';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppShell, ToastProvider, themeInitScript } from '@/components';
import { SiteActions } from '@/features/shell/site-actions';
import '@/styles/globals.css';

// Pages read the server context (database, session) at request time, never at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Cohort', template: '%s · Cohort' },
  description: 'Collaborative TypeScript notebooks for people who learn deep learning together.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body>
        <ToastProvider>
          <AppShell actions={<SiteActions />}>{children}</AppShell>
        </ToastProvider>
      </body>
    </html>
  );
}
