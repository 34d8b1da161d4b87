/* global window -- runs in the page, before the main script */
// Loaded async beside the page's main script, and small, so it runs while that is still fetched and
// compiled: starts the host calls the first rows need, so their answers are there when the main script
// asks (api/http-client.ts takes each once; should this run last, the main script just asks itself).
// The browser host only: in Electron the preload bridge answers at once.
;(() => {
  const token = new URLSearchParams(window.location.search).get('token')
  if (window.tidings || !token) return
  const call = (name) =>
    window.fetch(`/api/call/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Tidings-Token': token }, body: '{"arg":null}' })
  window.tidingsEarlyCalls = { getFirstCards: call('getFirstCards'), getAppInfo: call('getAppInfo') }
})()
