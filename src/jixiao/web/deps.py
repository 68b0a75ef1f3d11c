"""Request dependencies: the database session, the logged-in user, role checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from jixiao.store import Database
from jixiao.web.auth import NotAuthenticatedError, Viewer, viewer_of
from jixiao.web.settings import Settings


def database(request: Request) -> Database:
    """The app's database."""
    db: Database = request.app.state.db
    return db


def settings(request: Request) -> Settings:
    """The app's settings."""
    value: Settings = request.app.state.settings
    return value


def db_session(request: Request) -> Iterator[Session]:
    """One database session per request, closed afterwards (handlers commit)."""
    with database(request).sessions() as session:
        yield session


DB = Annotated[Session, Depends(db_session)]
Conf = Annotated[Settings, Depends(settings)]


def current_viewer(request: Request, session: DB) -> Viewer:
    """The logged-in user; `NotAuthenticatedError` when there is none."""
    viewer = viewer_of(request, session)
    if viewer is None:
        raise NotAuthenticatedError
    return viewer


User = Annotated[Viewer, Depends(current_viewer)]


def reviewer(viewer: User) -> Viewer:
    """The user, who must be a reviewer or an admin."""
    if not viewer.is_reviewer:
        raise HTTPException(403, "只有审核人员可以进行此操作")
    return viewer


def admin(viewer: User) -> Viewer:
    """The user, who must be an admin."""
    if not viewer.is_admin:
        raise HTTPException(403, "只有管理员可以进行此操作")
    return viewer


def department(viewer: User) -> Viewer:
    """The user, who must be department staff."""
    if viewer.role != "department":
        raise HTTPException(403, "只有填报单位可以进行此操作")
    return viewer


Reviewer = Annotated[Viewer, Depends(reviewer)]
Admin = Annotated[Viewer, Depends(admin)]
Department = Annotated[Viewer, Depends(department)]
