import { getSettings, setSettings, type SettingsValue } from '@/lib/vault';
import { vaultDb } from './vault-keeper';

/** The account last picked per portal origin, for fills that cannot ask (shortcut, menu, on load). */
const LAST_CHOICE = 'lastAccountByOrigin';

async function choices(): Promise<Record<string, SettingsValue>> {
  const current = (await getSettings(await vaultDb()))[LAST_CHOICE];
  return current && typeof current === 'object' && !Array.isArray(current) ? current : {};
}

export async function rememberedChoice(origin: string): Promise<string | undefined> {
  const id = (await choices())[origin];
  return typeof id === 'string' ? id : undefined;
}

export async function remember(origin: string, accountId: string): Promise<void> {
  await setSettings(await vaultDb(), { [LAST_CHOICE]: { ...(await choices()), [origin]: accountId } });
}

/**
 * An enrolment replaced `previousId` by `nextId`: where the old account was the remembered choice,
 * the new one is now, so no fill keeps giving the replaced secret's codes (which the portal refuses).
 */
export async function passRememberedChoice(previousId: string, nextId: string): Promise<void> {
  const current = await choices();
  const moved = Object.fromEntries(
    Object.entries(current).map(([origin, id]) => [origin, id === previousId ? nextId : id]),
  );
  if (Object.values(current).includes(previousId)) await setSettings(await vaultDb(), { [LAST_CHOICE]: moved });
}
