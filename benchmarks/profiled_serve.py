"""``streamlit run`` with a timer on every script run, for ``bench_next_task.py``.

    python benchmarks/profiled_serve.py TIMES.tsv run app.py --server.port ... (as streamlit)

Each run of the script (the whole page, or a fragment alone) appends one line to TIMES.tsv:
``fragment`` or ``page``, the seconds from the browser's request reaching the session to the
run's start, and the seconds the run took on the server. Nothing else about the app changes; it
serves whichever checkout it is started in.
"""

from __future__ import annotations

import sys
import threading
import time

from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from streamlit.web.cli import main

_received = threading.local()
_last_request = [0.0]


def _timed_request(original):
    def request_rerun(self, client_state):
        _last_request[0] = time.perf_counter()
        return original(self, client_state)

    return request_rerun


def _timed_run(original, out_path: str):
    def run_script(self, rerun_data):
        start = time.perf_counter()
        waited = start - _last_request[0] if _last_request[0] else 0.0
        kind = "fragment" if rerun_data.fragment_id_queue else "page"
        try:
            return original(self, rerun_data)
        finally:
            took = time.perf_counter() - start
            with open(out_path, "a", encoding="utf-8") as out:
                out.write(f"{kind}\t{waited:.6f}\t{took:.6f}\n")

    return run_script


if __name__ == "__main__":
    times_path = sys.argv.pop(1)
    AppSession.request_rerun = _timed_request(AppSession.request_rerun)
    ScriptRunner._run_script = _timed_run(ScriptRunner._run_script, times_path)
    sys.argv[0] = "streamlit"
    sys.exit(main())
