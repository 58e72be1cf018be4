import type { TabState } from '@/lib/messages';
import { t } from '@/lib/i18n';
import { TabStatus } from './TabStatus';

export function PopupApp({ loadTabState }: { loadTabState: () => Promise<TabState[]> }) {
  return (
    <main class="popup">
      <h1>{t('popupHeading')}</h1>
      <TabStatus load={loadTabState} />
    </main>
  );
}
