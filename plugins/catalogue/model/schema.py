"""The schema of every entry type: the single source of truth for fields, types and allowed values."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .links import LinkError, check_storefront_url, normalise_instagram, normalise_whatsapp
from .problems import quote
from .refdata import ReferenceData

SUMMARY_LIMIT = 200
TITLE_LIMIT = 120
TAG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")  # \Z: $ would let a final newline through


def _fail(code: str, **params: Any) -> PydanticCustomError:
    return PydanticCustomError(code, code, {k: str(v) for k, v in params.items()})


DIGITS = re.compile(r"[0-9]+")  # ASCII digits only: "٣٥٠" and "²" are digits to str.isdigit, not to a price
# The largest value each kind of number may take: beyond it a value is a typing mistake, not a fact.
MAX_RUPIAH = 10_000_000_000
MAX_GRAMS = 1_000_000
MAX_DAYS = 730
MAX_COUNT = 1_000_000


def _whole(value: Any, code: str, example: str, limit: int) -> Any:
    # YAML gives ints for 350000 (decimal only: frontmatter.EntryLoader) but strings for 'Rp 350rb', '350.000'
    # or '0x10': only plain decimal digits are a number.
    if isinstance(value, bool) or isinstance(value, float):
        raise _fail(code, got=quote(value), example=example)
    if isinstance(value, str):
        text = value.strip()
        if not DIGITS.fullmatch(text):
            raise _fail(code, got=quote(value), example=example)
        if len(text.lstrip("0")) > len(str(limit)):
            raise _fail("number_large", got=quote(value), limit=limit)
        value = int(text)
    if not isinstance(value, int):
        raise _fail(code, got=quote(value), example=example)
    if value <= 0:
        raise _fail("positive", got=quote(value))
    if value > limit:
        raise _fail("number_large", got=quote(value), limit=limit)
    return value


def _rupiah(value: Any) -> Any:
    return _whole(value, "rupiah", "350000", MAX_RUPIAH)


def _count(value: Any) -> Any:
    return _whole(value, "whole_number", "14", MAX_COUNT)


def _grams(value: Any) -> Any:
    return _whole(value, "whole_number", "300", MAX_GRAMS)


def _days(value: Any) -> Any:
    return _whole(value, "whole_number", "14", MAX_DAYS)


DISPATCH_DAYS = (1, 90)  # a typical dispatch time beyond three months is a made-to-order lead time, not shipping


def _dispatch_days(value: Any) -> Any:
    # Written as people write days: decimal digits only, never a float, a sign or a digit of another script.
    low, high = DISPATCH_DAYS
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else None
    if text is None or not re.fullmatch(r"[0-9]{1,4}", text) or not low <= int(text, 10) <= high:
        raise _fail("days_range", got=quote(value), low=low, high=high)
    return int(text, 10)


def _ships_abroad(value: Any) -> Any:
    # true/false was the field's first form; yes/no/ask is what an artisan answers.
    return {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise _fail("date", got=quote(value)) from None
    if not isinstance(value, dt.date):
        raise _fail("date", got=quote(value))
    if value > dt.date.today():
        raise _fail("date_future", got=value.isoformat())
    return value


def _year(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | str) or not DIGITS.fullmatch(str(value).strip()):
        raise _fail("year_range", got=quote(value))
    year = int(value)
    if year < 1800:
        raise _fail("year_range", got=quote(value))
    if year > dt.date.today().year:
        raise _fail("year_future", got=year)
    return year


def _text(limit: int) -> Any:
    def check(value: Any) -> Any:
        if value is None or value == "":
            raise _fail("required")
        if not isinstance(value, str) or not value.strip():
            raise _fail("text", got=quote(value))
        value = " ".join(value.split())
        if len(value) > limit:
            raise _fail("text_too_long", length=len(value), limit=limit)
        return value

    return BeforeValidator(check)


# Clothing sizes in their order (a run such as S, M, L, XL is shown as S–XL); shoe sizes are numbers.
SIZE_LETTERS = ("XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL", "4XL", "5XL")
ONE_SIZE = "all-size"
NUMBER = r"\d+(?:[.,]\d+)?"
MEASURE_RANGE = re.compile(rf"^({NUMBER})\s*[-–]\s*({NUMBER})\Z")
MEASURE_CHOICES = re.compile(rf"^{NUMBER}(\s*,\s*{NUMBER})+\Z")


@dataclass(frozen=True)
class Measure:
    """One measurement in its unit: a number (250), a range ("105-125": adjustable, or sold from … to …) or
    a choice of sizes ([25, 30, 35]); rendered with each language's decimal sign."""

    values: tuple[float, ...]
    kind: Literal["one", "range", "choices"] = "one"


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and re.fullmatch(NUMBER, value.strip()):
        value = float(value.strip().replace(",", "."))
    if isinstance(value, int | float) and 0 < value < 100_000:
        return float(value)
    return None


