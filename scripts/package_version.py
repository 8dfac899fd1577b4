"""The package version, read from datapackage.json: the build's version source (see pyproject.toml)."""

import json
from pathlib import Path

VERSION = json.loads((Path(__file__).resolve().parents[1] / "datapackage.json").read_text("utf-8"))["version"]
