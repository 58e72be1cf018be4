/** 0 very weak … 4 strong. */
export type Strength = 0 | 1 | 2 | 3 | 4;

// A short list is enough to catch the passwords people try first; a full dictionary would not fit
// the popup's size budget, and length is what protects a master password anyway.
const COMMON = [
  'password',
  'passw0rd',
  'qwerty',
  'qwertz',
  'azerty',
  '123456',
  '12345678',
  '123456789',
  'letmein',
  'welcome',
  'admin',
  'iloveyou',
  'monkey',
  'dragon',
  'bitrix',
  'bitrix24',
  'master',
  'secret',
  'parol',
  'пароль',
  'йцукен',
  'zaq12wsx',
  '1q2w3e4r',
  'abc123',
  'football',
  'sunshine',
  'princess',
  'haslo',
  'contraseña',
  'senha',
  'sifre',
];
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'йцукенгшщзхъ',
  'фывапролджэ',
];

/**
 * A rough estimate of how hard a password is to guess, in bits. It rewards length and variety and
 * discounts what guessers try first: common passwords, runs of one character, keyboard and
 * alphabet sequences. Good enough to steer a choice; not a guarantee.
 */
export function estimateBits(password: string): number {
  const chars = [...password];
  if (chars.length === 0) return 0;
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/[0-9]/.test(password)) pool += 10;
  if (/[^a-zA-Z0-9\s]/.test(password)) pool += 33;
  if (/\s/.test(password)) pool += 1;
  if (/[^\x00-\x7F]/.test(password)) pool += 40;

  // Characters that merely repeat or continue a sequence add little, and a lower-case letter after
  // another is mostly predictable from it (words): about 2.3 bits, as in natural language.
  const perChar = Math.log2(Math.max(pool, 2));
  const lower = password.toLowerCase();
  const lowerChars = [...lower];
  let bits = 0;
  for (let i = 0; i < lowerChars.length; i++) {
    const previous = lowerChars[i - 1];
    const current = lowerChars[i]!;
    const continues =
      previous !== undefined && (previous === current || SEQUENCES.some((s) => s.includes(previous + current)));
    const inWord = previous !== undefined && /\p{Ll}/u.test(chars[i - 1]!) && /\p{Ll}/u.test(chars[i]!);
    bits += continues ? perChar / 4 : inWord ? Math.min(2.3, perChar) : perChar;
  }
  const stripped = lower.replace(/[^a-zа-я0-9]/g, '');
  if (COMMON.some((word) => stripped.includes(word))) bits = Math.min(bits, 12 + Math.max(0, stripped.length - 8) * 2);
  return bits;
}

export function strengthOf(password: string): Strength {
  const bits = estimateBits(password);
  if (bits < 30) return 0;
  if (bits < 45) return 1;
  if (bits < 65) return 2;
  if (bits < 85) return 3;
  return 4;
}
