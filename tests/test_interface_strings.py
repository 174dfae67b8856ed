"""No user-facing text bypasses the catalogues: a scan of the package's source for bare literals.

Words a person reads (error titles and messages, CLI output and --help, TUI
labels, notifications, key descriptions, palette entries) must go through
`_()` or `N_()`, or a Swedish manager meets English in the middle of Swedish.
The scan looks at the places such texts are handed over (the "sinks" below)
and fails on a string literal with words in it that is not wrapped. It also
checks that every `_()` of a literal is seen by the extractor `make i18n` uses
(an `_()` inside an f-string is not, so it would never be translated).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from babel.messages.extract import extract_from_dir

import dialog_kit

PACKAGE = Path(dialog_kit.__file__).resolve().parent

WORDS = re.compile(r"[^\W\d_]{2,}")
NOT_WORDS = {"dialog", "kit", "dialog_kit", "esc", "ctrl", "shift", "tab", "enter"}
"""Names, not words: the program's name and the keys' names are the same in every language."""

ALLOWED: dict[tuple[str, str], str] = {
    # (file, literal) -> why it may stay as it is
    (
        "dialog_kit/documents/render.py",
        "sudo apt install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core",
    ): "a shell command, typed the same in every language",
}

# -- where texts are handed to the user ----------------------------------------------------

TEXT_CALLS: dict[str, tuple[tuple[int, ...], frozenset[str]]] = {
    # name -> (positional arguments, keyword arguments) that are shown to the user
    "print": ((0, 1, 2, 3), frozenset()),
    "_say": ((0,), frozenset()),
    "input": ((0,), frozenset()),
    "getpass": ((0,), frozenset({"prompt"})),
    "notify": ((0,), frozenset({"message", "title"})),
    "Label": ((0,), frozenset({"content", "renderable"})),
    "Static": ((0,), frozenset({"content", "renderable"})),
    "Button": ((0,), frozenset({"label"})),
    "Checkbox": ((0,), frozenset({"label"})),
    "RadioButton": ((0,), frozenset({"label"})),
    "Input": ((), frozenset({"placeholder", "tooltip"})),
    "TextArea": ((), frozenset({"placeholder", "tooltip"})),
    "Text": ((0,), frozenset()),
    "update": ((0,), frozenset()),
    "problem": ((1,), frozenset({"message"})),  # a guide file's problem (guides.py)
    "fail": ((1,), frozenset({"problem"})),  # a settings file's problem (config.py)
    "add_column": ((0,), frozenset({"label"})),
    "add_row": ((0, 1, 2, 3, 4, 5, 6, 7), frozenset()),
    "Select": ((), frozenset({"prompt"})),
    "Binding": ((2,), frozenset({"description", "tooltip"})),
    "SystemCommand": ((0, 1), frozenset({"title", "help"})),
    "CommandPalette": ((), frozenset({"placeholder"})),
    "add_argument": ((), frozenset({"help"})),
    "add_parser": ((), frozenset({"help", "description", "epilog"})),
    "add_subparsers": ((), frozenset({"title", "description", "help"})),
    "add_argument_group": ((0, 1), frozenset({"title", "description"})),
    "ArgumentParser": ((), frozenset({"description", "epilog"})),
    "Parser": ((), frozenset({"description", "epilog"})),
    "add_command": ((2,), frozenset({"help_text"})),
    "_add_lang": ((1,), frozenset({"help_text"})),  # documents_cmd: a --lang option's help
    "_confirm": ((0,), frozenset({"question"})),  # vault_cmd: a yes/no question
    "_print_table": ((0,), frozenset({"rows"})),  # guides_cmd: a table of guides
}
TEXT_ATTRIBUTES = {
    "title", "sub_title", "TITLE", "SUB_TITLE", "border_title", "border_subtitle",
    "placeholder", "tooltip", "label",
}  # fmt: skip
NOT_TEXT_KEYWORDS = {"id", "classes", "name", "group", "severity", "variant"}
"""Keywords of a screen's constructor that are identifiers, never shown."""


