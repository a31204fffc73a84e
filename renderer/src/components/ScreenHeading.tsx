import { useEffect, useRef, type ReactNode } from 'react';

/** Moving focus to the new heading tells screen-reader and keyboard users the screen changed. */
export function ScreenHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
