"""Changing a clinic's settings (bot.people.clinic_settings) on a real SQLite store: checked
like `clinic add`, every problem named by its field, nothing stored on bad input, each change
audited, and re-planning asked for only when a timing field changed."""

from __future__ import annotations

from datetime import time

import pytest

from bot.people import clinic_settings, settings_view
from bot.people.registration import ClinicInputError
from bot.store import Store
from tests.enroll_helpers import NOW, add_clinic


@pytest.fixture
def store():
    store = Store.open(":memory:")
    yield store
    store.close()


class Replans:
    """Stands in for the delivery area's re-planning: records the clinics it was asked for."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    def __call__(self, clinic_id: int) -> int:
        self.asked.append(clinic_id)
        return 4


def change(store, clinic, replan=None, **values):
    return clinic_settings.change(
        store, clinic.id, values, author="staff:2001", now=NOW, replan=replan or Replans()
    )


def test_a_change_is_stored_and_audited(store):
    glow = add_clinic(store)
    replans = Replans()
    changed = change(
        store,
        glow,
        replans,
        phone=" +44 20 7946 0999 ",
        hours="mon-fri 9:00-18:00",
        window="08:00-21:00",
    )
    clinic = store.clinics.get(glow.id)
    assert (clinic.phone, clinic.opening_hours) == ("+44 20 7946 0999", "Mon-Fri 09:00-18:00")
    assert (clinic.window_start, clinic.window_end) == (time(8, 0), time(21, 0))
    assert [(c.key, c.old, c.new) for c in changed.changes] == [
        ("phone", "+44 20 7946 0000", "+44 20 7946 0999"),
        ("hours", "", "Mon-Fri 09:00-18:00"),
        ("window", "09:00-20:00", "08:00-21:00"),
    ]
    assert (changed.moved, replans.asked) == (4, [glow.id])  # the window times messages
    audit = store.clinic_changes.newest(glow.id)
    assert [(a.field, a.old, a.new, a.author, a.at) for a in audit] == [
        ("phone", "+44 20 7946 0000", "+44 20 7946 0999", "staff:2001", NOW),
        ("hours", "", "Mon-Fri 09:00-18:00", "staff:2001", NOW),
        ("window", "09:00-20:00", "08:00-21:00", "staff:2001", NOW),
    ][::-1]


def test_fields_that_do_not_time_messages_ask_for_no_replanning(store):
    glow = add_clinic(store)
    replans = Replans()
    changed = change(store, glow, replans, name="Glow  Skin", outofhours="+44 7700 900123")
    assert replans.asked == [] and changed.moved == 0
    assert store.clinics.get(glow.id).name == "Glow Skin"
    assert settings_view.reply(changed).endswith("The next messages use it.")


def test_the_same_value_changes_nothing_and_is_not_audited(store):
    glow = add_clinic(store)
    replans = Replans()
    changed = change(store, glow, replans, timezone="Europe/London", interval="28")
    assert changed.changes == () and replans.asked == []
    assert store.clinic_changes.newest(glow.id) == []


def test_optional_fields_are_cleared_with_none(store):
    glow = add_clinic(store)
    change(store, glow, emergency="999", booking="https://glow.example/book")
    change(store, glow, emergency="none", booking="-")
    clinic = store.clinics.get(glow.id)
    assert (clinic.emergency_number, clinic.booking_url) == ("", "")


@pytest.mark.parametrize(
    "values, says",
    [
        pytest.param({"phone": "none"}, "phone: 'none' is not a phone number",
                     id="required_cleared"),
        pytest.param({"name": ""}, "name: give a value, for example Glow Clinic", id="empty_name"),
        pytest.param({"window": "9-17"}, "send window: '9-17' is not a window", id="window"),
        pytest.param({"window": "09:00-09:00"}, "the send window 09:00-09:00 is empty", id="same"),
        pytest.param({"interval": "366"}, "between 1 and 365 days", id="interval_long"),
        pytest.param({"interval": "٣"}, "'٣' is not a number of days", id="interval_digit"),
        pytest.param({"timezone": "europe/paris"}, "did you mean Europe/Paris?", id="zone_case"),
        pytest.param({"emergency": "dial 999"}, "emergency number: 'dial 999' is not", id="words"),
        pytest.param({"hours": "Sat"}, "opening hours: can't read the hours in 'Sat'", id="day"),
        pytest.param({"raise": "0"}, "not a number of minutes from 1 to 120", id="raise_zero"),
        pytest.param({"raise": "121"}, "not a number of minutes from 1 to 120", id="raise_long"),
        pytest.param({"raise": "ten"}, "urgent messages after (minutes): 'ten'", id="raise_word"),
    ],
)  # fmt: skip
def test_bad_values_name_their_field_and_store_nothing(store, values, says):
    glow = add_clinic(store)
    with pytest.raises(ClinicInputError) as refused:
        change(store, glow, **values)
    assert any(says in problem for problem in refused.value.problems), refused.value.problems
    assert store.clinics.get(glow.id) == glow
    assert store.clinic_changes.newest(glow.id) == []


def test_every_problem_is_named_at_once_and_good_values_wait(store):
    glow = add_clinic(store)
    with pytest.raises(ClinicInputError) as refused:
        change(store, glow, phone="+44 20 7946 0999", window="late", interval="0")
    assert [p.split(":")[0] for p in refused.value.problems] == [
        "send window",
        "series interval (days)",
    ]
    assert store.clinics.get(glow.id).phone == "+44 20 7946 0000"


@pytest.mark.parametrize(
    "typed, key",
    [
        pytest.param("Phone", "phone", id="case"),
        pytest.param("out-of-hours", "outofhours", id="dashes"),
        pytest.param("out_of_hours_phone", "outofhours", id="column_name"),
        pytest.param("booking_url", "booking", id="booking_url"),
        pytest.param("opening-hours", "hours", id="opening_hours"),
        pytest.param("series_interval_days", "interval", id="interval_option"),
        pytest.param("colour", None, id="unknown"),
    ],
)
def test_field_names_as_people_type_them(typed, key):
    assert clinic_settings.field_key(typed) == key


def test_the_overview_lists_every_setting_and_the_recent_changes(store):
    glow = add_clinic(store)
    change(store, glow, emergency="112")
    text = settings_view.overview(store, store.clinics.get(glow.id), viewer_chat_id=2001)
    assert "• phone: +44 20 7946 0000" in text
    assert "• outofhours: not given (given to urgent messages while you are closed)" in text
    assert "emergency number: not given → 112 · by you" in text
    other = settings_view.overview(store, store.clinics.get(glow.id), viewer_chat_id=None)
    assert "· by staff chat 2001" in other
