"""The package's layers: knowledge imports no surface, bots never import the service, no package cycle."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The subpackages as installed, and the repository folder each comes from.
PACKAGES = {"pindesk.knowledge": ROOT / "knowledge", "pindesk.desk": ROOT / "pindesk" / "desk",
            "pindesk.service": ROOT / "service", "pindesk.bots": ROOT / "bots"}
# What each may import of the others; the command line (pindesk.cli) may import them all.
ALLOWED = {"pindesk.knowledge": set(), "pindesk.desk": {"pindesk.knowledge"},
           "pindesk.bots": {"pindesk.knowledge", "pindesk.desk"},
           "pindesk.service": {"pindesk.knowledge", "pindesk.desk", "pindesk.bots"}}


def imported_packages(package: str, folder: Path) -> set[str]:
    """The sibling subpackages a package's modules import, absolute or relative."""
    found = set()
    for path in folder.rglob("*.py"):
        module_parts = [*package.split("."), *path.relative_to(folder).with_suffix("").parts]
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = module_parts[:len(module_parts) - node.level] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] + [f"{target}.{alias.name}" for alias in node.names]
            for name in names:
                for other in PACKAGES:
                    if other != package and (name == other or name.startswith(other + ".")):
                        found.add(other)
    return found


def test_each_layer_imports_only_the_layers_below_it():
    for package, folder in PACKAGES.items():
        assert imported_packages(package, folder) <= ALLOWED[package], package


def test_the_layers_form_no_cycle():
    graph = {package: imported_packages(package, folder) for package, folder in PACKAGES.items()}
    seen, stack = set(), set()

    def visit(node):
        assert node not in stack, f"import cycle through {node}"
        if node in seen:
            return
        stack.add(node)
        for other in graph[node]:
            visit(other)
        stack.discard(node)
        seen.add(node)
    for package in graph:
        visit(package)


def test_every_module_stays_small_enough_to_read_in_one_go():
    # One reason to change per module: a module past this length mixes things that belong apart.
    for folder in (*PACKAGES.values(), ROOT / "pindesk"):
        for path in folder.rglob("*.py"):
            lines = len(path.read_text().splitlines())
            assert lines <= 350, f"{path.relative_to(ROOT)} has {lines} lines"
