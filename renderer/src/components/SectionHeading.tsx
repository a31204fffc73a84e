import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A heading for a step that replaces the controls the user just used (preview, progress, report):
 * without moving focus here, keyboard focus would fall back to the page's start.
 */
export function SectionHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h2 ref={ref} id={id} tabIndex={-1}>
      {children}
    </h2>
  );
}
