"""QR codes of patient links, as PNG images for the front desk."""

from __future__ import annotations

import io

import segno


def qr_png(url: str, *, scale: int = 8) -> bytes:
    """A PNG of `url` with medium error correction, large enough to scan from a phone screen."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
