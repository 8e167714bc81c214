'use client';

import { Button, useToast, type ButtonSize } from '@/components';

export interface CopyButtonProps {
  text: string;
  label?: string;
  /** Toast after a successful copy. */
  copied?: string;
  size?: ButtonSize;
}

export function CopyButton({ text, label = 'Copy', copied = 'Copied', size = 'md' }: CopyButtonProps) {
  const toast = useToast();

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      toast({ message: copied, tone: 'success' });
    } catch {
      toast({ message: 'The browser refused to copy. Select the text and copy it yourself.', tone: 'error' });
    }
  }

  return (
    <Button size={size} onClick={() => void copy()}>
      {label}
    </Button>
  );
}
