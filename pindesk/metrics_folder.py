"""A fresh folder for Prometheus' multiprocess files, named in the environment before the service is imported."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager

VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


@contextmanager
def metrics_folder(environ=os.environ):
    """Set PROMETHEUS_MULTIPROC_DIR to a new temporary folder; remove it and restore the variable after.

    Only the process that made the folder removes it: gunicorn's forked workers leave through here too.
    prometheus_client settles its mode when imported: once the service (which imports it) or the client is
    loaded in this process, as when tests run the command in-process, no folder is made.
    """
    if "pindesk.service" in sys.modules or "prometheus_client" in sys.modules:
        yield None
        return
    owner, previous = os.getpid(), environ.get(VARIABLE)
    folder = tempfile.mkdtemp(prefix="pindesk-metrics-")
    environ[VARIABLE] = folder
    try:
        yield folder
    finally:
        if os.getpid() == owner:
            shutil.rmtree(folder, ignore_errors=True)
            if previous is None:
                environ.pop(VARIABLE, None)
            else:
                environ[VARIABLE] = previous