def _sources() -> list[tuple[str, ast.Module]]:
    return [
        (path.relative_to(PACKAGE.parent).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _error_classes(sources: list[tuple[str, ast.Module]]) -> set[str]:
    """DialogKitError and every class of the package that derives from it, however deeply."""
    found = {"DialogKitError"}
    classes = [
        (node.name, {_name(base) for base in node.bases})
        for _path, tree in sources
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    grew = True
    while grew:
        before = len(found)
        found |= {name for name, bases in classes if bases & found}
        grew = len(found) > before
    return found


def _screen_classes(sources: list[tuple[str, ast.Module]]) -> set[str]:
    """The package's own screens and dialogs: every text they are given is shown."""
    return {
        node.name
        for _path, tree in sources
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and node.name.endswith("Screen")
    }


def _bare_literals(node: ast.expr) -> Iterator[str]:
    """The literal texts that reach the user through `node` without a translation call."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                yield part.value
            elif isinstance(part, ast.FormattedValue):
                yield from _bare_literals(part.value)
    elif isinstance(node, ast.IfExp):
        yield from _bare_literals(node.body)
        yield from _bare_literals(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _bare_literals(value)
    elif isinstance(node, ast.BinOp):
        yield from _bare_literals(node.left)
        yield from _bare_literals(node.right)
    elif isinstance(node, (ast.Tuple, ast.List)):
        for element in node.elts:
            yield from _bare_literals(element)
    elif isinstance(node, ast.Call):
        func = node.func
        # "text {x}".format(...): the text itself is the literal; _("...").format(...) is fine.
        if isinstance(func, ast.Attribute) and func.attr in ("format", "join", "strip"):
            yield from _bare_literals(func.value)
            if func.attr == "format":
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    yield from _bare_literals(arg)
        elif _name(func) in ("str",):
            for arg in node.args:
                yield from _bare_literals(arg)


def _has_words(text: str) -> bool:
    return any(word.casefold() not in NOT_WORDS for word in WORDS.findall(text))


def _findings(sources: list[tuple[str, ast.Module]]) -> list[str]:
    calls = dict(TEXT_CALLS)
    for error in _error_classes(sources):
        calls[error] = ((0, 1), frozenset({"title", "message"}))
    screens = _screen_classes(sources)
    found: list[str] = []

    def check(path: str, node: ast.expr, where: str) -> None:
        for text in _bare_literals(node):
            if _has_words(text) and (path, text) not in ALLOWED:
                found.append(f"{path}:{node.lineno}: {where}: {text!r}")

    for path, tree in sources:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _name(node.func)
                if name == "write" and ast.unparse(node.func) in (
                    "sys.stdout.write",
                    "sys.stderr.write",
                ):
                    positions, keywords = (0,), frozenset[str]()
                elif name in calls:
                    positions, keywords = calls[name]
                elif name in screens:
                    positions = tuple(range(len(node.args)))
                    keywords = frozenset(
                        k.arg for k in node.keywords if k.arg and k.arg not in NOT_TEXT_KEYWORDS
                    )
                else:
                    continue
                for index, arg in enumerate(node.args):
                    if index in positions:
                        check(path, arg, f"{name}()")
                for keyword in node.keywords:
                    if keyword.arg in keywords:
                        check(path, keyword.value, f"{name}({keyword.arg}=)")
            elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    attribute = target.attr if isinstance(target, ast.Attribute) else None
                    variable = target.id if isinstance(target, ast.Name) else None
                    if attribute in TEXT_ATTRIBUTES or variable in ("TITLE", "SUB_TITLE"):
                        check(path, node.value, f"{attribute or variable} =")
    return found


def test_no_user_facing_literal_bypasses_the_catalogues() -> None:
    findings = _findings(_sources())
    assert not findings, (
        f"{len(findings)} texts a user reads are not translated; wrap them in _() "
        "(or N_() where they are translated when shown), run `make i18n` and translate:\n"
        + "\n".join(findings)
    )


def test_the_allow_list_holds_only_literals_still_in_the_code() -> None:
    """An entry whose literal is gone would silently allow the next one of that text."""
    code = {
        (path, node.value)
        for path, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert set(ALLOWED) <= code, sorted(set(ALLOWED) - code)


def _marked_literals() -> dict[str, list[str]]:
    """msgid -> where: every _("...")/N_("...") of a literal in the package's source."""
    found: dict[str, list[str]] = {}
    for path, tree in _sources():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and _name(node.func) in ("_", "N_")
                and isinstance(node.func, ast.Name)
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, []).append(f"{path}:{node.lineno}")
    return found


def test_every_marked_text_is_seen_by_the_extractor() -> None:
    """`make i18n` extracts with Babel: a _() it cannot see (inside an f-string) stays English."""
    extracted = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE), [("**.py", "python")]
        )
    }
    unseen = {m: where for m, where in _marked_literals().items() if m not in extracted}
    assert not unseen, (
        "move these out of f-strings (name them first, or use _('...').format()): "
        + "; ".join(f"{m!r} at {', '.join(w)}" for m, w in sorted(unseen.items()))
    )


def test_every_translation_call_gets_a_literal_the_extractor_can_read() -> None:
    """_(f"...") or _(a + b) can never be in the catalogue; _(variable) is for N_-marked texts."""
    bad = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], (ast.JoinedStr, ast.BinOp))
            ):
                bad.append(f"{path}:{node.lineno}: {ast.unparse(node)}")
    assert not bad, bad


def test_the_scan_finds_what_it_is_meant_to_find() -> None:
    """The scanner itself, on a small module: each bare text is found, each wrapped one is not."""
    source = """
class VaultError(DialogKitError): ...
class LockedError(VaultError): ...
class PinScreen(ModalScreen[None]): ...

raise LockedError("Locked", f"{path} is locked")
raise LockedError(_("Locked"), _("{path} is locked").format(path=path))
Binding("x", "go", "Go there", id="x.go")
Binding("y", "stay", N_("Stay"), id="x.stay")
print(_("Fine"), file=sys.stderr)
print(f"dialog-kit: {exc.title}: {exc.message}")
sys.stderr.write("Plain English\\n")
self.notify(_("Saved {n}").format(n=n), severity="warning")
yield Label(count_text if many else "One item", id="count")
self.sub_title = "Home"
self.push_screen(PinScreen("Type the PIN", yes=_("Go"), id="pin-dialog"))
parser.add_argument("--out", metavar="DIR", help="a new folder")
"""
    findings = _findings([("x.py", ast.parse(source))])
    assert sorted(f.split(": ", 1)[1] for f in findings) == sorted(
        [
            "LockedError(): 'Locked'",
            "LockedError(): ' is locked'",
            "Binding(): 'Go there'",
            "write(): 'Plain English\\n'",
            "Label(): 'One item'",
            "sub_title =: 'Home'",
            "PinScreen(): 'Type the PIN'",
            "add_argument(help=): 'a new folder'",
        ]
    )
