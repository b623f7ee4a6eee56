"""The `lep` command line: parse, call one library function, render. No business logic here."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import typer

from lepcli.cli.options import json_option

app = typer.Typer(
    name="lep",
    help="Offline language access for police officers and 911 dispatchers.\n\n"
    "Example: lep lang farsi   ·   lep translate 'Are you hurt?' --to es   ·   lep lines vietnamese",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain help: Rich's markdown help costs ~40 ms at every start
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# name -> (module in lepcli.cli, attribute, kind). Typer turns every registered command into a
# click command at each start, so main() registers only the one being run (all of them for --help).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "lang": ("lang", "lang", "command"),
    "detect": ("detect", "detect", "command"),
    "translate": ("translate", "translate", "command"),
    "phrase": ("phrase", "app", "group"),
    "lines": ("lines", "lines", "command"),
    "esl": ("lines", "esl", "command"),
    "ispeak": ("ispeak", "ispeak", "command"),
    "models": ("models", "app", "group"),
    "export": ("export", "app", "group"),
    "config": ("config", "app", "group"),
    "talk": ("talk", "talk", "command"),
    "say": ("say", "say", "command"),
    "dispatch": ("dispatch", "dispatch", "command"),
}
_registered: set[str] = set()


def register(names: list[str] | None = None) -> typer.Typer:
    """Add the named commands (default: all) to ``app`` and return it."""
    import importlib

    for name in COMMANDS if names is None else names:
        if name in _registered:
            continue
        module_name, attr, kind = COMMANDS[name]
        target = getattr(importlib.import_module(f"lepcli.cli.{module_name}"), attr)
        if kind == "group":
            app.add_typer(target, name=name, short_help=_short_help(target.info.help))
        else:
            app.command(name, short_help=_short_help(target.__doc__))(target)
        _registered.add(name)
    return app


_BUILT: dict[frozenset[str], Any] = {}


def _command() -> Any:
    """The click command of the commands registered so far, built once for each set of them.

    ``app(...)`` would rebuild it at every call, evaluating every command's annotations again: once per
    process for a user, but once per run for the test suite's in-process runs and the encounter screen."""
    key = frozenset(_registered)
    found = _BUILT.get(key)
    if found is None:
        found = _BUILT[key] = typer.main.get_command(app)
    return found


def _short_help(doc: object) -> str | None:
    """The first sentence of a help text, whole: click would cut it with "..." to fit 80 columns."""
    if not isinstance(doc, str) or not doc.strip():
        return None
    first = doc.strip().split("\n\n")[0].replace("\n", " ")
    return " ".join(first.split())


