"""Moved to tests/conftest.py, which defines these once; kept so that tests written before the
move still import. New tests import from tests.conftest; delete this file once none uses it."""

from tests.conftest import (  # noqa: F401 (re-exported)
    BOT,
    NOW,
    add_clinic,
    all_values,
    enroll_patient,
    make_services,
)
