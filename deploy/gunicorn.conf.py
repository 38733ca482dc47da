"""Gunicorn settings for pindesk: `gunicorn -c deploy/gunicorn.conf.py` (as `pindesk serve` runs it).

Bind address and workers come from PINDESK_HOST, PINDESK_PORT and PINDESK_WORKERS.
"""
import atexit
import contextlib
import os

from pindesk.metrics_folder import metrics_folder

# One OpenBLAS thread, as `pindesk serve` sets it: the engine's products are tiny and spare threads only spin.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# The workers' metrics files go in a fresh folder, named before the service (and prometheus_client) is imported.
_metrics = contextlib.ExitStack()
_metrics.enter_context(metrics_folder())
atexit.register(_metrics.close)

from pindesk.service.server import gunicorn_options  # noqa: E402

wsgi_app = "pindesk.service.server:served_app()"
globals().update(gunicorn_options())
