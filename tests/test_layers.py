"""The package's modules are layers that only look down: each imports only modules below it in
LAYERS. Every import counts, read from the source (not by importing it): at the top of a module or
inside a function, under TYPE_CHECKING or not, ``importlib.import_module`` / ``__import__`` with
a constant name, and the lazy names of ``foreign_fighters/__init__.py`` (its ``_LAZY`` table)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "foreign_fighters"
SRC = Path(__file__).resolve().parents[1] / "src" / PACKAGE

# Bottom to top. Modules on one line may import one another (sources: the package picks its
# reader lazily, and each reader uses the package's helpers).
LAYERS: list[tuple[str, ...]] = [
    ("errors",),
    ("limits",),
    ("links",),  # which addresses may become links
    ("report",),  # plain data: imports neither the rules nor pandas
    ("chains",),  # the walks along part_of and copy_of
    ("vocabulary",),  # resource names, measures, qualifiers; re-exports the walks
    ("contract",),  # what the rules expect of the descriptor; given the rules by its caller
    ("sources", "sources.folder", "sources.zipped", "sources.http"),
    ("package",),
    ("dtypes",),
    ("reader",),
    ("keys",),  # primary, unique and foreign keys across the typed tables
    ("counting",),  # summable, attestation: pure pandas, for the rules and the public API
    ("rules",),  # the registry; it loads its families by name (rules.FAMILIES)
    ("rules.wording",),
    ("rules.reference",),
    ("rules.figures",),
    ("rules.text",),
    ("rules.safety",),
    ("rules.fields",),
    ("rules.descriptor",),
    ("rules.evidence",),
    ("rules.provenance",),
    ("rules.headline",),
    ("loader",),
    ("attestation",),
    ("schemas",),  # schema(): a resource as a pandera DataFrameSchema; reads frames as load() does
    ("diff",),
    ("formats",),
    ("revisions",),
    ("validation",),
    ("__init__",),
    ("cli",),
    ("__main__",),
]
RANK = {f"{PACKAGE}.{m}" if m != "__init__" else PACKAGE: i for i, group in enumerate(LAYERS) for m in group}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _absolute(module: str, package: bool, level: int, name: str | None) -> str:
    """The absolute name of a (possibly relative) import made in ``module``."""
    if level == 0:
        return name or ""
    base = module.split(".")
    base = base if package else base[:-1]  # a package's own name is the base of its relative imports
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def imports(
    source: str, module: str, package: bool = False, known: set[str] | frozenset[str] = frozenset()
) -> set[str]:
    """Every module ``source`` (the text of ``module``) imports, wherever the import is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(module, package, node.level, node.module)
            # `from . import limits`: the submodule; `from . import rule`: an attribute of the package
            subs = {f"{target}.{a.name}" for a in node.names} & set(known)
            found |= subs
            if node.module is not None or len(subs) < len(node.names):
                found.add(target)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            name = node.args[0].value
            if called in ("import_module", "__import__") and isinstance(name, str):
                level = len(name) - len(name.lstrip("."))
                found.add(_absolute(module, package, level, name.lstrip(".") or None) if level else name)
        elif isinstance(node, ast.Assign):
            found.update(_absolute(module, package, 1, name) for name in _lazy(node))
    return found


def _lazy(node: ast.Assign) -> list[str]:
    """The modules named in a ``_LAZY = {public name: module}`` table, relative to the package."""
    if not any(isinstance(t, ast.Name) and t.id == "_LAZY" for t in node.targets) or not isinstance(
        node.value, ast.Dict
    ):
        return []
    return [v.value for v in node.value.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]


def _modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def upward(module: str, found: set[str], rank: dict[str, int] = RANK) -> list[str]:
    """The imports of ``module`` that are above it (or not in the order at all)."""
    mine = rank[module]
    own = [m for m in found if m == PACKAGE or m.startswith(PACKAGE + ".")]
    return sorted(f"{module} imports {m}" for m in own if rank.get(m, len(LAYERS)) > mine)


def graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: imports(path.read_text("utf-8"), name, is_package(path), known) for name, path in modules.items()}


def test_every_module_has_its_place_in_the_order():
    assert sorted(set(_modules()) - set(RANK)) == []  # a new module is given its layer here
    assert sorted(set(RANK) - set(_modules())) == []


def test_no_module_imports_one_above_it():
    assert [edge for module, found in graph().items() for edge in upward(module, found)] == []


def test_the_rules_read_neither_the_loader_nor_attestation():
    for module, found in graph().items():
        if module.startswith(f"{PACKAGE}.rules"):
            assert not found & {f"{PACKAGE}.loader", f"{PACKAGE}.attestation"}, module


def test_the_contract_does_not_read_the_rule_registry():
    found = graph()[f"{PACKAGE}.contract"]
    assert not any(m == f"{PACKAGE}.rules" or m.startswith(f"{PACKAGE}.rules.") for m in found)


UPWARD_INSIDE_A_FUNCTION = """
from .errors import SourceError


def later():
    from .validation import validate  # above chains: flagged though it runs only when called
    return validate
"""


@pytest.mark.parametrize(
    ("source", "edge"),
    [
        (UPWARD_INSIDE_A_FUNCTION, "foreign_fighters.validation"),
        ("def f():\n    import foreign_fighters.loader\n", "foreign_fighters.loader"),
        ("if True:\n    from . import loader\n", "foreign_fighters.loader"),
        ("import importlib\nimportlib.import_module('foreign_fighters.diff')\n", "foreign_fighters.diff"),
        ("from importlib import import_module\nimport_module('.formats', __name__)\n", "foreign_fighters.formats"),
        ("def f():\n    return __import__('foreign_fighters.cli')\n", "foreign_fighters.cli"),
        ("_LAZY = {'load': 'loader'}\n", "foreign_fighters.loader"),
    ],
)
def test_an_upward_import_is_flagged_wherever_it_is(source: str, edge: str):
    module = f"{PACKAGE}.chains"
    found = imports(source, module, known=set(_modules()))
    assert edge in found
    assert f"{module} imports {edge}" in upward(module, found)


def test_a_downward_import_is_not_flagged():
    found = imports("def f():\n    from .errors import SourceError\n", f"{PACKAGE}.chains", known=set(_modules()))
    assert found == {f"{PACKAGE}.errors"} and upward(f"{PACKAGE}.chains", found) == []


def test_relative_imports_resolve_from_the_module_or_package():
    known = set(_modules())
    assert imports("from .. import limits", f"{PACKAGE}.rules.fields", known=known) >= {f"{PACKAGE}.limits"}
    assert imports("from . import rule", f"{PACKAGE}.rules.text", known=known) == {f"{PACKAGE}.rules"}
    assert imports("from .http import H", f"{PACKAGE}.sources", package=True, known=known) == {
        f"{PACKAGE}.sources.http"
    }


def reaches(start: str) -> set[str]:
    """Every module ``start`` imports, directly or through the package's own modules, by AST."""
    edges = graph()
    seen: set[str] = set()
    todo = [start]
    while todo:
        module = todo.pop()
        for m in edges.get(module, set()):
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return seen


def test_the_report_does_not_reach_pandas():
    found = reaches(f"{PACKAGE}.report")
    assert not {m for m in found if m.split(".")[0] in ("pandas", "pandera", "numpy")}, sorted(found)


def test_reaches_finds_pandas_where_it_is():  # the test above could fail
    assert "pandas" in reaches(f"{PACKAGE}.loader")


def test_importing_the_report_imports_no_pandas():
    import subprocess
    import sys

    code = "import sys, foreign_fighters.report; assert 'pandas' not in sys.modules, 'pandas'"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
