"""Fixtures of the web tests (defined in ``tests/webworld.py``)."""

from __future__ import annotations

from webworld import app_settings, browser, world

__all__ = ["app_settings", "browser", "world"]
