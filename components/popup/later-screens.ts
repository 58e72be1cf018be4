import { useEffect, useState } from 'preact/hooks';

export type LaterScreens = typeof import('./screens');

/**
 * The add, details and first-run screens, loaded once `wanted` first turns true: null until they
 * are there, `'failed'` if their file could not be loaded (asked for again the next time they are
 * wanted).
 */
export function useLaterScreens(wanted: boolean): LaterScreens | 'failed' | null {
  const [screens, setScreens] = useState<LaterScreens | 'failed' | null>(null);
  useEffect(() => {
    if (!wanted || (screens && screens !== 'failed')) return;
    let live = true;
    // Trying again: a second failure is news again.
    if (screens === 'failed') setScreens(null);
    import('./screens').then(
      (loaded) => live && setScreens(loaded),
      () => live && setScreens('failed'),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return screens;
}
