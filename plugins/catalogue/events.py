"""The catalogue's own signals, for the plugins that build on it (images, search, print)."""

from blinker import signal

# Sent by CatalogueGenerator once the catalogue is loaded and valid; receivers get the generator
# and may add to ``generator.context`` (the images plugin puts its renditions there).
catalogue_loaded = signal("kriya-catalogue-loaded")

# Sent in the build's own process once every language's pages are written, before catalogue_written, with the
# generator: long work that needs what the languages' processes left (the search records) starts here, and runs
# beside catalogue_written's receivers and the rest of the build; it is awaited at Pelican's ``finalized``.
languages_rendered = signal("kriya-languages-rendered")

# Sent in the build's own process once the languages' processes are rendering, with the generator: work that needs
# the catalogue but neither its pages nor what those processes leave (the feeds, the web form's files) runs here,
# beside them, rather than after the last page, where it slowed the search index's making.
pages_rendering = signal("kriya-pages-rendering")

# Sent after every page is written, with the generator and the list of (lang, route, save_as) written.
catalogue_written = signal("kriya-catalogue-written")

# Sent in the process that renders one language (a forked child when there are cores), before its pages, with the
# generator, ``lang`` and ``context`` (what that language's templates get, its translations installed): work that
# only that language needs (its QR codes, its search records) runs there, beside the other language's.
language_rendering = signal("kriya-language-rendering")
