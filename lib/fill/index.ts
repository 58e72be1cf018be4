export { fillField, submitFieldForm, type FillFieldResult } from './fill-field';
export { decideFill, type FillDecision, type FillRefusal, type BoundAccount } from './fill-policy';
export { clockOffset, codeClock, isDriftSignificant, DRIFT_WARNING_MS } from './clock-drift';
