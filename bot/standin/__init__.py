"""Offline stand-ins for Telegram: the Bot API server (`botapi`), its control client, faults."""
