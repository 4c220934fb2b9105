"""The site, built from a checked board: pages per section, open data, calendars and feeds, search, and the
MkDocs plugin that puts them together (site.plugin, the only module that imports MkDocs, loaded only by
`hwbsite build` and `hwbsite serve`)."""
