"""The package's shape, as README's "How it works" describes it: layers that import only downward,
no import cycle, no module loaded by name.

Imports are read from the sources with `ast` (nothing is imported), including imports inside
functions (lazy imports still tie modules together) but not those under `if TYPE_CHECKING:`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "rasid"

# Each layer may import the layers after it in this list, never those before it.
LAYERS = ("rasid.cli", "rasid.cli_watch", "rasid.present", "rasid.api", "rasid.watch", "rasid.alerts", "rasid.batch", "rasid.evaluate", "rasid.training", "rasid.store", "rasid.inputs", "rasid.jsonl", "rasid.pipeline",
          "rasid.dictionaries", "rasid.contract", "rasid.plain", "rasid.text",
          "rasid.positions")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts).removesuffix(".__init__")


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def _type_checking_only(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules `name` imports (a name imported from a package counts for the submodule
    of that name when there is one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and _type_checking_only(node)
               for child in node.body for n in ast.walk(child)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("rasid"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("rasid"):
                target = node.module
            else:
                continue
            submodules = {f"{target}.{a.name}" for a in node.names} & known
            found.update(submodules)
            if len(submodules) < len(node.names):  # names defined in the module itself
                found.add(target)
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def layer_of(module: str) -> int | None:
    """The index of the most specific layer holding `module`."""
    holding = [(len(layer), i) for i, layer in enumerate(LAYERS) if module == layer or module.startswith(layer + ".")]
    return max(holding)[1] if holding else None


def test_the_reader_finds_real_imports() -> None:
    g = graph()
    assert "rasid.pipeline.analysis" in g["rasid.pipeline.detect"]
    assert "rasid.text" in g["rasid.pipeline.analysis"]
    assert "rasid.plain" in g["rasid.pipeline.assemble"]
    assert "rasid.contract" in g["rasid.pipeline.run"]  # (imported in a function)


def test_no_import_cycle() -> None:
    g = graph()
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for n in sorted(g[m]):
            if state.get(n) == 1:
                pytest.fail("import cycle: " + " -> ".join(path[path.index(n):] + [n]))
            if n not in state:
                visit(n)
        path.pop()
        state[m] = 2

    for m in sorted(g):
        if m not in state:
            visit(m)


def test_layers_import_only_downward() -> None:
    upward = [f"{m} -> {n}" for m, targets in graph().items() for n in targets
              if (a := layer_of(m)) is not None and (b := layer_of(n)) is not None and b < a]
    assert not upward, "imports that point up the layers of README's 'How it works':\n" + "\n".join(sorted(upward))


def test_every_module_belongs_to_a_layer() -> None:
    loose = [m for m in modules() if layer_of(m) is None and m not in ("rasid", "rasid.data", "rasid.web")]
    assert not loose, f"modules outside the layers (add them to LAYERS and README): {loose}"


def test_no_project_module_is_loaded_by_name() -> None:
    offenders = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in ("import_module", "__import__"):
                    offenders.append(f"{name}:{node.lineno}")
    assert not offenders, f"modules loaded by name (import them instead): {offenders}"


def test_no_two_modules_share_a_name() -> None:
    leaves: dict[str, list[str]] = {}
    for m in modules():
        leaf = m.rpartition(".")[2]
        if m != "rasid" and not m.endswith(("__init__",)) and leaf not in ("__init__",):
            leaves.setdefault(leaf, []).append(m)
    packages = {m for m, p in modules().items() if p.name == "__init__.py"}
    shared = {leaf: ms for leaf, ms in leaves.items() if len([x for x in ms if x not in packages]) > 1}
    assert not shared, f"modules with one name in two places: {shared}"
