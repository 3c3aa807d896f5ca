"""Imports every command module so that each attaches itself to the `aftercare` group."""

# One import per feature module; keep sorted.
from bot.cli import faq  # noqa: F401
