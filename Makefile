# Kriya Jatim: `make serve` builds and serves the catalogue, `make test` runs every test.
# The Makefile only prepares .venv; the tasks themselves live in tasks.py (invoke).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
INVOKE := $(BIN)/invoke
INPUTDIR ?= content
OUTPUTDIR ?= output
export INPUTDIR OUTPUTDIR
# Photos on object storage (`make publish MEDIA_URL=…`, then `make upload-media`): given on the command line or in
# the environment, they reach publishconf.py and scripts/upload_media.py.
export MEDIA_URL MEDIA_S3_BUCKET MEDIA_S3_ENDPOINT
# `make publish PUBLISH_PRECOMPRESS=0`: no .gz/.br copies, for a host that compresses by itself (publishconf.py).
export PUBLISH_PRECOMPRESS

.PHONY: setup new-product new-artisan serve html check publish print test bench lint i18n photos clean linkcheck import upload-media shrink-photos

setup: $(STAMP)

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# The staff CMS at /admin/ is an npm package the build copies in: where npm is installed and node_modules has never
# been installed (a fresh clone), html and serve install it first. An existing node_modules is left as it is (npm ci
# would replace it under a running server or test); /admin/ says what to run when the CMS is missing from it.
NPM_SETUP := $(if $(and $(shell command -v npm 2>/dev/null),$(if $(wildcard node_modules/.package-lock.json),,fresh)),node_modules/.installed)

serve: $(STAMP) $(NPM_SETUP)
	$(INVOKE) serve

html: $(STAMP) $(NPM_SETUP)
	$(INVOKE) html

check: $(STAMP)
	$(INVOKE) check $(if $(CHECK_LANG),--lang $(CHECK_LANG)) $(if $(CHECK_FORMAT),--format $(CHECK_FORMAT))

# make new-product TITLE="Batik Tulis Sekar Jagad" ARTISAN=batik-rato-ebu CATEGORY=batik (asks for what is missing)
# Values go through the environment, so titles with spaces and quotes arrive intact.
new-product: $(STAMP)
	$(INVOKE) new-product $${TITLE:+--title "$$TITLE"} $${ARTISAN:+--artisan "$$ARTISAN"} \
		$${CATEGORY:+--category "$$CATEGORY"}

# make new-artisan NAME="Batik Sekar" REGION=kab-bangkalan CRAFTS=batik,tenun
new-artisan: $(STAMP)
	$(INVOKE) new-artisan $${NAME:+--name "$$NAME"} $${REGION:+--region "$$REGION"} $${CRAFTS:+--crafts "$$CRAFTS"}

publish: $(STAMP) node_modules/.installed
	$(INVOKE) publish

# make print CATEGORY=batik | REGION=kab-bangkalan | ARTISAN=batik-rato-ebu [EVENT=kriyanusa-2026]
print: $(STAMP)
	$(INVOKE) print $(if $(CATEGORY),--category $(CATEGORY)) $(if $(REGION),--region $(REGION)) \
		$(if $(ARTISAN),--artisan $(ARTISAN)) $(if $(EVENT),--event $(EVENT))

test: $(STAMP) node_modules/.installed
	$(INVOKE) test

# make bench BENCH_ONLY=realshape (modules of scripts/benchmarks/), BENCH_SIZES=1000, BENCH_SHAPE_PRODUCTS=1000
bench: $(STAMP)
	$(INVOKE) bench $(if $(BENCH_ONLY),--only $(BENCH_ONLY))

lint: $(STAMP)
	$(INVOKE) lint

i18n: $(STAMP)
	$(INVOKE) i18n

import: $(STAMP)
	@test -n "$(SRC)" || { echo "usage: make import SRC=<package.zip or entries.csv>"; exit 2; }
	$(INVOKE) import --src "$(SRC)"

# The photo derivatives of the last `make publish MEDIA_URL=…` to the bucket MEDIA_S3_BUCKET (run it before the
# pages are published): only the names the bucket lacks, never deleting anything.
upload-media: $(STAMP)
	$(INVOKE) upload-media

# Shrink original photos larger than the catalogue needs, in place (upright, no metadata): make check lists them.
shrink-photos: $(STAMP)
	$(BIN)/python -m scripts.shrink_photos --input $(INPUTDIR)

photos: $(STAMP)
	$(INVOKE) photos

# The quality gates' npm tools (Lighthouse, html-validate, vnu-jar, linkinator, axe-core) and the staff CMS (@sveltia/cms,
# whose one-file bundle the build links into admin/), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

linkcheck: $(STAMP)
	$(BIN)/python -m scripts.linkcheck --input $(INPUTDIR)

clean:
	rm -rf $(OUTPUTDIR) $(dir $(OUTPUTDIR)).$(notdir $(OUTPUTDIR))-previous $(dir $(OUTPUTDIR)).$(notdir $(OUTPUTDIR))-old-* .pytest_cache
