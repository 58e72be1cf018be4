import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { useFocusOnMount } from '../shared/use-focus-on-mount';
import type { AccountSummary } from '@/lib/protocol';
import { filterAccounts, isBoundTo, orderAccounts } from './account-order';
import { AccountRow } from './AccountRow';
import { ROW_HEIGHT, scrollToShow, visibleRange } from './windowing';

/** Height of the scrolling area: seven rows, which fits the popup's 600 px with header and footer. */
export const LIST_VIEWPORT = ROW_HEIGHT * 7;

export interface AccountListProps {
  accounts: readonly AccountSummary[];
  activeOrigin: string | null;
  /** Codes of HOTP accounts handed out while the popup is open. */
  hotpCodes: Readonly<Record<string, string>>;
  now: number;
  copiedId: string | null;
  canFill: boolean;
  onCopy(account: AccountSummary, code: string): void;
  onNext(account: AccountSummary): void;
  onFill(account: AccountSummary): void;
  onDetails(account: AccountSummary): void;
}

/**
 * The accounts, the current portal's first, filtered as the user types. Only the rows in view are
 * in the DOM, so 1000 accounts cost what 15 do; arrow keys move between rows, and typing anywhere
 * in the list goes to the search box.
 */
export function AccountList(props: AccountListProps) {
  const [query, setQuery] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const viewport = useRef<HTMLDivElement>(null);
  const search = useFocusOnMount<HTMLInputElement>();
  const pendingFocus = useRef<{ index: number; nav: string } | null>(null);

  const ordered = useMemo(
    () => orderAccounts(props.accounts, props.activeOrigin),
    [props.accounts, props.activeOrigin],
  );
  const shown = useMemo(() => filterAccounts(ordered, query), [ordered, query]);
  const { start, end } = visibleRange(scrollTop, LIST_VIEWPORT, shown.length);

  function focusRow(index: number, nav: string): void {
    const row = viewport.current?.querySelector(`[data-index="${index}"]`);
    (row?.querySelector<HTMLElement>(`[data-nav="${nav}"]`) ?? row?.querySelector<HTMLElement>('[data-nav]'))?.focus();
  }

  // A row that was not drawn yet gets focus once the scroll has drawn it.
  useEffect(() => {
    const wanted = pendingFocus.current;
    if (!wanted) return;
    pendingFocus.current = null;
    focusRow(wanted.index, wanted.nav);
  });

  function moveTo(index: number, nav: string) {
    if (index < 0 || index >= shown.length) return;
    const next = scrollToShow(index, scrollTop, LIST_VIEWPORT);
    if (next === scrollTop) return focusRow(index, nav);
    if (viewport.current) viewport.current.scrollTop = next;
    pendingFocus.current = { index, nav };
    setScrollTop(next);
  }

  function onKeyDown(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-index]');
    if (row && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      moveTo(Number(row.dataset.index) + (event.key === 'ArrowDown' ? 1 : -1), target.dataset.nav ?? 'code');
      return;
    }
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && event.key !== ' ') {
      event.preventDefault();
      setQuery((current) => current + event.key);
      search.current?.focus();
    }
  }

  function onSearchKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' && shown.length > 0) {
      event.preventDefault();
      moveTo(0, 'code');
    }
  }

  const rows = [];
  for (let index = start; index < end; index++) {
    const account = shown[index]!;
    const code = account.type === 'totp' ? account.code : (props.hotpCodes[account.id] ?? null);
    rows.push(
      <AccountRow
        key={account.id}
        account={account}
        code={code}
        index={index}
        total={shown.length}
        top={index * ROW_HEIGHT}
        now={props.now}
        copied={props.copiedId === account.id}
        canFill={props.canFill && isBoundTo(account, props.activeOrigin)}
        onCopy={props.onCopy}
        onNext={props.onNext}
        onFill={props.onFill}
        onDetails={props.onDetails}
      />,
    );
  }

  return (
    <section class="accounts" aria-label={t('accountsHeading')}>
      <div class="search">
        <label for="account-search" class="visually-hidden">
          {t('searchLabel')}
        </label>
        <input
          id="account-search"
          ref={search}
          type="search"
          value={query}
          placeholder={t('searchPlaceholder')}
          autoComplete="off"
          spellcheck={false}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setScrollTop(0);
            if (viewport.current) viewport.current.scrollTop = 0;
          }}
          onKeyDown={onSearchKeyDown}
        />
      </div>
      {shown.length === 0 ? (
        <p class="empty">{props.accounts.length === 0 ? t('noAccounts') : t('noMatches', query)}</p>
      ) : (
        // biome-ignore lint/a11y/noStaticElementInteractions: the list's arrow keys, delegated from the rows inside it
        <div
          class="account-viewport"
          ref={viewport}
          style={{ height: `${Math.min(LIST_VIEWPORT, shown.length * ROW_HEIGHT)}px` }}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          onKeyDown={onKeyDown}
        >
          <ul class="account-list" style={{ height: `${shown.length * ROW_HEIGHT}px` }}>
            {rows}
          </ul>
        </div>
      )}
    </section>
  );
}
