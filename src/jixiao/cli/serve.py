"""``jixiao serve [--db URL] [--host H] [--port P] [--demo]``: run the web application."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from jixiao.errors import ConfigError
from jixiao.store import Database, default_url

DB_HELP = "数据库地址：sqlite:///文件.db（默认 jixiao.db）或 postgresql://用户@主机/库名；也可用环境变量 JIXIAO_DB"


def open_db(url: str | None) -> Database:
    """The migrated database at `url`; exit 2 with the reason when it cannot be opened."""
    try:
        return Database(url or default_url())
    except ConfigError as exc:
        typer.echo(f"jixiao: {exc}", err=True)
        raise typer.Exit(2) from exc


def serve_command(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    demo: Annotated[bool, typer.Option("--demo", help="载入示例报告与演示账号（仅用于演示）")] = False,
    examples: Annotated[Path, typer.Option("--examples", help="--demo 载入的示例报告目录")] = Path("examples"),
    workers: Annotated[int, typer.Option("--workers", help="服务进程数（多核服务器可设为核数）")] = 1,
) -> None:
    """Run the web application (tasks, fill-in, review, overview) on a database.

    Example: jixiao serve --db sqlite:///jixiao.db --port 8000
    """
    import uvicorn

    from jixiao.web import create_app

    database = open_db(db)
    if demo:
        from jixiao.web.demo import DEMO_PASSWORD, load_demo

        accounts = load_demo(database, examples)
        typer.echo(f"已载入示例数据。演示账号（密码均为 {DEMO_PASSWORD}，仅供演示）：")
        for username, role, where in accounts:
            typer.echo(f"  {username:<10} {role}  {where}")
    typer.echo(f"jixiao 网页服务：http://{host}:{port}/  （数据库 {database.url.split('@')[-1]}，按 Ctrl+C 停止）")
    if workers > 1:
        database.close()
        os.environ["JIXIAO_DB"] = database.url
        uvicorn.run("jixiao.web.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                    log_level="warning")
    else:
        uvicorn.run(create_app(database), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("serve")(serve_command)
