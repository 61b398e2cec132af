"""The shape that keeps Nabij testable: the domain package never imports Streamlit."""

from __future__ import annotations

import ast
import re
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


# Imports inside a function, each with the reason it may not stand at the top of its module.
# Anything else imported inside a function is an import circle being dodged, or a hidden
# dependency: move it to the top of the module, or fix the circle.
LATE_IMPORTS_ALLOWED = {
    # The command line answers --help and `check` without loading pandas and the phase engine.
    ("nabij/cli.py", "nabij.io.files"),
    ("nabij/cli.py", "nabij.io.importing"),
    ("nabij/cli.py", "nabij.frames"),
    ("nabij/cli.py", "nabij.phases.suggest"),
    # openpyxl is large and only an .xlsx upload needs it.
    ("nabij/io/files.py", "openpyxl"),
}
LAYERS = ("app.py", "views", "components", "nabij")


def _python_files() -> list:
    files = []
    for layer in LAYERS:
        path = PROJECT_ROOT / layer
        files += [path] if path.suffix == ".py" else [
            file for file in path.rglob("*.py") if "migrations" not in file.parts]
    return files


def _module_name(path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(node) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        return [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return []


def test_no_imports_inside_functions_beyond_the_documented_few():
    late = set()
    for path in _python_files():
        tree = ast.parse(path.read_text(), filename=str(path))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    late.add((str(path.relative_to(PROJECT_ROOT)), _imported_modules(node)[0]))
    assert late <= LATE_IMPORTS_ALLOWED, sorted(late - LATE_IMPORTS_ALLOWED)


def _import_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports at its top level (import time)."""
    paths = {_module_name(path): path for path in _python_files()}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        targets = set()
        for node in tree.body:
            targets.update(module for module in _imported_modules(node) if module in paths)
        graph[name] = targets - {name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles_in_components_or_nabij():
    assert _cycles(_import_graph()) == []


def test_the_circle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_layers_point_one_way():
    """nabij never imports components or views; components never import views."""
    wrong = []
    for name, targets in _import_graph().items():
        for target in targets:
            if (name.startswith("nabij") and target.split(".")[0] in {"components", "views"}) or (
                    name.startswith("components") and target.startswith("views")):
                wrong.append((name, target))
    assert wrong == []


def test_every_folder_the_maps_name_exists():
    """The README's map and docs/architecture.md name folders that are really there."""
    named = set()
    for document in ("README.md", "docs/architecture.md"):
        text = (PROJECT_ROOT / document).read_text()
        named.update(re.findall(r"\b((?:components|nabij|views|tests|bench|data|docs)"
                                r"(?:/[a-z_]+)*)/", text))
    missing = sorted(folder for folder in named if not (PROJECT_ROOT / folder).is_dir())
    assert named and missing == []
