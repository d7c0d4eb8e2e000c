"""The catalogue's own signals, for the plugins that build on it (images, search, print)."""

from blinker import signal

# Sent by CatalogueGenerator once the catalogue is loaded and valid; receivers get the generator
# and may add to ``generator.context`` (the images plugin puts its renditions there).
catalogue_loaded = signal("kriya-catalogue-loaded")

# Sent after every page is written, with the generator and the list of (lang, route, save_as) written.
catalogue_written = signal("kriya-catalogue-written")

# Sent in the process that renders one language (a forked child when there are cores), before its pages, with the
# generator, ``lang`` and ``context`` (what that language's templates get, its translations installed): work that
# only that language needs (its QR codes, its search records) runs there, beside the other language's.
language_rendering = signal("kriya-language-rendering")

# Sent in that same process once the language's pages are written, with the generator and ``lang``: work started at
# language_rendering (the language's search index) is awaited here, so the process ends with it.
language_rendered = signal("kriya-language-rendered")
