"""The one helper that writes a photo into a page: ``image(photo, role, alt, lcp=False, class="", sizes="")``.

It writes a <picture> (AVIF, WebP, JPEG fallback) with alt, width, height, srcset and sizes; lazy and async except
the page's main (LCP) image, which gets fetchpriority="high". ``sizes`` replaces the role's where a page shows the
photo at another width than the role's usual place (the home page's large photo uses the gallery's files). Under
it, an inline <svg> of the photo's average colour keeps the layout from jumping while it loads: a fill attribute,
no style="" (CSP).

Written here rather than as a Jinja macro: a product page writes two, and the macro took a seventh of the time
of rendering one. Every value is escaped as the templates escape theirs.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


class Pictures:
    """``image`` for the templates of one language: photo key → ImageSet, and the language's URLs."""

    def __init__(self, images: dict[str, Any], urls: Any):
        self.images = images
        self.urls = urls

    def __call__(self, photo: Any, role: str, alt: str, lcp: bool = False, **attributes: str) -> Markup:
        r = self.images[photo.key].role(role)
        formats = r.formats()
        fallback = r.fallback()
        siteurl = self.urls.siteurl
        width, height, sizes = r.width, r.height, escape(attributes.get("sizes") or r.sizes)
        extra = attributes.get("class")
        parts = [
            f'<span class="image image--{escape(role)}{f" {escape(extra)}" if extra else ""}">\n'
            f'  <svg class="image__placeholder" aria-hidden="true" focusable="false" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}"><rect width="100%" height="100%" '
            f'fill="{escape(r.placeholder)}"/></svg>\n'
            "  <picture>\n"
        ]
        for fmt in formats[:-1]:
            parts.append(f'    <source type="image/{escape(fmt)}" srcset="{escape(r.srcset(fmt, siteurl))}" '
                         f'sizes="{sizes}">\n')
        loading = ' fetchpriority="high"' if lcp else ' loading="lazy" decoding="async"'
        parts.append(
            f'    <img src="{escape(self.urls.static(fallback.path))}" '
            f'srcset="{escape(r.srcset(formats[-1], siteurl))}" sizes="{sizes}"\n'
            f'         width="{width}" height="{height}" alt="{escape(alt)}"{loading}>\n'
            "  </picture>\n"
            "</span>\n"
        )
        return Markup("".join(parts))

    def wide_first(self, products: Any) -> Any:
        """The first of ``products`` whose cover is at least as wide as tall (else the first; None for none): the
        one a wide frame shows, where a tall photo would be cropped to a strip."""
        for product in products:
            shape = self.images[product.cover.key]
            if shape.width >= shape.height:
                return product
        return next(iter(products), None)

    def fallbacks(self, photos: Any, role: str) -> list[str]:
        """The URL of each photo's fallback (the <img src>) in ``role``: what structured data names."""
        return [self.urls.static(self.images[photo.key].role(role).fallback().path) for photo in photos]
