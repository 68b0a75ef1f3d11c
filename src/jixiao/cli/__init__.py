"""The command-line interface: thin commands over the library.

Each command lives in its own module of this package and exposes
``register(app)``; `main` registers those listed in `COMMANDS`.
Exit codes: 0 clean, 1 a file failed or an error-level finding, 2 usage error.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

import typer

from jixiao.cli.chinese import install

install()

COMMANDS = ("extract", "score", "check", "render", "review", "synth", "serve", "accounts")

app = typer.Typer(
    name="jixiao",
    help="jixiao（绩效）：部门整体支出绩效自评报告的读取、评分、审核与生成。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """jixiao（绩效）：部门整体支出绩效自评报告的读取、评分、审核与生成。"""


def _register_all() -> None:
    for name in COMMANDS:
        module_name = f"jixiao.cli.{name}"
        if find_spec(module_name) is not None:
            import_module(module_name).register(app)


_register_all()


def main() -> None:
    """Entry point of the ``jixiao`` script."""
    app()
