"""WSGI entry point for CKAN with this extension, for gunicorn or uWSGI.

    CKAN_INI=/etc/ckan/default/ckan.ini gunicorn --workers 4 deploy.wsgi:application

CKAN's source tree ships an equivalent ``wsgi.py``; the PyPI package does not.
"""

from __future__ import annotations

import os
from logging.config import fileConfig

from ckan.cli import CKANConfigLoader
from ckan.config.middleware import make_app

config_file = os.environ["CKAN_INI"]
fileConfig(config_file, disable_existing_loggers=False)
application = make_app(CKANConfigLoader(config_file).get_config())
