"""`lep talk`: the encounter screen, a local page the person can read, tap and hear."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

import typer

from lepcli.cli.options import json_option


def talk(
    lang: str | None = typer.Argument(None, help="The person's language (name or code); default: the I-speak grid."),
    no_browser: bool = typer.Option(
        False, "--no-browser", help="Do not open a browser; print the URL (token included) as the first line."
    ),
    port: int = typer.Option(0, "--port", min=0, max=65535, help="Port on 127.0.0.1 (default: a random free port)."),
    record: Path | None = typer.Option(
        None,
        "--record",
        dir_okay=False,
        help="Write what was shown and tapped to FILE (JSON lines, mode 0600). Without it nothing typed is saved.",
    ),
    summary: bool = typer.Option(False, "--summary", help="With --record FILE: print that record and exit."),
    as_json: bool = json_option(),
) -> None:
    """Start the encounter screen: big text in the person's script, answer buttons, audio, the
    interpreter line one tap away. Serves 127.0.0.1 only, with a one-time token; Ctrl-C stops it.

    Example: lep talk   ·   lep talk vietnamese   ·   lep talk --record incident-2291.jsonl
    """
    from lepcli.cli import render as output
    from lepcli.errors import BadInput

    if summary:
        if record is None:
            raise BadInput("--summary needs --record FILE (the record to print)")
        from lepcli.talk import record as record_mod

        events = record_mod.read(record)
        if as_json:
            output.emit_json(events)
        else:
            sys.stdout.write("\n".join(record_mod.summary_lines(events)) + ("\n" if events else ""))
        return
    from lepcli import paths
    from lepcli.talk import server as server_mod

    server_mod.require_extra()
    code = None
    if lang is not None:
        from lepcli.cli.phrase import resolve_lang

        code = resolve_lang(lang)
    with server_mod.single_instance(paths.cache_dir() / "talk.lock"):
        recorder = None
        if record is not None:
            from lepcli.talk.record import Recorder

            recorder = Recorder(record)
        srv = server_mod.TalkServer(port=port, recorder=recorder)
        url = srv.url + (f"&lang={code}" if code else "")
        sys.stdout.write(url + "\n")
        sys.stdout.flush()
        kept = f"recording to {record} (mode 0600)" if record else "nothing typed is saved"
        output.message(f"lep talk on 127.0.0.1:{srv.port} · {kept} · Ctrl-C stops it", tone="info")
        cleanups: list[Callable[[], None]] = []
        if not no_browser:

            def open_when_ready() -> None:
                for _ in range(200):
                    if srv.started:
                        break
                    threading.Event().wait(0.025)
                done = server_mod.open_in_browser(url)
                if done is None:
                    output.message("could not open a browser: open the URL above yourself", tone="warn")
                else:
                    cleanups.append(done)

            threading.Thread(target=open_when_ready, daemon=True).start()
        try:
            srv.run()
        except KeyboardInterrupt:
            pass
        finally:
            if recorder is not None:
                recorder.close()
            for done in cleanups:
                done()
        output.message("lep talk stopped", tone="info")
