import { useEffect, useRef, type ReactNode } from 'react';
import { claimHeadingFocus, PAGE_HEADING_ID } from './focus.js';

/**
 * A screen's <h1>: the place focus goes after navigation, sign-in or when the focused
 * control disappeared with the previous screen.
 */
export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (claimHeadingFocus()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} id={PAGE_HEADING_ID} tabIndex={-1} className={className}>
      {children}
    </h1>
  );
}
