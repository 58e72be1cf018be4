import { sendToBackground } from '../shared/send';

// The popup's first question, asked while the rest of its script is still being evaluated, so that
// the background answers meanwhile. main.tsx imports this module first, which makes it run first.

/** The tab named in the address of the window the background opens when the toolbar popup cannot. */
export const namedTab = ((param) => (Number.isInteger(param) ? param : undefined))(
  Number(new URLSearchParams(location.search).get('tab') ?? Number.NaN),
);

/** The reply to `popup-open`, on its way; rejected if the background could not take it yet. */
export const firstScreen = sendToBackground({
  type: 'popup-open',
  ...(namedTab === undefined ? {} : { tabId: namedTab }),
});
// Whoever takes the reply deals with a failure; until then it must not count as unhandled.
firstScreen.catch(() => {});
