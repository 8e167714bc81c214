'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { useLive } from '@/features/editor/use-live';
import { userContentOrigin } from '@/kernel-host/user-content-origin';
import { createKernelController, type KernelController } from './kernel-controller.ts';
import { KernelContext } from './use-kernel.ts';

export interface NotebookKernelProps {
  notebookId: string;
  user: { id: string; name: string } | null;
  /** COHORT_USER_CONTENT_ORIGIN, when configured. */
  configuredUserContentOrigin: string | null;
  children: ReactNode;
}

/**
 * The notebook's browser kernel for everything inside it. Nothing starts until someone presses
 * Run: opening a notebook never runs code.
 */
export function NotebookKernel({ notebookId, user, configuredUserContentOrigin, children }: NotebookKernelProps) {
  const { session, readOnly } = useLive();
  const [kernel, setKernel] = useState<KernelController | null>(null);
  const notebook = session?.notebook ?? null;

  useEffect(() => {
    if (!notebook || !session) return;
    const controller = createKernelController({
      notebookId,
      notebook,
      awareness: session.awareness,
      user: user ?? { id: 'anonymous', name: 'Anonymous' },
      local: readOnly,
      userContentOrigin: userContentOrigin(location.origin, configuredUserContentOrigin),
    });
    setKernel(controller);
    return () => {
      setKernel(null);
      controller.dispose();
    };
  }, [notebook, session, notebookId, readOnly, user?.id, user?.name, configuredUserContentOrigin]);

  return <KernelContext value={kernel}>{children}</KernelContext>;
}
