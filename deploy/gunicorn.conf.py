"""Gunicorn settings for pindesk: `gunicorn -c deploy/gunicorn.conf.py` (as `pindesk serve` runs it).

Bind address and workers come from PINDESK_HOST, PINDESK_PORT and PINDESK_WORKERS.
"""
from service.server import gunicorn_options

wsgi_app = "service:create_app()"
globals().update(gunicorn_options())
