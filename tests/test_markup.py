"""A contributor's Markdown body as the catalogue renders it: CommonMark, as the web form's editor previews it."""

from __future__ import annotations

from catalogue.reading.markup import render_markdown


def test_a_list_may_follow_its_paragraph_without_a_blank_line() -> None:
    rendered = render_markdown("Ukuran:\n- panjang 2 m\n- lebar 1 m\n")
    assert rendered.html.replace("\n", "") == "<p>Ukuran:</p><ul><li>panjang 2 m</li><li>lebar 1 m</li></ul>"
    assert rendered.dropped == ()


def test_tables_quotes_and_dashes() -> None:
    rendered = render_markdown('| Ukuran | Harga |\n|---|---:|\n| 2 m | Rp100.000 |\n\nKain "tulis" -- awet...')
    assert "<th>Ukuran</th>" in rendered.html
    assert '<td align="right">Rp100.000</td>' in rendered.html  # a column's alignment is kept
    assert "Kain “tulis” – awet…" in rendered.html
    assert rendered.dropped == ()


def test_a_link_with_a_refused_scheme_is_reported_and_removed() -> None:
    rendered = render_markdown("[toko](javascript:alert(1)) dan [toko](https://example.com/toko)")
    assert rendered.dropped == ("javascript: link",)
    assert "javascript" not in rendered.html
    assert '<a href="https://example.com/toko" rel="nofollow noopener noreferrer">toko</a>' in rendered.html


def test_a_top_heading_is_noticed() -> None:
    assert render_markdown("# Judul\n\nIsi").top_heading
    assert not render_markdown("## Subjudul\n\nIsi").top_heading
