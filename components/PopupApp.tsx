import { t } from '@/lib/i18n';
import { TabStatus, type TabStateSource } from './TabStatus';

export function PopupApp({ tabState }: { tabState: TabStateSource }) {
  return (
    <main class="popup">
      <h1>{t('popupHeading')}</h1>
      <TabStatus source={tabState} />
    </main>
  );
}
