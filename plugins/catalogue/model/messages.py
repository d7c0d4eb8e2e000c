"""Every message the validator can give, in English; translations live in the gettext catalogues."""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated when reported."""
    return message


# One entry per message key. Tests assert on keys, artisans read the translated text.
MESSAGES: dict[str, str] = {
    "front_matter": N_("the entry must start with a '---' block of fields: {detail}"),
    "required": N_("this field is required"),
    "front_matter_start": N_("the file must start with a line '---', then the fields, then another '---' line"),
    "front_matter_end": N_("the fields have no closing '---' line; add it between the fields and the text"),
    "yaml_invalid": N_("the fields cannot be read near line {line}; check the ':' after each field name and the "
                       "quotes"),
    "yaml_not_mapping": N_("the fields must be written as 'name: value' lines"),
    "yaml_alias": N_("line {line} uses '*' to repeat another value; write the value out in full"),
    "yaml_deep": N_("the fields are nested too deeply near line {line}"),
    "yaml_duplicate_key": N_("the field {key} is written twice (again on line {line}); keep only one"),
    "text_character": N_("the text holds an invisible or control character, {char}, at character {position}; delete it (retype the text around it)"),
    "number_large": N_("{got} is too large; at most {limit}"),
    "entry_file_missing": N_("the folder has no index.id.md (the Indonesian text with all the facts)"),
    "file_unreadable": N_("the file cannot be read as UTF-8 text: {detail}"),
    "file_too_large": N_("the file is {size} KB; an entry's text must stay under {limit} KB"),
    "symlink": N_("links to other files are not allowed; put the real file in the entry's folder"),
    "reference_data": N_("the catalogue's reference data is broken: {detail}"),
    "page_slug": N_("the address {got} is already used by another page of the catalogue"),
    "unknown_field": N_("unknown field; check the spelling (fields for this entry: {known})"),
    "text": N_("expected text, got {got}"),
    "text_too_long": N_("text is too long: {length} characters, at most {limit}"),
    "text_long": N_("text is long: {length} characters; keep it under {limit} so it fits on a phone"),
    "list": N_("expected a list (lines starting with '- '), got {got}"),
    "whole_number": N_("expected a whole number such as {example}, got {got}"),
    "rupiah": N_("expected a whole number of rupiah such as 350000, got {got}"),
    "positive": N_("must be more than 0, got {got}"),
    "price_range": N_("price_min ({low}) must be lower than price_max ({high})"),
    "price_both": N_("write either price or price_min and price_max, not both"),
    "price_half_range": N_("a price range needs both price_min and price_max"),
    "year_future": N_("the year {got} is in the future"),
    "year_range": N_("expected a year such as 1998, got {got}"),
    "date": N_("expected a date written as YYYY-MM-DD such as 2026-08-17, got {got}"),
    "date_future": N_("the date {got} is in the future"),
    "boolean": N_("expected true or false, got {got}"),
    "choice": N_("expected one of {choices}, got {got}"),
    "unknown_category": N_("{got} is not a known category; known: {choices}"),
    "unknown_technique": N_("{got} is not a known technique; known: {choices}"),
    "unknown_region": N_("{got} is not a known region of East Java; use a key from content/data/regions.yml such as kab-sidoarjo or kota-malang"),
    "unknown_island": N_("{got} is not an island of {region} in content/data/regions.yml (its islands: {choices}); "
                         "leave island out for a workshop on the mainland"),
    "unknown_platform": N_("{got} is not a known storefront platform; known: {choices}"),
    "unknown_certification": N_("{got} is not a known certification; known: {choices}"),
    "measure": N_("expected a measurement in the unit the name ends with: a number such as 110 or 3.8, a range such "
                  "as 105-125, or a list of sizes such as [25, 30, 35]; got {got}"),
    "size_label": N_("expected a clothing size ({choices}) or a shoe size such as 38, got {got}"),
    "size_words": N_("this size has words in Indonesian ({words}) that the English page would show: write it as "
                     "numbers (dimensions: {{length_cm: 250, width_cm: 110}}, sizes: [S, M, L, XL] with "
                     "custom_size: true) or give the English text as size in index.en.md"),
    "fact_untranslated": N_("index.id.md gives {field} in Indonesian and this file does not give them in English, "
                            "so the English page would show them in Indonesian: add {field} here in English"),
    "unknown_tag": N_("the tag {got} is not in content/data/tags.yml, so the English page would show it in "
                      "Indonesian: add it there with its English label, or use a known tag"),
    "tag": N_("a tag must be lowercase letters, digits and '-', such as pewarna-alam, got {got}"),
    "technique_category": N_("technique {got} belongs to category {expected}, not {category}"),
    "days_range": N_("expected a whole number of days from {low} to {high}, such as 3, got {got}"),
    "shipping_note_untranslated": N_("shipping_note has no English version in index.en.md; the English page "
                                     "leaves the note out"),
    "lead_time": N_("made-to-order products need lead_time_days (how many days to make it)"),
    "unknown_artisan": N_("no artisan folder content/artisans/{got}/ exists"),
    "slug": N_("the folder name {got} must be lowercase letters, digits and '-' only, such as batik-gajah-oling"),
    "slug_duplicate": N_("the slug {got} is used twice ({other})"),
    "photo_missing": N_("photo {got} is not in the entry's folder"),
    "photo_outside": N_("photo {got} must be a file name inside the entry's folder (no folders, '..' or links)"),
    "photo_type": N_("photo {got} must be a JPEG, PNG, WebP, HEIC or AVIF file"),
    "photo_duplicate": N_("photo {got} is the same picture as {other}"),
    "photos_empty": N_("add at least one photo; the first one is the cover"),
    "photo_repeated": N_("photo {got} is listed more than once"),
    "list_empty": N_("add at least one item"),
    "mapping": N_("expected fields written as 'name: value' lines (for a storefront: platform and url), got {got}"),
    "file_special": N_("this is not an ordinary file; put a real text file here"),
    "captions_count": N_("there are {captions} captions for {photos} photos"),
    "translation_missing": N_("there is no English translation (index.en.md); the Indonesian text is shown"),
    "translation_contradicts": N_("the English file says {got} but index.id.md says {expected}; write facts only in index.id.md"),
    "translation_field": N_("this field belongs in index.id.md only"),
    "url_scheme": N_("the link must start with https://, got {got}"),
    "url_malformed": N_("this is not a valid link: {got}"),
    "url_credentials": N_("the link must not contain a user name or password"),
    "url_ip": N_("the link must use the shop's web address, not a numeric IP address"),
    "url_idn": N_("the link's address has unusual characters that can imitate another site: {got}"),
    "url_host": N_("a {platform} link must be on {hosts}, got {got}"),
    "url_shape": N_("this does not look like a {platform} shop or product link: {got}"),
    "storefront_home": N_("this link opens the {platform} shop's own page, not this product's listing, so the buyer "
                          "has to look for the piece there: link the product's page (copy its address from the "
                          "listing) or leave the link out to show the artisan's shops; got {got}"),
    "platform_closed": N_("{platform} cannot be used: {reason}"),
    "whatsapp": N_("expected an Indonesian mobile number such as 0812-3456-7890, got {got}"),
    "instagram": N_("expected an Instagram name such as batik.sekar (letters, digits, '.' and '_'), got {got}"),
    "html_not_allowed": N_("the text contains HTML that is not allowed and would be removed: {got}"),
    "heading_level": N_("headings in the text start at '##'; the page title is the only top heading"),
    "photo_unreadable": N_("photo {got} cannot be opened as a picture; send the original photo as a JPEG, PNG, WebP, HEIC or AVIF file ({detail})"),
    "photo_damaged": N_("photo {got} is damaged or incomplete (perhaps cut off while sending); send the original photo again ({detail})"),
    "photo_file_large": N_("photo {got} is {size} MB, more than the {limit} MB allowed; send the photo straight from the phone's camera"),
    "photo_pixels": N_("photo {got} is {width}×{height} pixels ({pixels} megapixels), more than the {limit} megapixels allowed; send a smaller photo"),
    "photo_small": N_("photo {got} is only {width}×{height} pixels and will look blurred on the product page; send the original from the phone's camera, at least {min} pixels wide (not a copy from WhatsApp or social media)"),
    "photo_dark": N_("photo {got} is very dark; take it again in daylight, by a window or outdoors in the shade"),
    "photo_blurry": N_("photo {got} looks blurred; hold the phone still, tap the product on the screen to focus, and take it again"),
}

# The validator's closing line and the word marking a warning.
SUMMARY = N_("{errors} error(s), {warnings} warning(s) in {entries} entries")
WARNING = N_("warning")
