"""The `lep` command line: parse, call one library function, render. No business logic here."""

from __future__ import annotations

import os
import sys

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
    from lepcli.errors import ExitCode, LepError

    args = sys.argv[1:] if argv is None else argv
    _degrade_unencodable()
    code = 0
    try:
        # With standalone_mode=False, click returns the code of a typer.Exit raised in a command.
        first = args[0] if args else None
        register([first] if first in COMMANDS else None)
        returned = app(args=args, prog_name="lep", standalone_mode=False)
        code = returned if isinstance(returned, int) else 0
    except LepError as exc:
        from lepcli.cli import render as output

        if _wants_json(args):
            output.emit_json(exc.to_json())
        output.error(exc.message, hint=exc.hint)
        sys.exit(int(exc.exit_code))
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(int(ExitCode.INTERRUPTED))
    except typer.Abort:
        sys.stderr.write("aborted\n")
        sys.exit(int(ExitCode.INTERRUPTED))
    except Exception as exc:  # typer's own ClickException/UsageError first
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
        import traceback

        traceback.print_exception(type(exc), exc, exc.__traceback__, limit=-8, chain=False)
    sys.exit(int(ExitCode.FAILURE))
