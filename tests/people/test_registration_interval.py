"""Registering a clinic refuses a series interval the timeline cannot keep in order."""

import pytest

from bot.people.registration import ClinicInputError, register_clinic
from content.timeline import load_timeline
from tests.conftest import NOW, PHONE

GLOW = {"name": "Glow", "timezone": "Europe/London", "phone": PHONE, "now": NOW}


def test_an_interval_shorter_than_the_care_steps_is_refused_and_nothing_stored(store):
    with pytest.raises(ClinicInputError) as refused:
        register_clinic(store, **GLOW, series_interval_days=2, timeline=load_timeline())
    [problem] = refused.value.problems
    assert "series interval of 2 days" in problem
    assert "book_next (interval - 5d)" in problem and "week1_collagen (7d)" in problem
    assert store.clinics.all() == []


def test_the_shipped_timeline_is_the_default(store):
    with pytest.raises(ClinicInputError, match="week1_collagen"):
        register_clinic(store, **GLOW, series_interval_days=12)
    assert store.clinics.all() == []
    added = register_clinic(store, **GLOW, series_interval_days=13)
    assert store.clinics.all() == [added]
