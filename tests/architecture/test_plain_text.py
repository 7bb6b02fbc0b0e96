"""User data reaches Markdown-rendering Streamlit calls only through ``ui.plain`` (md / fmt).

Streamlit renders the text of these calls as Markdown, so a column named
``![x](http://host/beacon.png)`` would become an image fetched by every viewer's browser. The
rule is checked on the syntax tree of pages/, ui/ and app.py: an argument may be a literal, a
``_("...")`` literal, ``md(...)`` or ``fmt(...)``, or a sum, f-string, join or choice of those
(``flash`` messages too, since they are shown with ``st.success`` later).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKDOWN_CALLS = {
    "markdown",
    "caption",
    "error",
    "warning",
    "info",
    "success",
    "write",
    "header",
    "subheader",
    "title",
    "toast",
    "expander",
}
# linked, named and evidence_table escape with md first (ui.evidence)
SAFE_CALLS = {"md", "fmt", "_", "linked", "named", "evidence_table"}


def _safe(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SAFE_CALLS:
        if node.func.id == "_":  # a translated literal; what it formats must go through fmt
            return all(isinstance(a, ast.Constant) for a in node.args)
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _safe(node.left) and _safe(node.right)
    if isinstance(node, ast.JoinedStr):
        return all(_safe(v.value) for v in node.values if isinstance(v, ast.FormattedValue))
    if isinstance(node, ast.IfExp):
        return _safe(node.body) and _safe(node.orelse)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "join"
        and isinstance(node.func.value, ast.Constant)
        and len(node.args) == 1
        and isinstance(node.args[0], (ast.GeneratorExp, ast.ListComp))
    ):
        return _safe(node.args[0].elt)
    return False


def violations() -> list[str]:
    found = []
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Name) and node.func.id == "flash":  # shown later by st.success
                name = "flash"
            elif isinstance(node.func, ast.Attribute) and node.func.attr in MARKDOWN_CALLS:
                name = node.func.attr
            else:
                continue
            shown = list(node.args[:1]) + [k.value for k in node.keywords if k.arg in ("body", "label")]
            if name == "write":
                shown = list(node.args)
            lines = path.read_text(encoding="utf-8").splitlines()
            for arg in shown:
                if "# plain-text:" in lines[arg.lineno - 1]:
                    continue  # a reviewed pass-through; the comment says where escaping happens
                if not _safe(arg):
                    found.append(f"{path.relative_to(ROOT)}:{arg.lineno}: {ast.unparse(arg)[:90]}")
    return found


def test_markdown_calls_show_user_data_only_through_md_or_fmt():
    assert not violations(), "wrap user data in ui.plain.md / fmt:\n" + "\n".join(violations())
