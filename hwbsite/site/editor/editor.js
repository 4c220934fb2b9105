// The officers' editor (Decap CMS), what its configuration cannot do; served from admin/, which
// the editor's policy allows (see docs/design-notes.md):
// - names for the icon-only controls on each entry of a list (the chevron that shows or hides it, the
//   handle that moves it, the cross that removes it), which Decap leaves unnamed (axe: button-name,
//   aria-command-name); only a control with no name of its own is given one;
// - a name for the Markdown editor's text box, from its field's label, which Decap does not tie to it
//   (axe: aria-input-field-name);
// - going straight from one entry's form to another's (a link pasted into the address bar, the
//   browser's back button): Decap keeps the first entry's form under the second's address, so the
//   officer would see, and could save, one meeting's details as another's. The editor is reloaded at
//   the new address instead; if the open entry has unsaved changes, the officer stays on it and is
//   told to save them or leave it first (Decap then asks about them as usual). Decap's own moves are
//   left alone: to a new entry's form (Duplicate, Publish and create new), and from a new entry's
//   form to its address once Save or Publish was pressed;
// - a file chosen for upload loses any `~` from its name before Decap cleans it: Decap keeps `~` (a
//   character web addresses allow), and hwbsite's rule for papers' names does not (`paper-name`).
(function () {
  "use strict";
  function unnamed(element) {
    return !element.textContent.trim() && !element.getAttribute("aria-label") &&
      !element.getAttribute("aria-labelledby") && !element.getAttribute("title");
  }
  function label(root) {
    root.querySelectorAll('[role="textbox"][contenteditable="true"]').forEach(function (box) {
      if (box.getAttribute("aria-label") || box.getAttribute("aria-labelledby")) {
        return;
      }
      for (var up = box.parentElement; up; up = up.parentElement) {
        var field = up.querySelector("label");
        if (field && field.textContent.trim()) {
          box.setAttribute("aria-label", field.textContent.trim());
          return;
        }
      }
    });
    root.querySelectorAll('[class*="ListItemTopBar"]').forEach(function (bar) {
      var controls = Array.prototype.filter.call(bar.children, function (child) {
        return child.matches('button, [role="button"]');
      });
      controls.forEach(function (control, index) {
        if (!unnamed(control)) {
          return;
        }
        if (control.getAttribute("aria-roledescription") === "sortable") {
          control.setAttribute("aria-label", "Move this entry");
        } else if (index === 0) {
          control.setAttribute("aria-label", "Show or hide this entry");
        } else if (index === controls.length - 1) {
          control.setAttribute("aria-label", "Remove this entry");
        }
      });
    });
  }
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.files) {
      return;
    }
    var renamed = false;
    var chosen = new DataTransfer();
    Array.prototype.forEach.call(input.files, function (file) {
      var name = file.name.replace(/~+/g, "-");
      renamed = renamed || name !== file.name;
      chosen.items.add(name === file.name ? file :
        new File([file], name, {type: file.type, lastModified: file.lastModified}));
    });
    if (renamed) {
      input.files = chosen.files;    // before Decap reads them: this listener runs first, on capture
    }
  }, true);
  // An entry's form, or a new entry's: its collection, and which entry.
  var FORM = /^#\/collections\/([^/?]+)\/(new|entries\/[^?]+)(?:\?|$)/;
  // When Save or Publish was last pressed: Decap then moves a new entry's form to the entry's address.
  var saving = 0;
  document.addEventListener("click", function (event) {
    var control = event.target instanceof Element &&
      event.target.closest('button, [role="button"], [role="menuitem"]');
    if (control && /^(Save|Publish)/.test(control.textContent.trim())) {
      saving = Date.now();
    }
  }, true);
  function unsaved() {     // the editor's toolbar says so, in the locale the configuration sets (en)
    return document.evaluate('//*[text()="Unsaved Changes"]', document, null, XPathResult.BOOLEAN_TYPE,
                             null).booleanValue;
  }
  window.addEventListener("hashchange", function (event) {
    var before = FORM.exec(new URL(event.oldURL).hash);
    var after = FORM.exec(new URL(event.newURL).hash);
    var justSaved = Date.now() - saving < 120000;     // a save to a slow code host can take a while
    saving = 0;
    if (!before || !after || (before[1] === after[1] && before[2] === after[2])) {
      return;
    }
    // Decap's own steps within a collection: an entry duplicated (or published, then a new one begun)
    // opens the new form; a new entry, once saved, moves to its own address.
    if (before[1] === after[1] && (after[2] === "new" || (before[2] === "new" && justSaved))) {
      return;
    }
    event.stopImmediatePropagation();     // Decap's own listener, added after this one, never sees it
    if (!unsaved()) {
      window.location.reload();
      return;
    }
    window.history.replaceState(null, "", event.oldURL);
    window.alert("This entry has changes that are not saved. Save them, or leave the entry with the " +
                 "arrow at the top left, before opening another entry.");
  });
  new MutationObserver(function () { label(document.body); })
    .observe(document.documentElement, {childList: true, subtree: true});
}());