def _version(value: bool) -> None:
    if value:
        from lepcli import __version__

        sys.stdout.write(f"lep {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Offline language access for police officers and 911 dispatchers."""


def full_app() -> typer.Typer:
    """The app with every command registered (help, tests, documentation)."""
    return register(None)


@app.command(short_help="Show where lepcli reads and writes, what is installed, and that nothing needs the network.")
def doctor(as_json: bool = json_option()) -> None:
    """Show where lepcli reads and writes, what is installed, and that nothing needs the network.

    Example: lep doctor --json
    """
    from lepcli import doctor as doctor_mod
    from lepcli.cli import doctor as _views  # noqa: F401  (registers the report's view)
    from lepcli.cli import render as output

    output.emit(doctor_mod.report(), as_json=as_json)


def _wants_json(argv: list[str]) -> bool:
    return "--json" in argv


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app and turn every error into one message and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    _degrade_unencodable()  # a Latin-1 or cp1252 stream: "?" for what it cannot show
    _tolerant_streams()  # a UTF-8 stream: escapes for undecodable argument bytes
    restore = _terminate_like_ctrl_c()
    try:
        _main(args)
    finally:
        restore()


def _main(args: list[str]) -> None:
    from lepcli.errors import ExitCode, LepError

    code = 0
    try:
        # With standalone_mode=False, click returns the code of a typer.Exit raised in a command.
        first = args[0] if args else None
        if first not in ("--version", "-V"):  # the version needs no command; help and a typo need them all
            register([first] if first in COMMANDS else None)
        returned = _command()(args=args, prog_name="lep", standalone_mode=False)
        code = returned if isinstance(returned, int) else 0
        if code == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C inside a command into a silent Exit(130)
            _exit_interrupted()
    except LepError as exc:
        if _interrupted(exc):  # e.g. Ctrl-C while an optional extra was importing: not "not installed"
            _exit_interrupted()
        _report(exc, args)
        sys.exit(int(exc.exit_code))
    except KeyboardInterrupt:
        _exit_interrupted()
    except typer.Abort as exc:
        if isinstance(exc.__context__, EOFError):  # a prompt met the end of input (a script, stdin closed)
            sys.stderr.write("error: no answer given (end of input)\n")
            sys.exit(int(ExitCode.BAD_INPUT))
        _exit_interrupted()
    except BrokenPipeError:
        sys.exit(int(ExitCode.OK))
    except OSError as exc:  # the OS refused a path no domain function turned into a LepError
        if _interrupted(exc):
            _exit_interrupted()
        failure = _os_failure(exc, args)
        if failure is None:
            _handle_other(exc)
        else:
            _report(failure, args)
            sys.exit(int(failure.exit_code))
    except Exception as exc:  # typer's own ClickException/UsageError first
        if _interrupted(exc):
            _exit_interrupted()
        _handle_other(exc)
    sys.exit(code)


def _degrade_unencodable() -> None:
    """On a stream that cannot encode every character (a Latin-1 locale, cp1252 on Windows), replace
    what it cannot show with "?" instead of crashing (exit 1) in the middle of an answer."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding and not encoding.startswith("utf") and reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def _report(exc: Any, args: list[str]) -> None:
    from lepcli.cli import render as output

    if _wants_json(args):
        output.emit_json(exc.to_json())
    output.error(exc.message, hint=exc.hint)


def _tolerant_streams() -> None:
    """Never crash on printing: a path with non-UTF-8 bytes, a character the locale cannot show.

    Under a strict UTF-8 desktop locale, an argument holding undecodable bytes (kept by Python as lone
    surrogates) raised UnicodeEncodeError inside the error handler itself: a raw traceback. Such text is
    shown as ``\\udcff`` escapes instead (still valid inside JSON strings).
    """
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def _terminate_like_ctrl_c() -> Callable[[], None]:
    """SIGTERM (`timeout`, systemd, logout) unwinds like Ctrl-C, so temporary files are cleaned up.

    Returns the function that puts the previous handler back (tests run ``main`` in-process).
    """
    import signal
    import threading

    def nothing() -> None:
        return None

    if threading.current_thread() is not threading.main_thread():
        return nothing

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
            return nothing
        signal.signal(signal.SIGTERM, interrupt)
    except (ValueError, OSError, AttributeError):
        return nothing

    def restore() -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    return restore


def _interrupted(exc: BaseException) -> bool:
    """True when a KeyboardInterrupt is somewhere in the chain that led to ``exc``."""
    seen: set[int] = set()
    probe: BaseException | None = exc
    while probe is not None and id(probe) not in seen:
        if isinstance(probe, KeyboardInterrupt):
            return True
        seen.add(id(probe))
        probe = probe.__cause__ or probe.__context__
    return False


def _exit_interrupted() -> None:
    from lepcli.errors import ExitCode

    sys.stderr.write("interrupted (Ctrl-C or SIGTERM): stopped before finishing\n")
    sys.exit(int(ExitCode.INTERRUPTED))


_CONFIG_OPTIONS = ("--config", "-c")


def _config_paths(args: list[str]) -> set[str]:
    """Paths the user gave as a configuration file: ``--config PATH`` and ``config check PATH``."""
    found: set[str] = set()
    for i, arg in enumerate(args):
        if arg in _CONFIG_OPTIONS and i + 1 < len(args):
            found.add(args[i + 1])
        elif arg.startswith("--config="):
            found.add(arg.split("=", 1)[1])
    if args[:2] == ["config", "check"]:
        found.update(a for a in args[2:] if not a.startswith("-"))
    return found


def _os_failure(exc: OSError, args: list[str]) -> Any:
    """One message naming the path and the OS reason: ConfigError (5) for a configuration file the user
    gave, CannotWrite (10) for every other path (an output, a model, a folder). None without a path."""
    import errno

    from lepcli.errors import CannotWrite, ConfigError

    reason = exc.strerror or type(exc).__name__
    filename = exc.filename if isinstance(exc.filename, str) else None
    if filename is None:
        if exc.errno in (errno.ENOSPC, errno.EROFS, getattr(errno, "EDQUOT", -1)):
            return CannotWrite(f"cannot write: {reason}", hint="free some space or write to another drive")
        return None
    hint = "use a shorter file name" if exc.errno == errno.ENAMETOOLONG else None
    configs = {os.path.expanduser(p) for p in _config_paths(args)}
    if filename in configs or os.path.expanduser(filename) in configs:
        return ConfigError(f"cannot read: {reason}", file=filename, hint=hint)
    return CannotWrite(f"cannot use {filename}: {reason}", hint=hint)


def _handle_other(exc: Exception) -> None:
    from lepcli.errors import ExitCode

    if isinstance(exc, typer.Exit):
        sys.exit(exc.exit_code)
    show = getattr(exc, "show", None)  # click's UsageError/ClickException (vendored inside typer)
    if callable(show) and isinstance(getattr(exc, "exit_code", None), int):
        show()
        sys.exit(exc.exit_code)  # type: ignore[attr-defined]
    if isinstance(exc, BrokenPipeError):
        sys.exit(int(ExitCode.OK))
    # Never print locals or the message: it may quote what a person typed.
    sys.stderr.write(f"error: internal error ({type(exc).__name__}); set LEP_DEBUG=1 for a traceback\n")
    if os.environ.get("LEP_DEBUG"):
        sys.stderr.write(debug_traceback(exc))
    sys.exit(int(ExitCode.FAILURE))


def debug_traceback(exc: BaseException) -> str:
    """The frames (file, line, function, source line) and the exception's type, never its message.

    A library may put its input in the message (``ValueError('cannot encode ' + text)``); locals and
    arguments are not printed either, so typed text cannot reach the screen or a pasted bug report.
    """
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)[-12:]
    lines = ["Traceback (most recent call last; message and values withheld: they may quote typed text):\n"]
    lines.extend(traceback.format_list(frames))
    lines.append(f"{type(exc).__module__}.{type(exc).__qualname__}\n")
    return "".join(lines)
