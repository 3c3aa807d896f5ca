"""Telegram handlers: thin adapters from updates to domain calls and back, one module per area.

They hold callbacks only (and the filters those need); the order and groups they run in are
one table, `bot/telegram/routing.py`. Handlers import nothing from each other but `common`.
"""
