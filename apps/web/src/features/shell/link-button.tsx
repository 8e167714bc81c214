import Link from 'next/link';
import type { ComponentProps } from 'react';
import type { ButtonSize, ButtonVariant } from '@/components';
import buttonStyles from '@/components/button.module.css';
import styles from './link-button.module.css';

export interface LinkButtonProps extends ComponentProps<typeof Link> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** A navigation link that looks like a Button: navigation stays a link for the browser and screen readers. */
export function LinkButton({ variant = 'secondary', size = 'md', className, ...rest }: LinkButtonProps) {
  const classes = [buttonStyles.button, buttonStyles[variant], buttonStyles[size], styles.link, className];
  return <Link {...rest} className={classes.filter(Boolean).join(' ')} />;
}
