"""Modules that import each other (even inside a function) cannot be read or tested one at a
time. The API's modules, and the content models among themselves, import one way only."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def project_modules():
    found = {}
    for package in ("cms", "site_pages", "graphql_api"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def is_type_checking(node):
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_nodes(tree):
    """Every node of ``tree`` except the bodies of ``if TYPE_CHECKING:`` blocks: those imports
    never run; they name a type for mypy that Strawberry resolves lazily (strawberry.lazy)."""
    pending = [tree]
    while pending:
        node = pending.pop()
        yield node
        if is_type_checking(node):
            pending.extend(node.orelse)
            continue
        pending.extend(ast.iter_child_nodes(node))


def imports(path, modules):
    """The project modules ``path`` imports when it runs, at the top or inside functions."""
    found = set()
    for node in runtime_nodes(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if submodule in modules:
                    found.add(submodule)
                elif node.module in modules:
                    found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
    return found


def cycle_among(names, graph):
    """One import cycle among ``names`` (a list of modules), or None."""
    state = {}

    def visit(name, trail):
        state[name] = "open"
        for target in sorted(graph[name] & names):
            if state.get(target) == "open":
                return [*trail[trail.index(target) :], target]
            if target not in state:
                found = visit(target, [*trail, target])
                if found:
                    return found
        state[name] = "done"
        return None

    for name in sorted(names):
        if name not in state:
            found = visit(name, [name])
            if found:
                return found
    return None


@pytest.mark.parametrize(
    "prefix",
    ["graphql_api.", "site_pages.models."],
    ids=["api modules", "content models"],
)
def test_no_import_cycles(prefix):
    modules = project_modules()
    graph = {name: imports(path, modules) for name, path in modules.items()}
    names = {name for name in modules if name.startswith(prefix)}
    assert len(names) > 5
    assert cycle_among(names, graph) is None, " -> ".join(cycle_among(names, graph))


def test_type_checking_imports_do_not_count(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "import cms.storage\n"
        "if TYPE_CHECKING:\n"
        "    from graphql_api.chapters import ChapterPageType\n"
    )
    modules = {"cms.storage": None, "graphql_api.chapters": None}
    assert imports(module, modules) == {"cms.storage"}


def test_a_cycle_is_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycle_among({"a", "b", "c", "d"}, graph) == ["a", "b", "c", "a"]
    assert cycle_among({"a", "b", "d"}, graph) is None
