import { readFileSync } from 'node:fs';
import { setCatalog, type Catalog } from '@/lib/i18n';

/** The English catalog, so screens render the words users see (the fake browser has no i18n). */
export function loadEnglish(): Catalog {
  const catalog = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Catalog;
  setCatalog(catalog, 'en');
  return catalog;
}

/** Timers the test advances by hand (vi.useFakeTimers also works; these keep screens' timers visible). */
export class ManualTimers {
  private handles = new Map<number, { at: number; callback: () => void }>();
  private next = 1;
  time = Date.UTC(2026, 0, 1, 12, 0, 10);

  now = () => this.time;

  setTimeout = (callback: () => void, ms: number): number => {
    const handle = this.next++;
    this.handles.set(handle, { at: this.time + ms, callback });
    return handle;
  };

  clearTimeout = (handle: number): void => {
    this.handles.delete(handle);
  };

  /** Moves time on, running each timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.handles.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.handles.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }

  get pending(): number {
    return this.handles.size;
  }
}
