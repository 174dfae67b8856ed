"""The wheel carries everything the app needs: installed elsewhere, it lists its guides."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from dialog_kit.guides import load_library


def _run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{argv}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_the_wheel_installs_and_runs_outside_the_checkout(repo_root: Path, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    # Without isolation when the build backend is installed (offline, and faster); otherwise
    # `build` fetches hatchling from the package index into an isolated environment.
    isolation: list[str] = []
    if importlib.util.find_spec("hatchling"):
        isolation = ["--no-isolation"]
    _run([sys.executable, "-m", "build", "--wheel", *isolation, "--outdir", str(dist)],
         cwd=repo_root)  # fmt: skip
    [wheel] = dist.glob("dialog_kit-*.whl")

    # A fresh venv without pip; its dependencies come from this venv's site-packages, added
    # by a .pth line. A path added that way has its own .pth files ignored, so the editable
    # install of the checkout (a .pth file there) cannot leak into the new venv.
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    purelib = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
             cwd=tmp_path).strip()
    )  # fmt: skip
    ours = Path(sysconfig.get_paths()["purelib"])
    (purelib / "zz_dependencies.pth").write_text(f"{ours}\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
          "--no-index", "--quiet", str(wheel)], cwd=tmp_path)  # fmt: skip

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {**os.environ, "PYTHONPATH": "", "PYTHONSAFEPATH": "1"}
    where = _run([str(python), "-c", "import dialog_kit; print(dialog_kit.__file__)"], outside, env)
    package = Path(where.strip()).parent
    assert package.parent == purelib, "the installed wheel must be used, not the checkout"
    assert (package / "templates").is_dir() and any((package / "templates").iterdir())
    assert sorted(p.name for p in (package / "checklists").glob("*.toml")) == sorted(
        p.name for p in (repo_root / "checklists").glob("*.toml")
    )
    # The compiled catalogues (build output, not in git) are in the wheel, and are used.
    for lang in ("sv", "da", "en"):
        assert (package / "locale" / lang / "LC_MESSAGES" / "dialog_kit.mo").is_file()
    swedish = _run([str(python), "-m", "dialog_kit", "--lang", "sv", "guides", "validate"],
                   outside, env)  # fmt: skip
    assert "inga fel hittades" in swedish, swedish
    serve = package / "tui" / "serve"  # dialog-kit serve's own page and files
    for name in ("templates/index.html", "static/page.css", "static/page.js"):
        assert (serve / name).is_file(), name

    listing = _run([str(python), "-m", "dialog_kit", "guides", "list"], outside, env)
    for guide in load_library().guides.values():
        line = next(row for row in listing.splitlines() if row.startswith(guide.id + " "))
        assert str(package / "checklists") in line
    assert "no problems" in _run([str(venv / "bin" / "dialog-kit"), "guides", "validate"],
                                 outside, env)  # fmt: skip
