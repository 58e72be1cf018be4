/** A JSON value: what settings may hold, so they survive IndexedDB and the backup file alike. */
export type SettingsValue = null | boolean | number | string | SettingsValue[] | { [key: string]: SettingsValue };

/** Extension settings. Not secret; the vault keeps them so a wipe or a restore covers them too. */
export type Settings = { [key: string]: SettingsValue };
