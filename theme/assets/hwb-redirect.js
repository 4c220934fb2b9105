// A moved page: go on to its new address at once, keeping the #anchor a citation may carry
// (the page's meta refresh does the same without JavaScript, but drops the anchor).
(function () {
  var link = document.querySelector('link[rel="canonical"]');
  if (link) location.replace(link.getAttribute("href") + location.hash);
})();
