"""Start the dashboard with its data loaded while the first browser is still loading the page.

``streamlit run app.py`` does no app work until a browser session connects; then the first
visitor waits for pandas to import and the package to load and validate (about 0.8 s on two
cores) after the page's own scripts have loaded. Started here, the server does that work in a
background thread as soon as it runs, while the browser fetches and starts the frontend.

    python -m dashboard.serve [streamlit run options]

Run it where ``app.py`` is (the repository root, ``/app`` in the image): everything after the
module name is passed to ``streamlit run app.py`` unchanged. Plain ``streamlit run app.py``
still works (hosted platforms), just without the head start.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time

# Relative, as in `streamlit run app.py`: the package may be installed away from the app.
APP = "app.py"


def _warm() -> None:
    from streamlit.runtime import Runtime, RuntimeState

    # Only once the server runs: on two cores, warming during its own start-up delayed both.
    while not Runtime.exists() or Runtime.instance().state == RuntimeState.INITIAL:
        time.sleep(0.02)
    from dashboard.ui import cached

    cached.warm()
    _streamlit_first_run()


def _streamlit_first_run() -> None:
    """Work Streamlit does once per process, in the first script run, that would otherwise
    delay the first visitor (0.35 s on two cores, profiled in a served app's first run)."""
    import inspect
    import mimetypes

    # Streamlit internals (1.67): if a later release moves this module, only the head start is lost.
    with contextlib.suppress(ImportError):
        import streamlit.emojis  # noqa: F401  (compiles a pattern of every emoji; the first label)

    mimetypes.init()  # the page icon's type is looked up in the system's table
    inspect.stack()  # the first element checks for a REPL by walking the stack, which maps
    # every loaded module to its file; done here, the script's walk finds them mapped


def main() -> None:
    from streamlit.web import cli

    threading.Thread(target=_warm, name="atlas-warm", daemon=True).start()
    sys.argv = ["streamlit", "run", APP, *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
