"""The catalogue's own signals, for the plugins that build on it (images, search, print)."""

from blinker import signal

# Sent by CatalogueGenerator before it reads the content, with the generator: a receiver returns a photo check
# (reading.reader.PhotoCheck, the images plugin's Inspector) that reading runs on every photo, or None. Reading
# imports no stage after it: this is how it learns what a usable photo is.
catalogue_reading = signal("kriya-catalogue-reading")

# Sent by CatalogueGenerator once the catalogue is loaded and valid; receivers get the generator
# and may add to ``generator.context`` (the images plugin puts its renditions there).
catalogue_loaded = signal("kriya-catalogue-loaded")

# Sent in the build's own process as soon as one language's process has written its pages (the first to end
# first, before catalogue_written), with the generator and ``lang``: long work that needs what that process left
# (its search records) starts here, beside the other language's pages, catalogue_written's receivers and the rest
# of the build; it is awaited at Pelican's ``finalized``.
language_rendered = signal("kriya-language-rendered")

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
