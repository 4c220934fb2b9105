// The officers' editor (Decap CMS): names for the icon-only controls on each entry of a list (the
// chevron that shows or hides it, the handle that moves it, the cross that removes it), which Decap
// leaves unnamed (axe: button-name, aria-command-name). Only a control with no name of its own is given
// one. Served from admin/, which the editor's policy allows; see docs/design-notes.md.
(function () {
  "use strict";
  function unnamed(element) {
    return !element.textContent.trim() && !element.getAttribute("aria-label") &&
      !element.getAttribute("aria-labelledby") && !element.getAttribute("title");
  }
  function label(root) {
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
  new MutationObserver(function () { label(document.body); })
    .observe(document.documentElement, {childList: true, subtree: true});
}());
