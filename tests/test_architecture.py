"""Which app may import which: one declaration of the layers, checked on every module.

pavilion is the lowest layer (settings, the edition's models, cache, i18n, shared admin
helpers): it imports no other app of the project. departments sits on it and knows
nothing of exhibits. curation (the curators' tools and the seed) is the top: it may use
every app, no app uses it. The root URLconf and the settings name apps by string only
(``include("exhibits.urls")``, ``INSTALLED_APPS``), which is not an import.

The check reads the import statements of every module (``ast``, nothing is imported),
including those inside functions, relative imports resolved, and
``importlib.import_module("…")`` with a literal name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_APPS = ("pavilion", "departments", "awards", "exhibits", "curation")

#: For each app, the project's apps it must not import.
FORBIDDEN = {
    "pavilion": {"departments", "awards", "exhibits", "curation"},
    "departments": {"exhibits", "curation"},
    "awards": {"curation"},
    "exhibits": {"curation"},
}


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the module at ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return sorted(found)


def forbidden_imports(app: str, forbidden: set[str], root: Path = ROOT) -> list[str]:
    """ "path:line imports module" for each import of a forbidden app by ``app``'s modules."""
    problems = []
    for path in sorted((root / app).rglob("*.py")):
        for line, name in imported_modules(path, root):
            top = name.split(".")[0]
            if top in forbidden:
                problems.append(f"{path.relative_to(root).as_posix()}:{line} imports {name}")
    return problems


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_imports_only_the_apps_below_it(app):
    assert forbidden_imports(app, FORBIDDEN[app]) == []


def test_every_project_app_has_a_rule_or_is_the_top():
    assert set(FORBIDDEN) | {"curation"} == set(PROJECT_APPS)
    assert all((ROOT / app / "apps.py").is_file() for app in PROJECT_APPS)


def test_the_check_names_the_module_and_line_of_each_offence(tmp_path):
    """The checker itself: plain, relative, nested and import_module imports are caught."""
    package = tmp_path / "pavilion" / "sub"
    package.mkdir(parents=True)
    (tmp_path / "pavilion" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("from .. import models\n")
    (package / "bad.py").write_text(
        "import json\n"
        "from exhibits.models import Exhibit\n"
        "\n"
        "def late():\n"
        "    import departments.models\n"
        "    from importlib import import_module\n"
        "    return import_module('curation.seed')\n"
        "from . import sibling\n"
        "from pavilion import cache\n"
    )
    assert forbidden_imports("pavilion", FORBIDDEN["pavilion"], root=tmp_path) == [
        "pavilion/sub/bad.py:2 imports exhibits.models",
        "pavilion/sub/bad.py:5 imports departments.models",
        "pavilion/sub/bad.py:7 imports curation.seed",
    ]
    assert imported_modules(package / "bad.py", tmp_path)[-2:] == [
        (8, "pavilion.sub"),
        (9, "pavilion"),
    ]
    assert imported_modules(package / "__init__.py", tmp_path) == [(1, "pavilion")]
