"""`lep doctor`: where lepcli reads and writes, what is installed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lepcli.cli import render as output

if TYPE_CHECKING:
    from lepcli.doctor import DoctorReport

# -- views (registered: lepcli.cli.render.emit finds them) --


@output.view("lepcli.doctor.DoctorReport")
def _view_doctor_report(r: DoctorReport) -> output.View:
    view = output.View()
    view.add(output.Title(f"lepcli {r.version}", f"Python {r.python}"))
    view.add(
        output.Table(
            ["location", "path"], [[k, v] for k, v in r.locations.items()], title="Where lepcli reads and writes"
        )
    )
    view.add(
        output.Table(
            ["check", "status", "detail"],
            [[c.name, "ok" if c.ok else "missing", c.detail] for c in r.checks],
            title="What is installed",
        )
    )
    if r.offline:
        view.add(
            output.Note(
                "nothing here needs the network; only `lep models download` goes online, and only when you run it",
                tone="ok",
                label="offline",
            )
        )
    else:  # the agency file names a machine-translation server (lepcli.mt.config)
        view.add(
            output.Note(
                "the agency MT server is ON: free text (never legal text) that lep translate machine-translates"
                " is sent to it; everything else stays offline",
                tone="warn",
                label="network",
            )
        )
    return view
