"""The council's contact shown in every page's footer (setting CATALOGUE_CONTACT), checked once as a build starts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from catalogue.model.links import LinkError, normalise_whatsapp

EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}", re.IGNORECASE)


class ContactSettingError(ValueError):
    """CATALOGUE_CONTACT is not what the footer can show."""


@dataclass(frozen=True)
class Contact:
    email: str | None = None
    whatsapp: str | None = None  # digits from 62, as wa.me wants them

    @property
    def whatsapp_shown(self) -> str:
        """The number as people write it: ``+62 812-3456-7890``."""
        if not self.whatsapp:
            return ""
        rest = self.whatsapp[2:]
        return f"+62 {rest[:3]}-{rest[3:7]}-{rest[7:]}".rstrip("-")


def site_contact(value: Any) -> Contact:
    """``{"email": "…", "whatsapp": "0812-…"}`` (either may be left out) as a Contact; raises naming the key.

    >>> site_contact({"whatsapp": "0812 3456 7890"}).whatsapp
    '6281234567890'
    """
    if not value:
        return Contact()
    if not isinstance(value, dict) or set(value) - {"email", "whatsapp"}:
        raise ContactSettingError(f"CATALOGUE_CONTACT: expected {{'email': …, 'whatsapp': …}}, got {value!r}")
    email = value.get("email") or None
    if email is not None and (not isinstance(email, str) or not EMAIL.fullmatch(email)):
        raise ContactSettingError(f"CATALOGUE_CONTACT['email']: expected an address such as "
                                  f"katalog@example.org, got {email!r}")
    whatsapp = value.get("whatsapp") or None
    if whatsapp is not None:
        try:
            whatsapp = normalise_whatsapp(whatsapp)
        except LinkError as exc:
            raise ContactSettingError(f"CATALOGUE_CONTACT['whatsapp']: expected an Indonesian mobile number such "
                                      f"as 0812-3456-7890, got {whatsapp!r}") from exc
    return Contact(email, whatsapp)
