// The popup's screens past the first, in one file that loads when one of them is first shown
// (later-screens.ts): the popup's first paint evaluates only the list, or the unlock form.
export { AccountDetails } from './AccountDetails';
export { AddAccount } from './AddAccount';
export { CreateVault } from '../shared/CreateVault';
