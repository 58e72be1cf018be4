import { t } from '@/lib/i18n';

export interface PopupHeaderProps {
  unlocked: boolean;
  /** The list is showing, so adding an account makes sense. */
  canAdd: boolean;
  autoLockMinutes: number;
  onAdd(): void;
  onLock(): void;
  onSettings(): void;
}

const ICONS = {
  add: 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z',
  lock: 'M7 10V8a5 5 0 0 1 10 0v2h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1zm2 0h6V8a3 3 0 0 0-6 0z',
  settings:
    'M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.6 7.6 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.6 7.6 0 0 0 1.7 1L11 21h4l.4-2.9a7.6 7.6 0 0 0 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z',
};

/** An icon-only button: its name for screen readers, the title for a mouse pointer resting on it. */
function IconButton({
  icon,
  label,
  title = label,
  onClick,
}: {
  icon: string;
  label: string;
  title?: string;
  onClick(): void;
}) {
  return (
    <button type="button" class="icon" onClick={onClick} aria-label={label} title={title}>
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <path d={icon} fill="currentColor" />
      </svg>
    </button>
  );
}

/** The extension's name and the actions that are always at hand. */
export function PopupHeader(props: PopupHeaderProps) {
  return (
    <header class="popup-header">
      <h1>{t('popupHeading')}</h1>
      <div class="header-actions">
        {props.unlocked && props.canAdd && (
          <IconButton icon={ICONS.add} label={t('addAccountButton')} onClick={props.onAdd} />
        )}
        {props.unlocked && (
          <IconButton
            icon={ICONS.lock}
            label={t('lockButton')}
            title={`${t('lockButton')} — ${t('autoLockNote', String(props.autoLockMinutes))}`}
            onClick={props.onLock}
          />
        )}
        <IconButton icon={ICONS.settings} label={t('settingsButton')} onClick={props.onSettings} />
      </div>
    </header>
  );
}
