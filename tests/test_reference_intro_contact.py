"""Reference data's craft introductions and the council's contact setting: what is accepted, and what is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from catalogue.contact import ContactSettingError, site_contact
from catalogue.model.refdata import INTRO_LIMIT, ReferenceDataError, load_reference_data
from conftest import ROOT


def data_with(tmp_path: Path, key: str, intro: object) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "content" / "data", folder)
    crafts = yaml.safe_load((folder / "categories.yml").read_text(encoding="utf-8"))
    if intro is None:
        del crafts[key]["intro"]
    else:
        crafts[key]["intro"] = intro
    (folder / "categories.yml").write_text(yaml.safe_dump(crafts, allow_unicode=True), encoding="utf-8")
    return folder


def test_every_craft_has_an_introduction_in_both_languages() -> None:
    ref = load_reference_data(ROOT / "content" / "data")
    for craft in ref.categories.values():
        assert craft.intro.id and craft.intro.en and craft.intro.id != craft.intro.en, craft.key


@pytest.mark.parametrize(("intro", "said"), [
    (None, "categories.yml: kulit: intro: expected {id: …, en: …}"),
    ("Only one text for both languages", "categories.yml: kulit: intro: expected {id: …, en: …}"),
    ({"id": "Tas dan dompet kulit."}, "categories.yml: kulit: intro: en: expected a text, got None"),
    ({"id": "Tas dan dompet kulit.", "en": "  "}, "categories.yml: kulit: intro: en: expected a text"),
    ({"id": "x" * (INTRO_LIMIT + 1), "en": "Bags."}, f"categories.yml: kulit: intro: id: at most {INTRO_LIMIT}"),
])
def test_a_missing_or_one_language_introduction_is_refused_naming_the_craft_and_language(
        tmp_path: Path, intro: object, said: str) -> None:
    with pytest.raises(ReferenceDataError) as refused:
        load_reference_data(data_with(tmp_path, "kulit", intro))
    assert str(refused.value).startswith(said), str(refused.value)


@pytest.mark.parametrize(("value", "email", "whatsapp", "shown"), [
    ({}, None, None, ""),
    ({"email": "katalog@dekranasda.example"}, "katalog@dekranasda.example", None, ""),
    ({"whatsapp": "0812-3456-7890"}, None, "6281234567890", "+62 812-3456-7890"),
    ({"email": "a@b.id", "whatsapp": "+62 812 3000 2026"}, "a@b.id", "6281230002026", "+62 812-3000-2026"),
])
def test_the_councils_contact_is_read_into_mailto_and_wa_me_form(value: dict, email: str | None,
                                                                 whatsapp: str | None, shown: str) -> None:
    contact = site_contact(value)
    assert (contact.email, contact.whatsapp, contact.whatsapp_shown) == (email, whatsapp, shown)


@pytest.mark.parametrize(("value", "said"), [
    ({"email": "not an address"}, "CATALOGUE_CONTACT['email']"),
    ({"whatsapp": "call us"}, "CATALOGUE_CONTACT['whatsapp']"),
    ({"phone": "0812"}, "CATALOGUE_CONTACT: expected"),
    ("katalog@example.org", "CATALOGUE_CONTACT: expected"),
])
def test_a_contact_the_footer_cannot_show_is_refused_naming_the_key(value: object, said: str) -> None:
    with pytest.raises(ContactSettingError, match=said.replace("[", r"\[")):
        site_contact(value)
