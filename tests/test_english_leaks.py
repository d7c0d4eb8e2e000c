"""No Indonesian on the English site: every English page's visible text, word by word, against common Indonesian
words, outside proper names (places, artisans, villages, motifs) and outside what a page marks as Indonesian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from catalogue.reading.loader import load_catalogue
from htmlpage import Element, parse, site_pages

from tests.conftest import ROOT

# Common Indonesian function words and the craft and shop vocabulary an entry or a label would leak. Words that
# are also English (or loanwords English texts use: batik, ikat, keris, sarong, mukena) are left out.
INDONESIAN = frozenset("""
    dan atau sampai dengan untuk yang di ke dari ini itu juga tidak bukan ada akan sudah belum bisa dapat harus
    oleh pada dalam atas bawah antara setiap semua para lebih kurang sangat hanya masih tanpa agar supaya karena
    jika kalau saat ketika sebagai seperti tetapi namun serta hingga sejak selama tentang kami kita anda saya
    mereka dia sini sana begitu lalu kemudian sendiri sekitar masing berisi isi lengkap terlipat
    kain ukuran lebar panjang tinggi warna bahan tangan pewarna pewarnaan alam alami buatan khusus hari minggu
    bulan tahun harga pesan pesanan kirim pengiriman siap tersedia stok katun sutra benang kulit kayu bambu
    tanah liat gerabah rotan anyaman anyam tenun tulis cetak corak merah biru hijau kuning hitam putih coklat
    cokelat ungu muda tua hias hiasan lukis ukir ukiran bordir jahit sulam lembar buah pasang tas dompet sepatu
    baju kemeja celana selendang kerudung jilbab topeng piring cangkir mangkuk keranjang tikar
    nampan tatakan tutup besar kecil sedang baru lama asli halus kasar tebal tipis berat ringan wanita pria anak
    dewasa laki perempuan perajin pengrajin toko beli jual produk kategori wilayah kabupaten desa kecamatan
    pulau gabung bergabung cari pencarian lihat kembali halaman beranda foto gambar cerita kontak hubungi tanya
    bagikan nomor celup rendam direndam dikerjakan dibuat membuat generasi tradisional khas asal daerah rumah
    dekorasi peralatan makan saji perlengkapan busana samak nabati pinggang jaket domba sapi kuningan lampu
    bunga daun burung ikan bilah pasangan setelan lengan pendek
""".split())

# Names written in Indonesian on purpose: the title of the decree the region map's boundaries come from.
PROPER_PHRASES = ("Kepmendagri No 300.2.2-2430 Tahun 2025",)

# Attributes a buyer reads (alt text) or hears (accessible names) besides the text itself.
READ_ATTRIBUTES = ("alt", "aria-label", "title", "placeholder")


def visible_words(node: Element) -> list[str]:
    """The lowercase words a buyer reads on a page: the title, the text and read attributes, without scripts,
    styles, hidden elements and anything marked as another language (lang="id": a fallback, the language switch)."""
    out: list[str] = []

    def walk(el: Element) -> None:
        if el.tag in ("script", "style", "template", "meta", "link") or "hidden" in el.attrs:
            return
        if el.attrs.get("lang", "en").split("-")[0].lower() != "en":
            return
        for attr in READ_ATTRIBUTES:
            if el.attrs.get(attr):
                out.extend(_words(el.attrs[attr]))
        for child in el.children:
            if isinstance(child, str):
                out.extend(_words(child))
            else:
                walk(child)

    for child in node.children:
        if isinstance(child, Element):
            walk(child)
    return out


def _words(text: str) -> list[str]:
    """Lowercase words; a name of the proper-phrase list and identifiers (owner/repo, file_name) are no words."""
    for phrase in PROPER_PHRASES:
        text = text.replace(phrase, " ")
    tokens = (t for t in text.lower().split() if "/" not in t and "_" not in t)
    return [w for t in tokens for w in re.findall(r"[a-z]+", t)]


def proper_names(content: Path) -> frozenset[str]:
    """Words of names that stay as they are in English: regions, artisans, villages and motifs."""
    names: list[str] = []
    regions = yaml.safe_load((content / "data" / "regions.yml").read_text(encoding="utf-8"))
    for region in regions.values():
        names += [region["name"]["id"], str(region.get("short", "")), str(region.get("seat", ""))]
    result = load_catalogue(content)
    assert result.catalogue is not None, [p.line() for p in result.errors]
    for artisan in result.catalogue.artisans:
        names += [artisan.name.id, artisan.name.en, artisan.village]
    for product in result.catalogue.products:
        names.append(product.t("en").motif or "")
    return frozenset(w for name in names for w in _words(name))


def leaks(site: Path, allowed: frozenset[str]) -> dict[str, list[str]]:
    """Indonesian words on each English page of ``site`` (relative path → words in page order, each once)."""
    found: dict[str, list[str]] = {}
    for page in site_pages(site):
        rel = page.relative_to(site)
        if rel.parts[0] != "en":
            continue
        words = [w for w in dict.fromkeys(visible_words(parse(page))) if w in INDONESIAN and w not in allowed]
        if words:
            found[rel.as_posix()] = words
    return found


def _report(found: dict[str, list[str]]) -> str:
    lines = [f"{page}: {', '.join(words)}" for page, words in sorted(found.items())]
    return f"Indonesian words on {len(found)} English pages:\n" + "\n".join(lines[:80])


def test_no_indonesian_word_on_any_english_page(demo_site: Path) -> None:
    pages = [p for p in site_pages(demo_site) if p.relative_to(demo_site).parts[0] == "en"]
    assert len(pages) > 100  # every English page of the demo, not a sample
    found = leaks(demo_site, proper_names(ROOT / "content"))
    assert not found, _report(found)


def test_the_scan_finds_indonesian_and_spares_names_and_marked_text(tmp_path: Path) -> None:
    page = tmp_path / "en" / "products" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Kain</title></head><body>'
        "<h1>Batik from Tanjung Bumi</h1><dl><dt>Size</dt><dd>S sampai XXL atau ukuran khusus</dd></dl>"
        '<img src="a.jpg" alt="Kain utuh"><p hidden>harga</p><script>var dan = 1;</script>'
        '<a lang="id" href="/">Bahasa Indonesia</a><p>Hand-drawn, <span>pewarna alam</span>.</p></body></html>',
        encoding="utf-8")
    found = leaks(tmp_path, frozenset({"tanjung", "bumi"}))
    assert found == {"en/products/x/index.html": ["kain", "sampai", "atau", "ukuran", "khusus", "pewarna",
                                                   "alam"]}


@pytest.mark.parametrize("word", ["batik", "ikat", "keris", "sarong", "mukena", "cap", "per", "set", "motif"])
def test_words_that_are_also_english_are_not_listed(word: str) -> None:
    assert word not in INDONESIAN
