"""datapackage.json: the official v2 JSON Schema, metadata the design requires, each rule broken."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, PackageCopy

import foreign_fighters as ff
from foreign_fighters.package import Package, bundled_root, python_version
from foreign_fighters.rules.descriptor import profile
from foreign_fighters.sources.folder import FolderSource
from foreign_fighters.validation import descriptor_issues, start_descriptor_rules

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
SHARED_PROFILE = ROOT.parent / "shared" / "profiles" / "datapackage-2.0.json"


def test_valid_against_the_official_v2_json_schema():
    jsonschema.Draft7Validator(profile(), format_checker=jsonschema.FormatChecker()).validate(DESCRIPTOR)
    assert DESCRIPTOR["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"


@pytest.mark.skipif(not SHARED_PROFILE.is_file(), reason="the upstream copy is not beside this checkout")
def test_vendored_profile_is_the_official_one_unchanged():
    vendored = ROOT / "src" / "foreign_fighters" / "profiles" / "datapackage-2.0.json"
    assert vendored.read_bytes() == SHARED_PROFILE.read_bytes()


def test_required_metadata():
    assert DESCRIPTOR["name"] == "foreign-fighters"
    assert [lic["name"] for lic in DESCRIPTOR["licenses"]] == ["ODC-PDDL-1.0"]
    assert DESCRIPTOR["sources"] and all(s["title"] and s["path"] for s in DESCRIPTOR["sources"])
    assert all(c["roles"] for c in DESCRIPTOR["contributors"])
    for res in DESCRIPTOR["resources"]:
        assert res["type"] == "table" and res["format"] == "csv" and res["mediatype"] == "text/csv"
        assert res["encoding"] == "utf-8" and res["schema"]["primaryKey"]
        assert "fieldsMatch" not in res["schema"]  # frictionlessdata/datapackage#965
        assert all(f["description"] for f in res["schema"]["fields"])


def test_every_resource_hash_and_bytes_are_current():
    for res in DESCRIPTOR["resources"]:
        data = (ROOT / res["path"]).read_bytes()
        assert res["bytes"] == len(data)
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()


def test_version_is_the_python_packages():
    assert python_version() == DESCRIPTOR["version"] == ff.__version__


def test_self_reference_for_part_of():
    keys = DESCRIPTOR["resources"][0]["schema"]["foreignKeys"]
    assert keys == [{"fields": ["part_of"], "reference": {"fields": ["origin"]}}]


def _edit(pkg: PackageCopy, change) -> None:
    path = pkg.folder / "datapackage.json"
    descriptor = json.loads(path.read_text())
    change(descriptor)
    path.write_text(json.dumps(descriptor))


def _drop(key):
    return lambda d: d.pop(key)


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (lambda d: d.update(version="1.0"), "version-semver"),
        (lambda d: d["resources"][0]["schema"]["fields"][2].pop("description"), "field-described"),
        (_drop("licenses"), "licenses-present"),
        (_drop("sources"), "sources-present"),
        (lambda d: d["resources"][1].pop("hash"), "integrity-declared"),
        (lambda d: d["resources"][1].update(hash="md5:" + "0" * 32), "integrity-declared"),
        (lambda d: d["resources"][0].update(type=5), "descriptor-schema"),
        (lambda d: d.update(keywords=[]), "descriptor-schema"),
        (lambda d: d["resources"][0]["schema"]["fields"][0]["constraints"].update(pattern="("), "contract"),
        (
            lambda d: d["resources"][0]["schema"].update(
                foreignKeys=[{"fields": ["nope"], "reference": {"fields": ["origin"]}}]
            ),
            "contract",
        ),
        (
            lambda d: d["resources"][0]["schema"]["foreignKeys"].append(
                {"fields": ["nope"], "reference": {"fields": ["origin"]}}
            ),
            "contract",
        ),
    ],
    ids=[
        "semver",
        "description",
        "licenses",
        "sources",
        "no-hash",
        "md5",
        "type",
        "keywords",
        "bad-regex",
        "bad-foreign-key",
        "foreign-key-to-no-field",
    ],
)
@pytest.mark.breaks(
    "version-semver", "field-described", "licenses-present", "sources-present", "integrity-declared",
    "descriptor-schema",
)  # fmt: skip
def test_descriptor_rule_is_caught(pkg: PackageCopy, change, rule):
    _edit(pkg, change)
    report = ff.validate(pkg.folder)
    assert rule in {i.rule for i in report.errors if i.path == "datapackage.json"}
    assert not report.valid


@pytest.mark.breaks("version-matches-package")
def test_version_must_match_the_installed_package():
    descriptor = dict(DESCRIPTOR, version="9.9.9")
    source = FolderSource(bundled_root())
    issues = descriptor_issues(start_descriptor_rules(Package(descriptor, source, bundled=True)))
    assert [i.rule for i in issues] == ["version-matches-package"]
    # Another package's version is its own business.
    assert descriptor_issues(start_descriptor_rules(Package(descriptor, source))) == []


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("frictionless", path=str(Path(sys.executable).parent)) is None, reason="frictionless CLI not installed"
)
def test_frictionless_cli_accepts_the_package():
    exe = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    done = subprocess.run([exe, "validate", "datapackage.json"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_drop("title"), "no title"),
        (_drop("description"), "no description"),
        (lambda d: d.update(title=""), "title is empty"),
        (lambda d: d.update(description=" \n\t"), "description is empty"),
        (lambda d: d.update(description=["a", "list"]), "description is not text"),
    ],
    ids=["no-title", "no-description", "empty-title", "blank-description", "description-not-text"],
)
@pytest.mark.breaks("package-described")
def test_package_must_say_what_it_holds(pkg: PackageCopy, change, message):
    _edit(pkg, change)
    report = ff.validate(pkg.folder)
    issues = [i for i in report.errors if i.rule == "package-described"]
    assert [(i.path, i.line, i.field) for i in issues] == [("datapackage.json", None, None)]
    assert message in issues[0].message
    assert not report.valid


@pytest.mark.parametrize(
    "change",
    [
        lambda d: None,
        lambda d: d.update(title="Foreign fighters", description="One sentence, no full stop"),
        lambda d: d.update(title="Combattants étrangers", description="Les chiffres du rapport.\n\nSur deux lignes."),
    ],
    ids=["fixture", "short", "french-two-paragraphs"],
)
def test_a_package_with_a_title_and_a_description_is_described(pkg: PackageCopy, change):
    _edit(pkg, change)
    assert [i for i in ff.validate(pkg.folder).issues if i.rule == "package-described"] == []


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda d: d["sources"][0].update(path="javascript:alert(1)"), "sources[0].path"),
        (lambda d: d["licenses"][0].update(path="../../etc/passwd"), "licenses[0].path"),
        (lambda d: d.update(homepage="data:text/html,<script>alert(1)</script>"), "homepage"),
        (
            lambda d: d.setdefault("contributors", [{"title": "X"}])[0].update(path="file:///etc/passwd"),
            "contributors[0].path",
        ),
    ],
    ids=["javascript-source", "dot-dot-licence", "data-homepage", "file-contributor"],
)
@pytest.mark.breaks("descriptor-links-safe")
def test_an_address_the_release_would_link_must_be_safe(pkg: PackageCopy, change, place):
    _edit(pkg, change)
    found = [i.message for i in ff.validate(pkg.folder).errors if i.rule == "descriptor-links-safe"]
    assert len(found) == 1 and found[0].startswith(f"{place} ")


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["sources"][0].update(path="https://example.org/report?page=2"),
        lambda d: d["licenses"][0].update(path="LICENSE"),
        lambda d: d.update(homepage="http://example.org/"),
    ],
    ids=["https-source", "relative-licence", "http-homepage"],
)
def test_safe_addresses_pass(pkg: PackageCopy, change):
    _edit(pkg, change)
    assert not [i for i in ff.validate(pkg.folder).issues if i.rule == "descriptor-links-safe"]


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda d: d.update(title="Foreign \u202efighters"), "title"),
        (lambda d: d["resources"][2].update(description="Sources\x1b[2J of the figures"), "resources[2].description"),
        (
            lambda d: d["resources"][0]["schema"]["fields"][0].update(title="Ori\u200bgin"),
            "resources[0].schema.fields[0].title",
        ),
        (lambda d: d.update(keywords=["Tur\u034fkey", *d["keywords"]]), "keywords[0]"),
    ],
    ids=["bidi-title", "escape-in-description", "zero-width-field-title", "ignorable-keyword"],
)
@pytest.mark.breaks("descriptor-text-clean")
def test_hidden_characters_in_the_descriptor_are_refused(pkg: PackageCopy, change, place):
    _edit(pkg, change)
    found = [i.message for i in ff.validate(pkg.folder).errors if i.rule == "descriptor-text-clean"]
    assert len(found) == 1 and found[0].startswith(f"{place}: U+"), found
    assert "\x1b" not in found[0] and "\u202e" not in found[0]


def test_a_description_may_run_over_lines_and_be_in_any_script(pkg: PackageCopy):
    other_scripts = "\u0627\u0644\u0645\u0642\u0627\u062a\u0644\u0648\u0646. \u0418\u043d\u043e\u0441\u0442\u0440\u0430\u043d\u043d\u044b\u0435."
    _edit(pkg, lambda d: d.update(description=d["description"] + "\n\n" + other_scripts))
    assert not [i for i in ff.validate(pkg.folder).issues if i.rule == "descriptor-text-clean"]
