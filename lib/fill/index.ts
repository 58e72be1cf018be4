export { fillField, submitFieldForm, type FillFieldResult } from './fill-field';
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
