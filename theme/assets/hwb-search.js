// Starts Pagefind's search interface on the search page; ?q=words searches at once.
(function () {
  var ui = new PagefindUI({
    element: "#hwb-search",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: "Search meetings, decisions and members" }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
