"""What a demo photo should show, read from its entry's words: the object, its motif, its colours and the view.

Keyed on metadata (category, title, motif, summary, caption, file name), never on a list of known files, so a new
demo entry gets fitting photos too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

RGB = tuple[int, int, int]

# Colour words of the entries (Indonesian, a few English), longest first so "merah ati" wins over "merah".
COLOURS: dict[str, RGB] = {
    "merah ati": (118, 22, 28),
    "merah marun": (104, 24, 34),
    "merah bata": (160, 62, 40),
    "merah secang": (150, 32, 42),
    "merah muda": (222, 140, 155),
    "merah": (168, 30, 32),
    "marun": (104, 24, 34),
    "biru laut": (28, 70, 140),
    "biru nila": (34, 44, 96),
    "biru tua": (26, 36, 84),
    "biru kobalt": (24, 58, 160),
    "biru muda": (110, 160, 210),
    "biru": (30, 62, 138),
    "nila": (34, 44, 96),
    "indigo": (34, 44, 96),
    "hijau botol": (22, 84, 54),
    "hijau daun": (62, 120, 48),
    "hijau zaitun": (98, 108, 48),
    "hijau tua": (30, 80, 45),
    "hijau": (42, 116, 62),
    "hitam kecoklatan": (46, 33, 26),
    "hitam": (30, 27, 25),
    "putih gading": (236, 226, 200),
    "putih": (238, 234, 226),
    "krem": (226, 210, 176),
    "kuning": (218, 172, 40),
    "emas": (204, 162, 64),
    "ungu": (96, 44, 108),
    "jingga": (214, 112, 40),
    "oranye": (214, 112, 40),
    "abu-abu": (132, 132, 130),
    "coklat tua": (82, 48, 24),
    "coklat muda": (172, 122, 72),
    "coklat kemerahan": (134, 62, 36),
    "coklat tembakau": (116, 74, 38),
    "coklat": (118, 72, 36),
    "cokelat": (118, 72, 36),
    "sogan": (122, 74, 34),
    "soga": (122, 74, 34),
    "tembakau": (116, 74, 38),
    "terakota": (168, 84, 52),
    "red": (168, 30, 32),
    "blue": (30, 62, 138),
    "green": (42, 116, 62),
    "brown": (118, 72, 36),
    "black": (30, 27, 25),
    "white": (238, 234, 226),
    "yellow": (218, 172, 40),
    "purple": (96, 44, 108),
}
_NAMES = "|".join(sorted(map(re.escape, COLOURS), key=len, reverse=True))
_COLOUR_RE = re.compile(rf"\b({_NAMES})\b")
_GROUND_RE = re.compile(rf"\b(?:latar|berlatar|dasar|warna)\s+({_NAMES})\b")

CREAM: RGB = (232, 218, 184)
DARK_BROWN: RGB = (58, 34, 20)

# Motif words → the pattern drawn (motifs.MOTIFS); the first match in motif, then title, then tags wins.
MOTIF_WORDS = (
    ("kawung", "kawung"),
    ("parang", "parang"),
    ("mega mendung", "mendung"),
    ("mendung", "mendung"),
    ("awan", "mendung"),
    ("gajah oling", "gajah-oling"),
    ("sekar jagad", "sekar-jagad"),
    ("ceplok bintang", "bintang"),
    ("bintang", "bintang"),
    ("ceplok", "ceplok"),
    ("beras utah", "beras-utah"),
    ("beras wutah", "beras-utah"),
    ("kangkung", "kangkung"),
    ("serat kayu", "serat-kayu"),
    ("paras gempal", "paras"),
    ("ikan", "ombak"),
    ("ombak", "ombak"),
    ("kijing", "kijing"),
    ("kerang", "kijing"),
    ("burung hong", "hong"),
    ("hong", "hong"),
    ("lurik", "lurik"),
    ("tirta", "tirta"),
    ("gelombang", "tirta"),
    ("kotak", "kotak"),
    ("wajik", "wajik"),
    ("kembang", "floral"),
    ("bunga", "floral"),
    ("melati", "floral"),
    ("lok can", "floral"),
    ("ramo", "floral"),
    ("sulur", "floral"),
)

# Object forms by category: the first word found in the title decides, else the category's first form.
FORMS = {
    "batik": (
        ("kemeja", "shirt"),
        ("selendang", "scarf"),
        ("syal", "scarf"),
        ("sarimbit", "pair"),
        ("sarung", "sarung"),
    ),
    "tenun": (("kemeja", "shirt"), ("selendang", "scarf"), ("syal", "scarf"), ("sarung", "sarung")),
    "bordir": (("kebaya", "kebaya"), ("mukena", "mukena"), ("selendang", "scarf"), ("kemeja", "shirt")),
    "kulit": (
        ("tas", "bag"),
        ("dompet", "wallet"),
        ("ikat pinggang", "belt"),
        ("sabuk", "belt"),
        ("jaket", "jacket"),
        ("sandal", "sandal"),
        ("selop", "sandal"),
        ("sepatu", "shoe"),
    ),
    "keramik": (
        ("vas", "vase"),
        ("jambangan", "jar"),
        ("gentong", "jar"),
        ("guci", "jar"),
        ("cangkir", "cup"),
        ("piring", "plate"),
        ("celengan", "piggy"),
        ("arca", "head"),
        ("kepala", "head"),
    ),
    "kayu": (("topeng", "mask"), ("arca", "head"), ("patung", "head")),
    "anyaman": (("keranjang", "basket"), ("nampan", "tray"), ("lampu", "lamp"), ("tas", "basket")),
    "logam": (("keris", "keris"), ("pendok", "pendok"), ("warangka", "pendok")),
}
CLOTH_CATEGORIES = ("batik", "tenun", "bordir")
DEFAULT_FORM = {
    "batik": "cloth",
    "tenun": "cloth",
    "bordir": "cloth",
    "kulit": "bag",
    "keramik": "vase",
    "kayu": "mask",
    "anyaman": "basket",
    "logam": "keris",
}
DEFAULT_MOTIF = {"batik": "ceplok", "tenun": "lurik", "bordir": "bordir"}
DEFAULT_COLOURS: dict[str, tuple[RGB, ...]] = {
    "batik": (COLOURS["sogan"],),
    "tenun": (COLOURS["biru nila"], COLOURS["merah"]),
    "bordir": (COLOURS["putih"],),
    "kulit": (COLOURS["coklat"],),
    "keramik": (COLOURS["terakota"],),
    "kayu": ((150, 100, 58),),
    "anyaman": ((206, 170, 110),),
    "logam": ((70, 68, 66),),
}

# Scenes named by a caption or a file name: (words, scene). Person scenes show a maker at work.
PERSON_WORDS = (
    "perajin",
    "pembatik",
    "penenun",
    "empu",
    "pelukis",
    "penari",
    "pengrajin",
    "menorehkan",
    "mengukir",
    "menempa",
    "membentuk",
    "menggambar",
    "menyerut",
    "artisan",
    "maker",
    "weaver",
    "painter",
    "dancer",
)
# (file-name stems, caption phrases) → context scene. Caption phrases are specific: "cap" alone is a technique.
CONTEXTS = (
    (("gentong",), ("gentong tanah liat",), "jar"),
    (("tungku",), ("tungku pembakaran",), "kiln"),
    (("pewarna",), ("bahan pewarna",), "dyes"),
    (("cap",), ("cap tembaga",), "stamp"),
    (("benang",), ("gulungan benang", "benang pakan"), "yarn"),
    (("alat",), ("alat tenun",), "loom"),
    (("taman",), ("sudut taman",), "garden"),
    (("bayangan",), ("bayangan pola",), "shadow"),
    (("warna",), ("pilihan warna",), "variants"),
    (("set",), (), "set"),
    (("pentas",), ("pertunjukan",), "stage"),
    (("besalen",), (), "forge"),
    (("kemeja",), ("kemeja yang dijahit",), "shirt"),
)
# A file named after the whole piece shows the whole piece.
WHOLE_STEMS = ("kain", "tenun", "sarung", "selendang", "syal", "sarimbit", "kebaya", "mukena")
DETAIL_WORDS = (
    "detail",
    "tekstur",
    "motif",
    "ukir",
    "relief",
    "jahitan",
    "ritsleting",
    "glasir",
    "lelehan",
    "pamor",
    "rumbai",
    "kerah",
    "bordir",
    "kerancang",
    "sol",
    "slot",
    "dalam",
    "furing",
    "close",
)
SIDE_WORDS = ("samping", "side")
FOLD_WORDS = ("lipat", "dilipat", "bertumpuk", "folded")
DRAPE_WORDS = ("dipakai", "tergantung", "digantung", "penutup bahu", "menyala", "worn")
FLAT_WORDS = ("dibentangkan", "dibentang", "laid out")


@dataclass(frozen=True)
class Look:
    """Everything a scene needs to know about one photo."""

    category: str
    form: str
    motif: str
    colours: tuple[RGB, ...]
    ground: RGB
    view: str = "full"  # full, detail, side, folded, drape, person, or a context scene
    focus: str = ""  # the detail looked at: a file-name stem such as "slot" or "pamor"
    words: str = ""  # the entry's lower-cased words, for small touches (kumis, tutup, jamang…)
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def colours_in(text: str) -> list[RGB]:
    seen: list[RGB] = []
    for match in _COLOUR_RE.finditer(text.lower()):
        colour = COLOURS[match.group(1)]
        if colour not in seen:
            seen.append(colour)
    return seen


def _first(text: str, table: tuple[tuple[str, str], ...]) -> str | None:
    best: tuple[int, str] | None = None
    for word, value in table:
        m = re.search(rf"\b{re.escape(word)}", text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), value)
    return best[1] if best else None


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in words)


def view_of(stem: str, caption: str, index: int, cloth: bool) -> tuple[str, str]:
    """The view named by a photo's caption or file name, else one chosen by its place in the list."""
    text = f"{caption} {stem.replace('-', ' ')}".lower()
    lowered = caption.lower()
    for stems, phrases, scene in CONTEXTS:
        if stem in stems or any(phrase in lowered for phrase in phrases):
            return scene, stem
    if _has(text, PERSON_WORDS):
        return "person", stem
    if _has(text, SIDE_WORDS):
        return "side", stem
    if cloth and _has(text, FOLD_WORDS):
        return "folded", stem
    if index > 0 and stem not in WHOLE_STEMS and _has(text, DETAIL_WORDS):
        return "detail", stem
    if _has(text, DRAPE_WORDS):
        return "drape", stem
    if _has(text, FLAT_WORDS) or stem in WHOLE_STEMS:
        return "full", stem
    order = ("full", "detail", "folded", "drape") if cloth else ("full", "detail", "side", "full")
    return order[index % len(order)], stem


