// Material for MkDocs' start-up helpers, which its own templates write inline into every page.
// Loaded from this file instead, so the Content-Security-Policy can forbid inline script.
(function () {
  var scope = new URL(document.currentScript.getAttribute("data-scope"), location);
  window.__md_scope = scope;
  window.__md_hash = function (text) {
    return Array.from(text).reduce(function (hash, character) {
      return (hash << 5) - hash + character.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // Storage can be full or switched off: the page works without it.
    }
  };
})();
