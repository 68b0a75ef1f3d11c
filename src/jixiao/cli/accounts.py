"""``jixiao user add`` and ``jixiao unit add``: first set-up of the web application."""

from __future__ import annotations

from typing import Annotated

import typer

from jixiao.cli.serve import DB_HELP, open_db
from jixiao.errors import ConfigError
from jixiao.store.accounts import add_unit, add_user
from jixiao.store.models import ROLES
from jixiao.store.records import Actor, audit

user_app = typer.Typer(help="用户管理", no_args_is_help=True)
unit_app = typer.Typer(help="单位管理", no_args_is_help=True)
CLI = Actor(None, "cli", "")


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="登录用户名")],
    role: Annotated[str, typer.Option("--role", help=f"角色：{'、'.join(ROLES)}")],
    unit: Annotated[str | None, typer.Option("--unit", help="所属单位（填报单位用户必填，不存在时创建）")] = None,
    region: Annotated[str | None, typer.Option("--region", help="负责地区（审核人员必填）")] = None,
    name: Annotated[str, typer.Option("--name", help="显示姓名")] = "",
    password: Annotated[str | None, typer.Option("--password", help="密码（缺省时提示输入）")] = None,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """Add a user who can log in to the web application.

    Example: jixiao user add wang --role reviewer --region 示例市
    """
    secret = password or typer.prompt("密码", hide_input=True, confirmation_prompt="再次输入密码")
    database = open_db(db)
    try:
        with database.session() as session:
            user = add_user(session, username, secret, role, unit=unit, region_name=region, display_name=name)
            audit(session, CLI, "add-user", "user", user.id, username=username, role=role)
    except ConfigError as exc:
        typer.echo(f"jixiao: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        database.close()
    typer.echo(f"已添加用户 {username}（{role}）")


@unit_app.command("add")
def unit_add(
    name: Annotated[str, typer.Argument(help="单位名称")],
    region: Annotated[str | None, typer.Option("--region", help="所属地区（不存在时创建）")] = None,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """Add a budget unit (or move it to a region).

    Example: jixiao unit add 示例市文化馆 --region 示例市
    """
    database = open_db(db)
    try:
        with database.session() as session:
            unit = add_unit(session, name, region)
            audit(session, CLI, "add-unit", "unit", unit.id, name=name, region=region)
    except ConfigError as exc:
        typer.echo(f"jixiao: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        database.close()
    typer.echo(f"已添加单位 {name}" + (f"（{region}）" if region else ""))


def register(app: typer.Typer) -> None:
    """Add the command groups to the app."""
    app.add_typer(user_app, name="user")
    app.add_typer(unit_app, name="unit")
