import { execFileSync } from 'node:child_process';

/** Codes from Debian's oathtool: an implementation independent of the extension's. */
export function oathtool(args: string[]): string[] {
  try {
    return execFileSync('oathtool', args, { encoding: 'utf8' }).trim().split('\n');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('oathtool is missing: apt-get install -y oathtool');
    }
    throw error;
  }
}

/** TOTP codes (SHA1, 6 digits, 30 s) for the steps around `atMs`: one before, the current one, one after. */
export const totpAround = (secret: string, atMs: number) =>
  oathtool(['--totp', '-b', '-w', '2', '-N', `@${Math.floor(atMs / 1000) - 30}`, secret]);

export const hotpAt = (secret: string, counter: number) =>
  oathtool(['--hotp', '-b', '-c', String(counter), secret])[0]!;
