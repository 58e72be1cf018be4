// The popup's first questions, sent while its page is still being parsed: before its UI modules are
// loaded and evaluated, so the background answers meanwhile. main.tsx takes the answers
// (withFirstReplies in lib/protocol). A classic script from public/, so the bundler leaves it alone
// and it runs at once; Firefox names the API `browser`, Chromium `chrome`.
(() => {
  const runtime = (globalThis.browser ?? globalThis.chrome).runtime;
  const ask = (type) => runtime.sendMessage({ type });
  globalThis.b24aFirstReplies = {
    'vault-status': ask('vault-status'),
    'accounts-list': ask('accounts-list'),
    'settings-get': ask('settings-get'),
  };
})();
