import { Field, type FieldProps } from '../shared/Field';

export type FilePasswordFieldProps = Omit<FieldProps, 'type' | 'autoComplete'> & {
  /** The password encrypts a file being written, rather than opening one being read. */
  fresh?: boolean;
};

/**
 * The password of a backup or export file, never the master password: a form filler may offer to
 * keep a fresh one, and should offer nothing when a file is opened.
 */
export function FilePasswordField({ fresh, ...props }: FilePasswordFieldProps) {
  return <Field {...props} type="password" autoComplete={fresh ? 'new-password' : 'off'} />;
}
