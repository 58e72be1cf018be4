export { fillField, submitFieldForm, type FillFieldResult, type SubmitResult } from './fill-field';
export {
  decideSubmit,
  formSubmission,
  frameNames,
  type Submission,
  type SubmitDecision,
  type SubmitRefusal,
} from './submit-target';
export {
  confirmFills,
  decideFillRate,
  FILL_RATE_RULES,
  readRateState,
  type RateDecision,
  type RateKind,
  type RateRule,
  type RateState,
} from './fill-rate';
export { refusalWords, type RefusalAudience, type RefusalWords } from './refusal-words';
export { fillBoxes, type FillBoxesResult } from './fill-boxes';
export { decideFill, type FillDecision, type FillRefusal, type BoundAccount } from './fill-policy';
export {
  clockOffset,
  codeClock,
  isDriftImplausible,
  isDriftSignificant,
  DRIFT_WARNING_MS,
  MAX_CORRECTION_MS,
} from './clock-drift';
export { pickCardAccount } from './card-account';
export { nextFillStep, timeStep } from './fill-step';
export { chooseFillAccount, type AccountAnswer, type AccountQuestion, type FillCandidate } from './choose-account';
