"""One complete package (issue 16): the committed dashboard build matches its sources, the sdist and the
wheel carry it even when built without node, `rasid serve` names only what it serves, and every export
works on a plain install."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasid.api import dashboard_hint

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_backend"))
from rasid_build import STATIC, dashboard_sources, dashboard_stale, recorded_sources

NPM = shutil.which("npm")
node_modules = (ROOT / "node_modules" / ".package-lock.json").is_file()


def test_committed_dashboard_matches_its_sources() -> None:
    stale = dashboard_stale(ROOT)
    assert not stale, (f"rasid/web/static was built from other sources than {stale}: "
                       "run `make dashboard` and commit rasid/web/static")
    assert recorded_sources(ROOT) == dashboard_sources(ROOT)
    assert {"package-lock.json", "rasid/web/src/main.js", "rasid/web/src/index.html"} <= set(recorded_sources(ROOT))


def test_a_changed_source_makes_the_build_stale(tmp_path: Path) -> None:
    for name in ["package.json", "package-lock.json", "rasid/web/build.mjs", "rasid/web/src", "rasid/web/static"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, tmp_path / name)
    assert dashboard_stale(tmp_path) == []
    with (tmp_path / "rasid/web/src/main.js").open("a") as f:
        f.write("\n// edited\n")
    (tmp_path / "rasid/web/src/extra.js").write_text("export {};\n")
    assert dashboard_stale(tmp_path) == ["rasid/web/src/extra.js", "rasid/web/src/main.js"]
    shutil.rmtree(tmp_path / STATIC)
    assert dashboard_stale(tmp_path) == ["rasid/web/static/index.html"]


@pytest.mark.skipif(not (NPM and node_modules), reason="rebuilding needs node and npm packages (`make setup`)")
def test_committed_dashboard_is_what_the_build_makes() -> None:
    """Byte for byte: built beside the committed one (same depth, so the source maps' paths agree)."""
    out = Path(tempfile.mkdtemp(prefix=".build-check-", dir=ROOT / "rasid" / "web"))
    try:
        subprocess.run(["node", "rasid/web/build.mjs"], cwd=ROOT, check=True, capture_output=True,
                       env={**os.environ, "RASID_WEB_OUT": str(out)})
        committed, built = tree(ROOT / STATIC), tree(out)
        assert committed.keys() == built.keys()
        _, differ, errors = filecmp.cmpfiles(ROOT / STATIC, out, list(committed), shallow=False)
        assert not differ and not errors, f"stale build of {differ}: run `make dashboard` and commit rasid/web/static"
    finally:
        shutil.rmtree(out)


def tree(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def without_node() -> dict[str, str]:
    """The environment with a PATH that has Python but no node or npm."""
    bin_dir = Path(tempfile.mkdtemp(prefix="rasid-no-node-"))
    for name in ("sh", "git"):
        if found := shutil.which(name):
            (bin_dir / name).symlink_to(found)
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}:{bin_dir}"}


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sdist, built by our backend from the working tree (through a copy without node_modules)."""
    src = tmp_path_factory.mktemp("src")
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("sdist")
    code = "import sys, rasid_build; print(rasid_build.build_sdist(sys.argv[1]))"
    subprocess.run([sys.executable, "-c", code, str(out)], cwd=src, check=True, capture_output=True,
                   env={**without_node(), "PYTHONPATH": str(src / "build_backend")})
    yield next(out.glob("rasid-*.tar.gz"))


def test_sdist_carries_the_dashboard_and_its_sources(sdist: Path) -> None:
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {"rasid/web/static/index.html", "rasid/web/static/app.js", "rasid/web/static/SOURCES.sha256",
            "rasid/web/static/swagger/swagger-ui-bundle.js", "rasid/web/src/main.js", "rasid/web/build.mjs",
            "package.json", "package-lock.json", "build_backend/rasid_build.py"} <= names


def test_wheel_built_without_node_carries_the_dashboard(sdist: Path, tmp_path: Path) -> None:
    """pip builds the wheel from the sdist with no node on PATH: the committed build goes in, whole."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(sdist)],
                   check=True, capture_output=True, env=without_node())
    wheel = next(tmp_path.glob("rasid-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        shipped = {n.removeprefix("rasid/web/static/") for n in names if n.startswith("rasid/web/static/")}
        assert shipped == set(tree(ROOT / STATIC))
        assert 'dir="rtl"' in z.read("rasid/web/static/index.html").decode()
        metadata = z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert not [n for n in names if n.startswith("rasid/web/src") or n.endswith("build.mjs")]
    assert re.search(r"^Requires-Dist: pycountry\b(?!.*extra ==)", metadata, re.MULTILINE)  # a core dependency


def test_every_export_needs_only_core_dependencies() -> None:
    """ACLED CSV's `iso` (numeric ISO 3166) comes from pycountry: a core dependency, not an extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = {d.split(">")[0].split("[")[0].split("=")[0].split("~")[0].strip() for d in project["dependencies"]}
    assert "pycountry" in core
    from rasid.store.export import _country

    assert _country("SYR") == ("760", "Middle East", "Syria")


def serve_message(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], built: bool) -> str:
    import uvicorn

    import rasid.api
    from rasid.cli import main

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    monkeypatch.setattr(rasid.api, "dashboard_built", lambda *a: built)
    monkeypatch.setattr(rasid.api, "docs_built", lambda *a: built)
    assert main(["serve", "--port", "8765"]) == 0
    return capsys.readouterr().err


def test_serve_names_only_what_it_serves(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    built = serve_message(monkeypatch, capsys, True)
    assert "dashboard http://127.0.0.1:8765/" in built and "API docs http://127.0.0.1:8765/docs" in built
    missing = serve_message(monkeypatch, capsys, False)
    assert "dashboard http" not in missing and "/docs" not in missing
    assert "http://127.0.0.1:8765/openapi.json" in missing and dashboard_hint() in missing
