/**
 * Runtime checks that are also types: a message table built from them yields both the validator
 * and the TypeScript type of each message, so the two cannot drift apart.
 *
 * The builders are marked free of side effects, so a page that imports the table but never checks
 * a message of some kind ships without that kind's checks.
 */
export type Check<T> = (value: unknown) => value is T;
export type Checked<C> = C extends Check<infer T> ? T : never;

/** Whole, safe integers within bounds. */
/* @__NO_SIDE_EFFECTS__ */
export const int =
  (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Check<number> =>
  (v): v is number =>
    Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;

/** A string of at most `max` UTF-16 units: every string from another context has a ceiling. */
/* @__NO_SIDE_EFFECTS__ */
export const text =
  (max = 4096): Check<string> =>
  (v): v is string =>
    typeof v === 'string' && v.length <= max;

/** A finite number from 0 to `max`: a position or length in pixels. */
/* @__NO_SIDE_EFFECTS__ */
export const nonNegative =
  (max = Number.MAX_VALUE): Check<number> =>
  (v): v is number =>
    Number.isFinite(v) && (v as number) >= 0 && (v as number) <= max;

export const bool: Check<boolean> = (v): v is boolean => typeof v === 'boolean';

/* @__NO_SIDE_EFFECTS__ */
export const oneOf =
  <const T extends readonly (string | number | null)[]>(...values: T): Check<T[number]> =>
  (v): v is T[number] =>
    values.includes(v as T[number]);

/** An optional field: absent (undefined) or passing `check`. */
/* @__NO_SIDE_EFFECTS__ */
export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v): v is T | undefined =>
    v === undefined || check(v);

/* @__NO_SIDE_EFFECTS__ */
export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v): v is T | null =>
    v === null || check(v);

/* @__NO_SIDE_EFFECTS__ */
export const arrayOf =
  <T>(check: Check<T>, maxLength: number): Check<T[]> =>
  (v): v is T[] =>
    Array.isArray(v) && v.length <= maxLength && v.every(check);

/* @__NO_SIDE_EFFECTS__ */
export const both =
  <T>(check: Check<T>, also: (value: T) => boolean): Check<T> =>
  (v): v is T =>
    check(v) && also(v);

type Shape = Record<string, Check<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Checked<S[K]> ? K : never }[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The object type a shape checks: fields whose check admits `undefined` are optional. */
export type ShapeOf<S extends Shape> = Simplify<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Checked<S[K]> } & {
    [K in OptionalKeys<S>]?: Exclude<Checked<S[K]>, undefined>;
  }
>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A plain object with these fields. `exact` (the default) refuses keys the shape does not name; a
 * lenient shape ignores them (`pick` then copies only the named ones).
 */
/* @__NO_SIDE_EFFECTS__ */
export const shape =
  <S extends Shape>(fields: S, { exact = true } = {}): Check<ShapeOf<S>> =>
  (v): v is ShapeOf<S> =>
    isRecord(v) &&
    (!exact || Object.keys(v).every((key) => Object.hasOwn(fields, key))) &&
    Object.entries(fields).every(([key, check]) => check(v[key]));

/** A partial object: any subset of the fields, nothing else. */
/* @__NO_SIDE_EFFECTS__ */
export const partial =
  <S extends Shape>(fields: S): Check<Partial<ShapeOf<S>>> =>
  (v): v is Partial<ShapeOf<S>> =>
    isRecord(v) && Object.entries(v).every(([key, value]) => Object.hasOwn(fields, key) && fields[key]!(value));

/** The fields `fields` names, copied out of `value` (which passed the lenient shape); absent ones stay absent. */
export function pick<S extends Shape>(fields: S, value: Record<string, unknown>): ShapeOf<S> {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) if (value[key] !== undefined) picked[key] = value[key];
  return picked as ShapeOf<S>;
}
