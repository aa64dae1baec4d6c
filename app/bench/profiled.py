"""`python -m app.bench.profiled OUT.html ARGS…`: run `scheduling-agent ARGS…` under
pyinstrument with async mode off, so the profile shows where CPU goes (time the event
loop waits shows up as its `select`). Used by `scheduling-agent bench --profile`."""

from __future__ import annotations

import sys


def main() -> int:
    """Profile the command; write the HTML and text reports next to OUT when it returns."""
    from pyinstrument import Profiler  # a dev dependency

    from app.cli import main as cli_main

    out, argv = sys.argv[1], sys.argv[2:]
    profiler = Profiler(interval=0.001, async_mode="disabled")
    profiler.start()
    try:
        return cli_main(argv)
    finally:
        profiler.stop()
        if profiler.last_session is not None:
            profiler.last_session.save(out.removesuffix(".html") + ".pyisession")
        with open(out.removesuffix(".html") + ".txt", "w") as text:
            text.write(profiler.output_text(unicode=True, show_all=False))
        with open(out, "w") as html:
            html.write(profiler.output_html())


if __name__ == "__main__":
    raise SystemExit(main())