def look_for(meta: dict, name: str, index: int, caption: str = "") -> Look:
    """The look of photo ``name`` (the ``index``-th of its entry) from the entry's front matter."""
    category = str(meta.get("category") or "").lower()
    title = str(meta.get("title") or meta.get("name") or "").lower()
    motif_text = str(meta.get("motif") or "").lower()
    summary = str(meta.get("summary") or "").lower()
    tags = " ".join(str(t) for t in (meta.get("tags") or []) if isinstance(t, str)).lower().replace("-", " ")
    captions = [str(c) for c in (meta.get("captions") or []) if isinstance(c, str)]
    first_caption = captions[0].lower() if captions else ""
    words = " ".join((title, motif_text, summary, " ".join(captions).lower(), tags))
    form = _first(title, FORMS.get(category, ())) or DEFAULT_FORM.get(category, "cloth")
    motif = (
        _first(motif_text, MOTIF_WORDS)
        or _first(title, MOTIF_WORDS)
        or _first(tags, MOTIF_WORDS)
        or DEFAULT_MOTIF.get(category, "ceplok")
    )
    named = colours_in(title)
    ground_match = _GROUND_RE.search(" ".join((first_caption, caption.lower(), summary)))
    ground = named[0] if named else (COLOURS[ground_match.group(1)] if ground_match else None)
    for colour in colours_in(" ".join((first_caption, summary, caption.lower()))):
        if colour not in named:
            named.append(colour)
    if ground is None:
        ground = named[0] if named else DEFAULT_COLOURS.get(category, (COLOURS["sogan"],))[0]
    colours = tuple([ground] + [c for c in named if c != ground])
    cloth = category in CLOTH_CATEGORIES
    stem = name.rsplit(".", 1)[0].removeprefix("demo-")
    view, focus = view_of(stem, caption, index, cloth)
    return Look(
        category=category or "generic",
        form=form,
        motif=motif,
        colours=colours,
        ground=ground,
        view=view,
        focus=focus,
        words=words,
    )


def look_for_artisan(meta: dict, name: str) -> Look:
    """An artisan's photo: the maker at work in the workshop of their first craft."""
    crafts = [str(c) for c in (meta.get("crafts") or []) if isinstance(c, str)]
    category = crafts[0] if crafts else "batik"
    base = look_for({"category": category, "summary": meta.get("summary")}, name, 0)
    return Look(
        category=category,
        form=base.form,
        motif=base.motif,
        colours=base.colours,
        ground=base.ground,
        view="workshop",
        focus="",
        words=str(meta.get("summary") or "").lower(),
    )


def default_look(subject: str) -> Look:
    """The look of a photo known only by its category (synthetic catalogues, tests)."""
    return look_for({"category": subject}, "demo.jpg", 0)
