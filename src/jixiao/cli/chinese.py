"""Help and usage errors in Chinese, as far as Typer lets a program choose its words.

Typer fixes the titles of its help panels and its error panel in module constants, and
shows a usage error through ``rich_utils.rich_format_error``; `install` sets the
titles, translates the error messages (missing argument, invalid value, unknown
option, extra arguments) and the “Usage:” prefix. Command and option help is written
in Chinese where each command is registered. Anything Typer writes that is not
covered here stays as Typer wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from importlib import import_module
from typing import Any

#: Typer's help-panel titles, fixed at its import.
PANELS = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "ABORTED_TEXT": "已中止。",
    "RICH_HELP": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。",
    "DEFAULT_STRING": "[默认：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEPRECATED_STRING": "（已弃用）",
}
#: (English message pattern, Chinese) of Typer's usage errors.
MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^Missing (?:argument|parameter) '?([^'.]+)'?\.\s*(.*)$", re.S),
        r"缺少参数 \1。\2",
    ),
    (re.compile(r"^Missing option '?([^'.]+)'?\.\s*(.*)$", re.S), r"缺少选项 \1。\2"),
    (re.compile(r"^Invalid value for '?([^':]+)'?: (.*)$", re.S), r"\1 的值无效：\2"),
    (re.compile(r"^Invalid value: (.*)$", re.S), r"值无效：\1"),
    (
        re.compile(r"^No such option: (\S+) \(Possible options: (.*)\)$"),
        r"没有选项 \1（可用的选项：\2）",
    ),
    (re.compile(r"^No such option: (\S+) Did you mean (\S+)\?$"), r"没有选项 \1，是否想用 \2？"),
    (re.compile(r"^No such option: (\S+)$"), r"没有选项 \1"),
    (re.compile(r"^No such command '?([^'.]+)'?\.?$"), r"没有命令 \1"),
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), r"多余的参数：\1"),
    (re.compile(r"^Option '?([^'.]+)'? requires an argument\.$"), r"选项 \1 需要一个值"),
    (re.compile(r"^'(.*)' is not a valid (integer|float)\.$"), r"“\1”不是有效的数字"),
    (re.compile(r"^'(.*)' is not one of (.*)\.$"), r"“\1”不是可选值之一：\2"),
    (re.compile(r"^'?(.*?)'? is not in the range (.*)\.$"), r"\1 不在范围 \2 内"),
    (re.compile(r"^Missing command\.$"), r"缺少命令"),
)

#: Reasons inside a message (Typer checks values through pydantic).
REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Value error, '([^']*)' is not one of (.*?)\.?$"), r"“\1”不是可选值之一：\2"),
    (re.compile(r"Input should be a valid integer.*$"), "应为整数"),
    (re.compile(r"Input should be a valid number.*$"), "应为数字"),
    (re.compile(r"Input should be greater than or equal to (\S+)$"), r"应不小于 \1"),
    (re.compile(r"Input should be less than or equal to (\S+)$"), r"应不大于 \1"),
)


def translate(message: str) -> str:
    """The Chinese of one of Typer's usage-error messages (unchanged when not known)."""
    for pattern, chinese in MESSAGES:
        if pattern.match(message):
            message = pattern.sub(chinese, message)
            break
    for pattern, chinese in REASONS:
        message = pattern.sub(chinese, message)
    return message


def _chinese_errors(show: Callable[[Any], None]) -> Callable[[Any], None]:
    def show_in_chinese(error: Any) -> None:
        message = translate(error.format_message())
        error.format_message = lambda: message
        show(error)

    return show_in_chinese


def _usage_prefix(formatter: Any) -> None:
    write_usage = formatter.HelpFormatter.write_usage

    def chinese_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, "用法：" if prefix is None else prefix)

    formatter.HelpFormatter.write_usage = chinese_usage


def install() -> None:
    """Set Typer's panel titles and translate its usage errors (idempotent)."""
    rich_utils: Any = import_module("typer.rich_utils")
    for attr, text in PANELS.items():
        setattr(rich_utils, attr, text)
    if getattr(rich_utils.rich_format_error, "jixiao", False):
        return
    rich_utils.rich_format_error = _chinese_errors(rich_utils.rich_format_error)
    rich_utils.rich_format_error.jixiao = True
    with suppress(ImportError, AttributeError):  # another Typer layout keeps its prefix
        _usage_prefix(import_module("typer._click.formatting"))
