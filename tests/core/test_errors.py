"""core.errors: English templates and values apart, translated before they are filled."""

from __future__ import annotations

import pytest

from backflow_plugin.core.errors import BackflowInputError

FRENCH = {
    "Unknown {name}": "{name} inconnu",
    "one of: {columns}": "l'une de : {columns}",
    "column '{}'": "colonne « {} »",
    "value '{}'": "valeur « {} »",
    "row {}": "ligne {}",
    "file '{}'": "fichier « {} »",
    ", ": " ; ",
    "{problem} ({where})": "{problem} ({where})",
    "{text}. Accepted: {accepted}": "{text}. Accepté : {accepted}",
}


def french(text: str) -> str:
    return FRENCH.get(text, text)


def test_english_message_as_before():
    err = BackflowInputError(
        "Unknown {name}", column="level", value="town", accepted="one of: {columns}",
        name="level", columns="city, province",
    )  # fmt: skip
    assert str(err) == (
        "Unknown level (column 'level', value 'town'). Accepted: one of: city, province"
    )
    assert err.fields == {"name": "level", "columns": "city, province"}


def test_translated_then_filled():
    err = BackflowInputError(
        "Unknown {name}", file="a.csv", row=3, value="{x}", accepted="one of: {columns}",
        name="level", columns="city, province",
    )  # fmt: skip
    # values (even with braces) are filled in after translation, never translated
    assert err.describe(french) == (
        "level inconnu (fichier « a.csv » ; ligne 3 ; valeur « {x} »). "
        "Accepté : l'une de : city, province"
    )


def test_a_template_without_fields_keeps_its_braces():
    err = BackflowInputError("Use {} in a pattern", value=0)
    assert str(err) == "Use {} in a pattern (value '0')"


def test_a_broken_translation_falls_back_to_english():
    err = BackflowInputError("Unknown {name}", name="level")
    assert err.describe(lambda t: "{nom} inconnu" if t == "Unknown {name}" else t) == (
        "Unknown level"
    )


def test_untranslated_data_passes_through():
    err = BackflowInputError("Unknown measure", accepted="degree, betweenness")
    assert err.describe(french) == "Unknown measure. Accepté : degree, betweenness"
    with pytest.raises(BackflowInputError, match=r"^Unknown measure\. Accepted"):
        raise err
