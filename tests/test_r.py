"""The README's lines for R read every table as written: all rows, empty cells as NA, text intact.

The test runs the README's own ```r block with Rscript. The one change it makes: the `base` the
README gives (the latest release's download URL, checked against pyproject.toml) becomes this
checkout's data/ folder, whose CSVs the release carries byte for byte, so the test needs no network
and reads the tables of the commit under test. It runs in the C locale, where only
`encoding = "UTF-8"` keeps non-ASCII text intact.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from publish.publication import publication

README = (ROOT / "README.md").read_text("utf-8")
RSCRIPT = shutil.which("Rscript")
REQUIRED = os.environ.get("FOREIGN_FIGHTERS_REQUIRE_R") == "1"  # CI sets it: no silent skip there
NA = "\x1f"  # how the check below writes an NA: no CSV cell holds this control character
BASE = re.compile(r'^base <- "([^"]*)"$', re.M)
READ = re.compile(r'^(\w+) <- read\.csv\(paste0\(base, "([\w-]+)\.csv"\)', re.M)
NON_ASCII_SCRIPTS = re.compile(r"[\u0400-\u04ff\u0600-\u06ff]")  # Cyrillic, Arabic

# For each data frame the README reads: its rows, each column's NA count, and every text column's
# values, written as UTF-8 bytes whatever the locale.
CHECK = r"""
out <- file(Sys.getenv("FOREIGN_FIGHTERS_R_OUT"), open = "wb")
put <- function(...) writeLines(paste0(...), out, useBytes = TRUE)
for (frame in strsplit(Sys.getenv("FOREIGN_FIGHTERS_R_FRAMES"), ",")[[1]]) {
  x <- get(frame)
  put("frame\t", frame, "\t", nrow(x))
  for (column in names(x)) {
    put("na\t", column, "\t", sum(is.na(x[[column]])))
    if (is.character(x[[column]])) {
      values <- ifelse(is.na(x[[column]]), "\x1f", enc2utf8(x[[column]]))
      put("text\t", column, "\t", gsub("\n", "\\n", paste(values, collapse = "\x1e"), fixed = TRUE))
    }
  }
}
close(out)
"""


def r_block() -> str:
    (block,) = re.findall(r"```r\n(.*?)```", README, re.S)
    return block


def test_readme_reads_every_table_from_the_release():
    block = r_block()
    (base,) = BASE.findall(block)
    assert base == f"{publication().repository}/releases/latest/download/"
    resources = [r["name"] for r in json.loads((ROOT / "datapackage.json").read_text("utf-8"))["resources"]]
    assert sorted(name for _, name in READ.findall(block)) == sorted(resources)
    for line in block.splitlines():
        if "read.csv(" in line:  # every empty cell NA, every file read as UTF-8
            assert 'na.strings = ""' in line and 'encoding = "UTF-8"' in line, line


def run_readme_lines(tmp_path: Path) -> dict[str, dict]:
    """Run the README's block on data/; what R read, per data frame."""
    block = BASE.sub(f'base <- "{(ROOT / "data").as_posix()}/"', r_block(), count=1)
    frames = {var: name for var, name in READ.findall(block)}
    script, out = tmp_path / "readme.R", tmp_path / "out.txt"
    script.write_text(block + CHECK, encoding="utf-8")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "FOREIGN_FIGHTERS_R_OUT": str(out)}
    env["FOREIGN_FIGHTERS_R_FRAMES"] = ",".join(frames)
    done = subprocess.run([RSCRIPT, "--vanilla", str(script)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    read: dict[str, dict] = {}
    for line in out.read_text("utf-8").split("\n")[:-1]:  # not splitlines: \x1e would end a line
        kind, key, value = line.split("\t", 2)
        if kind == "frame":
            current = read[frames[key]] = {"rows": int(value), "na": {}, "text": {}}
        elif kind == "na":
            current["na"][key] = int(value)
        else:
            current["text"][key] = value.replace("\\n", "\n").split("\x1e")
    return read


@pytest.mark.skipif(
    RSCRIPT is None and not REQUIRED,
    reason="Rscript is not installed (apt-get install r-base-core); FOREIGN_FIGHTERS_REQUIRE_R=1 makes this a failure",
)
def test_readme_lines_read_every_row_empty_cells_as_na_and_text_intact(tmp_path: Path):
    assert RSCRIPT, "FOREIGN_FIGHTERS_REQUIRE_R=1 but there is no Rscript"
    read = run_readme_lines(tmp_path)
    non_ascii = empty = 0
    for name, got in read.items():
        csv = pd.read_csv(ROOT / "data" / f"{name}.csv", dtype=str, keep_default_na=False)
        assert got["rows"] == len(csv), name
        assert got["na"] == {c: int((csv[c] == "").sum()) for c in csv.columns}, name  # "" and only "" is NA
        for column, values in got["text"].items():
            assert values == [v or NA for v in csv[column]], (name, column)
            non_ascii += sum(bool(NON_ASCII_SCRIPTS.search(v)) for v in values)
        empty += sum(got["na"].values())
    assert empty and non_ascii  # empty cells and Arabic or Cyrillic quotes were among what was compared
