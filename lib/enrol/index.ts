export {
  enrolmentAccount,
  reconcileEnrolment,
  type EnrolmentAccount,
  type EnrolmentPage,
  type EnrolmentRefusal,
  type Reconciliation,
} from './enrolment-account';
export { pageLogin, replacedLabel, sameLogin } from './page-login';
