"""Settings of the web app (limits, cookies), with defaults fit for an intranet server."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """What an operator may tune; every field has a safe default."""

    #: Largest upload accepted, in bytes.
    max_upload: int = 30 * 1024 * 1024
    #: Hours a login lasts.
    session_hours: int = 12
    #: Send cookies only over HTTPS (turn on behind a TLS proxy).
    secure_cookies: bool = False
    #: Failed logins allowed per user name, and per address, within `throttle_minutes`.
    max_failures_user: int = 5
    max_failures_ip: int = 30
    throttle_minutes: int = 15
    #: Rows per page of queues and lists.
    page_size: int = 50
