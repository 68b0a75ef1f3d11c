"""Regions, units and users: first set-up (``jixiao user add``, ``jixiao unit add``) and admin.

Passwords are hashed with Argon2id (argon2-cffi); only the hash is stored.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.errors import ConfigError
from jixiao.store.models import ROLES, Region, Unit, User

_HASHER = PasswordHasher()
#: Shortest password accepted.
MIN_PASSWORD = 8
ROLE_NAMES = {"department": "填报单位", "reviewer": "审核人员", "admin": "管理员"}


def hash_password(password: str) -> str:
    """The Argon2id hash of `password`."""
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """True when `password` matches the stored hash."""
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def region(session: Session, name: str) -> Region:
    """The region called `name`, created when new."""
    name = name.strip()
    if not name:
        raise ConfigError("地区名称不能为空")
    found = session.scalar(select(Region).where(Region.name == name))
    if found is None:
        found = Region(name=name)
        session.add(found)
        session.flush()
    return found


def add_unit(session: Session, name: str, region_name: str | None = None) -> Unit:
    """A unit called `name` (in the named region), created when new, else updated."""
    name = name.strip()
    if not name:
        raise ConfigError("单位名称不能为空")
    unit = session.scalar(select(Unit).where(Unit.name == name))
    if unit is None:
        unit = Unit(name=name)
        session.add(unit)
    if region_name:
        unit.region = region(session, region_name)
    session.flush()
    return unit


def add_user(
    session: Session, username: str, password: str, role: str, *,
    unit: str | None = None, region_name: str | None = None, display_name: str = "",
) -> User:
    """A new user; department users need a unit, reviewers a region."""
    username = username.strip()
    if role not in ROLES:
        raise ConfigError(f"角色“{role}”无效，应为 {'、'.join(ROLES)} 之一")
    if not username:
        raise ConfigError("用户名不能为空")
    if len(password) < MIN_PASSWORD:
        raise ConfigError(f"密码至少需要 {MIN_PASSWORD} 个字符")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise ConfigError(f"用户名“{username}”已存在")
    if role == "department" and not unit:
        raise ConfigError("填报单位用户需要指定所属单位（--unit）")
    if role == "reviewer" and not region_name:
        raise ConfigError("审核人员需要指定负责的地区（--region）")
    user = User(username=username, password_hash=hash_password(password), role=role,
                display_name=display_name or username)
    if unit:
        user.unit = add_unit(session, unit, region_name)
    if region_name:
        user.region = region(session, region_name)
    session.add(user)
    session.flush()
    return user