def _measure(value: Any) -> Any:
    if isinstance(value, Measure):
        return value
    one = _number(value)
    if one is not None:
        return Measure((one,))
    numbers: list[float | None] = []
    kind: Literal["range", "choices"] = "choices"
    if isinstance(value, str) and (found := MEASURE_RANGE.match(value.strip())):
        numbers, kind = [_number(found[1]), _number(found[2])], "range"
    elif isinstance(value, str) and MEASURE_CHOICES.match(value.strip()):
        numbers = [_number(v) for v in value.split(",")]
    elif isinstance(value, list) and len(value) >= 2:
        numbers = [_number(v) for v in value]
    if len(numbers) >= 2 and all(n is not None for n in numbers):
        values = tuple(n for n in numbers if n is not None)
        if kind == "choices" or values[0] < values[1]:
            return Measure(values, kind)
    raise _fail("measure", got=quote(value))


def _size_label(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 100:
        return str(value)
    if isinstance(value, str):
        text = value.strip()
        if text.upper() in SIZE_LETTERS:
            return text.upper()
        if text.lower() == ONE_SIZE or (DIGITS.fullmatch(text) is not None and 0 < int(text) < 100):
            return text.lower()
    raise _fail("size_label", got=quote(value), choices=", ".join((*SIZE_LETTERS, ONE_SIZE)))


def _tag(value: Any) -> Any:
    if not isinstance(value, str) or not TAG.match(value):
        raise _fail("tag", got=quote(value))
    return value


Rupiah = Annotated[int, BeforeValidator(_rupiah)]
Count = Annotated[int, BeforeValidator(_count)]
Grams = Annotated[int, BeforeValidator(_grams)]
Days = Annotated[int, BeforeValidator(_days)]
Date = Annotated[dt.date, BeforeValidator(_date)]
Year = Annotated[int, BeforeValidator(_year)]
Title = Annotated[str, _text(TITLE_LIMIT)]
Summary = Annotated[str, _text(SUMMARY_LIMIT * 2)]
ShortText = Annotated[str, _text(200)]
Tag = Annotated[str, BeforeValidator(_tag)]
DispatchDays = Annotated[int, BeforeValidator(_dispatch_days)]
ShipsAbroad = Annotated[Literal["yes", "no", "ask"], BeforeValidator(_ships_abroad)]
MeasureValue = Annotated[Measure, BeforeValidator(_measure)]
SizeLabel = Annotated[str, BeforeValidator(_size_label)]


def _ref(info: ValidationInfo) -> ReferenceData:
    return (info.context or {})["ref"]


def _known(value: str, table: dict[str, Any], code: str) -> str:
    if value not in table:
        raise _fail(code, got=quote(value), choices=", ".join(sorted(table)))
    return value


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Issue(NamedTuple):
    """A problem found by comparing fields: the field to name, a message key and its parameters."""

    field: str
    code: str
    params: dict[str, str]


def _issue(fld: str, code: str, **params: Any) -> Issue:
    return Issue(fld, code, {k: str(v) for k, v in params.items()})


class StorefrontLink(Entry):
    platform: str
    url: str

    @field_validator("platform")
    @classmethod
    def _platform(cls, v: str, info: ValidationInfo) -> str:
        return _known(v, _ref(info).platforms, "unknown_platform")

    @field_validator("url")
    @classmethod
    def _url(cls, v: str, info: ValidationInfo) -> str:
        platform = _ref(info).platforms.get(info.data.get("platform", ""))
        if platform is None:
            return v  # the unknown platform is reported on its own field
        try:
            return check_storefront_url(platform, v)
        except LinkError as exc:
            raise PydanticCustomError(exc.code, exc.code, exc.params) from None


class Dimensions(Entry):
    """A product's measurements as numbers in the unit each name ends with; shown in the reader's language."""

    length_cm: MeasureValue | None = None
    width_cm: MeasureValue | None = None
    height_cm: MeasureValue | None = None
    depth_cm: MeasureValue | None = None
    diameter_cm: MeasureValue | None = None
    blade_length_cm: MeasureValue | None = None
    volume_ml: MeasureValue | None = None

    @model_validator(mode="before")
    @classmethod
    def _drop_empty(cls, value: Any) -> Any:
        # A form or the CMS sends the measurements left blank as empty text: not given, rather than wrong.
        return {k: v for k, v in value.items() if v not in ("", None)} if isinstance(value, dict) else value


class ProductFacts(Entry):
    """index.id.md of a product: every fact plus the Indonesian text."""

    title: Title
    summary: Summary
    artisan: str
    category: str
    technique: str
    motif: ShortText | None = None
    materials: list[ShortText] = []
    dyes: Literal["natural", "synthetic", "mixed"] | None = None
    size: ShortText | None = None
    dimensions: Dimensions | None = None
    sizes: list[SizeLabel] = []
    custom_size: bool = False
    weight_g: Grams | None = None
    price: Rupiah | None = None
    price_min: Rupiah | None = None
    price_max: Rupiah | None = None
    availability: Literal["ready", "made-to-order"]
    lead_time_days: Days | None = None
    photos: list[str] = Field(min_length=1)
    captions: list[ShortText] = []
    storefronts: list[StorefrontLink] = []
    tags: list[Tag] = []
    added: Date
    certifications: list[str] = []
    featured: bool = False
    # Shipping: the same four fields on artisans and products; a product's own value wins (model.Shipping).
    ships_indonesia: bool | None = None
    ships_abroad: ShipsAbroad | None = None
    dispatch_days: DispatchDays | None = None
    shipping_note: ShortText | None = None

    @field_validator("category")
    @classmethod
    def _category(cls, v: str, info: ValidationInfo) -> str:
        return _known(v, _ref(info).categories, "unknown_category")

    @field_validator("technique")
    @classmethod
    def _technique(cls, v: str, info: ValidationInfo) -> str:
        return _known(v, _ref(info).techniques, "unknown_technique")

    @field_validator("certifications")
    @classmethod
    def _certifications(cls, v: list[str], info: ValidationInfo) -> list[str]:
        return [_known(c, _ref(info).certifications, "unknown_certification") for c in v]

    def cross_checks(self, ref: ReferenceData) -> list[Issue]:
        """Problems between fields, each named on the field to change (pydantic would stop at the first)."""
        out = []
        technique = ref.techniques.get(self.technique)
        if technique is not None and technique.category != self.category:
            out.append(_issue("technique", "technique_category", got=quote(self.technique),
                              expected=technique.category, category=self.category))
        if self.price is not None and (self.price_min is not None or self.price_max is not None):
            out.append(_issue("price", "price_both"))
        if (self.price_min is None) != (self.price_max is None):
            out.append(_issue("price_min" if self.price_min is None else "price_max", "price_half_range"))
        if self.price_min is not None and self.price_max is not None and self.price_min >= self.price_max:
            out.append(_issue("price_min", "price_range", low=self.price_min, high=self.price_max))
        if self.availability == "made-to-order" and self.lead_time_days is None:
            out.append(_issue("lead_time_days", "lead_time"))
        if len(set(self.photos)) != len(self.photos):
            repeated = next(p for p in self.photos if self.photos.count(p) > 1)
            out.append(_issue("photos", "photo_repeated", got=quote(repeated)))
        return out


class ProductTranslation(Entry):
    """index.en.md of a product: only what changes with language."""

    model_config = ConfigDict(extra="allow", frozen=True, str_strip_whitespace=True)

    title: Title
    summary: Summary
    motif: ShortText | None = None
    materials: list[ShortText] | None = None
    size: ShortText | None = None
    captions: list[ShortText] = []
    shipping_note: ShortText | None = None


class ArtisanFacts(Entry):
    """index.id.md of an artisan."""

    name: Title
    summary: Summary
    region: str
    # An island at sea of the region (regions.yml's ``islands``, such as bawean of kab-gresik), for a workshop there.
    island: str | None = None
    village: ShortText
    crafts: list[str] = Field(min_length=1)
    founded: Year | None = None
    photo: str | None = None
    whatsapp: str | None = None
    instagram: str | None = None
    storefronts: list[StorefrontLink] = []
    certifications: list[str] = []
    # Shipping: the same four fields on artisans and products; a product's own value wins (model.Shipping).
    ships_indonesia: bool | None = None
    ships_abroad: ShipsAbroad | None = None
    dispatch_days: DispatchDays | None = None
    shipping_note: ShortText | None = None

    @field_validator("region")
    @classmethod
    def _region(cls, v: str, info: ValidationInfo) -> str:
        return _known(v, _ref(info).regions, "unknown_region")

    @field_validator("island")
    @classmethod
    def _island(cls, v: str | None, info: ValidationInfo) -> str | None:
        region = _ref(info).regions.get(info.data.get("region", ""))
        if v is None or region is None:
            return v  # an unknown region is reported on its own field
        islands = [i.key for i in region.islands]
        if v not in islands:
            raise _fail("unknown_island", got=quote(v), region=region.key, choices=", ".join(islands) or "-")
        return v

    @field_validator("crafts")
    @classmethod
    def _crafts(cls, v: list[str], info: ValidationInfo) -> list[str]:
        return [_known(c, _ref(info).categories, "unknown_category") for c in v]

    @field_validator("certifications")
    @classmethod
    def _certifications(cls, v: list[str], info: ValidationInfo) -> list[str]:
        return [_known(c, _ref(info).certifications, "unknown_certification") for c in v]

    @field_validator("whatsapp", mode="before")
    @classmethod
    def _whatsapp(cls, v: Any) -> Any:
        try:
            return None if v is None else normalise_whatsapp(v)
        except LinkError as exc:
            raise PydanticCustomError(exc.code, exc.code, exc.params) from None

    @field_validator("instagram", mode="before")
    @classmethod
    def _instagram(cls, v: Any) -> Any:
        try:
            return None if v is None else normalise_instagram(v)
        except LinkError as exc:
            raise PydanticCustomError(exc.code, exc.code, exc.params) from None


class ArtisanTranslation(Entry):
    """index.en.md of an artisan."""

    model_config = ConfigDict(extra="allow", frozen=True, str_strip_whitespace=True)

    summary: Summary
    name: Title | None = None
    shipping_note: ShortText | None = None


class PageText(Entry):
    """index.<lang>.md of a page such as about or join."""

    title: Title
    slug: Tag
    summary: Summary | None = None


# pydantic's own error types, as the validator's message keys.
BUILTIN_CODES = {
    "missing": "required",
    "extra_forbidden": "unknown_field",
    "string_type": "text",
    "list_type": "list",
    "int_type": "whole_number",
    "int_parsing": "whole_number",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "literal_error": "choice",
    "too_short": "photos_empty",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
}


def field_name(loc: tuple[int | str, ...]) -> str:
    """``('storefronts', 0, 'url')`` → ``storefronts[1].url`` (counted from 1, as people count)."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "entry"


def _model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel]:
    """The (nested) model that owns the field at ``loc``: storefronts[1].shop → StorefrontLink."""
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            break
        for candidate in (info.annotation, *getattr(info.annotation, "__args__", ())):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                model = candidate
    return model


def error_params(model: type[BaseModel], error: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """Turn one pydantic error into a message key and its parameters."""
    kind = error["type"]
    ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    if kind not in BUILTIN_CODES:
        return kind, ctx
    code = BUILTIN_CODES[kind]
    if code == "photos_empty" and error["loc"][:1] != ("photos",):
        code = "list_empty"
    if error.get("input") is None and code not in ("unknown_field", "choice"):
        # `title:` with nothing after it reads as null in YAML: to a contributor that is a field left empty.
        return "required", {}
    params = {"got": quote(error.get("input")), "example": "14"}
    if code == "choice":
        params["choices"] = ctx.get("expected", "")
    if code == "unknown_field":
        params["known"] = ", ".join(_model_at(model, tuple(error["loc"])).model_fields)
    return code, params
