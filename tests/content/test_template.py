"""Merge fields, HTML escaping and quote lines."""

import pytest

from content.template import (
    MERGE_FIELDS,
    TemplateError,
    fields,
    quoted_lines,
    render,
    substitute,
    visible_length,
)

VALUES = dict.fromkeys(MERGE_FIELDS, "") | {"first_name": "Zoë <b>&", "clinic_name": "A&B"}


def test_values_and_template_text_are_escaped_for_html():
    assert render("Hi {first_name} & welcome to {clinic_name} <3", VALUES) == (
        "Hi Zoë &lt;b&gt;&amp; &amp; welcome to A&amp;B &lt;3"
    )


def test_quote_lines_become_one_blockquote_per_run():
    template = "Guide:\n> “One.”\n> “Two {clinic_name}.”\n\nAfter.\n> “Three.”"
    assert render(template, VALUES) == (
        "Guide:\n<blockquote>“One.”\n“Two A&amp;B.”</blockquote>\n\nAfter.\n"
        "<blockquote>“Three.”</blockquote>"
    )


def test_quoted_lines_drop_quote_marks_and_ellipses():
    template = "Hi\n> “…the skin is receptive.”\n> 'plain...'\n>\nnot > a quote"
    assert quoted_lines(template) == ["the skin is receptive.", "plain"]


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("Hi {name}", "unknown merge field {name}"),
        ("Hi {first_name.__class__}", "unknown merge field {first_name.__class__}"),
        ("Hi {0}", "unknown merge field {0}"),
        ("Hi {first_name!r}", "unknown merge field {first_name!r}"),
        ("Hi {first_name:>10}", "unknown merge field {first_name:>10}"),
        ("Hi {first_name", "braces do not match"),
        ("Hi first_name}", "braces do not match"),
    ],
)
def test_bad_templates_are_errors_not_lookups(template, message):
    with pytest.raises(TemplateError) as error:
        render(template, VALUES)
    assert str(error.value).startswith(message)


def test_unknown_field_error_lists_the_known_fields():
    with pytest.raises(TemplateError, match="known fields: first_name, clinic_name"):
        fields("{nope}")


def test_literal_braces():
    assert render("{{not a field}} {first_name}", VALUES).startswith("{not a field} Zo")


def test_substitute_without_escaping_for_buttons():
    assert substitute("booked:{session_id}", {"session_id": "7<8"}) == "booked:7<8"


def test_visible_length_counts_what_telegram_counts():
    assert visible_length("<blockquote>a&amp;b</blockquote>") == 3
    assert visible_length("🙂") == 2  # UTF-16 surrogate pair
