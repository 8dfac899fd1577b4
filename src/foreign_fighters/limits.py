"""How much the package reads from one source, and for how long (environment variables override)."""

import os

# Large enough for any data package this project could publish, small enough to refuse a flood.
MAX_BYTES = int(os.environ.get("FOREIGN_FIGHTERS_MAX_BYTES", 200 * 1024 * 1024))
TIMEOUT = float(os.environ.get("FOREIGN_FIGHTERS_TIMEOUT", 30))  # seconds for a whole download
