"""The shape that keeps Nabij testable: the domain package never imports Streamlit."""

from __future__ import annotations

import ast
import subprocess
import sys

from nabij.config import PROJECT_ROOT


def test_no_module_in_nabij_imports_streamlit():
    offenders = []
    for path in (PROJECT_ROOT / "nabij").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] == "streamlit" for name in names):
                offenders.append(str(path.relative_to(PROJECT_ROOT)))
    assert offenders == []


def test_importing_every_nabij_module_loads_no_streamlit():
    modules = sorted(
        ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
        for path in (PROJECT_ROOT / "nabij").rglob("*.py")
        if "migrations" not in path.parts and path.name != "__main__.py")
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print('streamlit' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_user_data_is_git_ignored_and_outside_data():
    from nabij.config import DATA_DIR, DEFAULT_DATABASE_PATH

    assert DATA_DIR not in DEFAULT_DATABASE_PATH.parents
    ignored = subprocess.run(["git", "check-ignore", str(DEFAULT_DATABASE_PATH)], cwd=PROJECT_ROOT,
                             capture_output=True, text=True)
    assert ignored.returncode == 0


def test_usage_statistics_are_off():
    import tomllib

    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
