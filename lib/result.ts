/** A failure the user can act on; `code` is stable so the UI can translate it. */
export interface Failure {
  ok: false;
  code: string;
  /** English, for logs and for codes the UI does not know. */
  message: string;
  /** Values the UI's translated sentence for `code` takes (an origin, a number of minutes…). */
  params?: string[];
}

/** What every request to the background answers: the outcome, or a failure to show. */
export type Result<T> = ({ ok: true } & T) | Failure;
