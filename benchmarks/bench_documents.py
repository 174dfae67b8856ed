"""Summary PDF time against a bare WeasyPrint render of the same HTML, cold and warm.

"Ours" is `summary_pdf`: context from the record, Jinja2, WeasyPrint with the
template-only URL fetcher, PDF/UA-1. "Bare" is WeasyPrint alone rendering the
very same HTML with the same CSS (documents.css, parsed on each render), fonts
and PDF options, but its default fetcher and no context or template work.

Cold: a whole fresh process each, timed by the parent from spawn to exit, so the
timer starts before any dialog_kit (or WeasyPrint) import: ours reads the record,
loads the guides, renders and writes the PDF; bare reads the HTML, renders and writes.
Warm: both alternate in one process after a first render each. Medians of alternating
runs with min and max (benchmarks/harness.py); target <= 1.3x; exit 1 on a miss.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from harness import Report, Result, Target, alternate  # noqa: E402

COLD_RUNS = 7
WARM_RUNS = 7


def long_talk() -> str:
    """A realistic long talk as record JSON: shared and private notes in every phase, 8 actions."""
    from dialog_kit.guides import load_library
    from dialog_kit.record import Action, GuideRef, Kind, Person, Visibility, new_record

    library = load_library()
    guide = library.guide_for_kind(Kind.DEVELOPMENT)
    record = new_record(
        Kind.DEVELOPMENT, GuideRef(guide.id, guide.version),
        Person("Åsa Lindqvist", "Undersköterska"), Person("Karin Berg", "Enhetschef"),
        "sv", date(2027, 3, 3), profile="welfare",
    )  # fmt: skip
    for phase in guide.phases:
        for i in range(2):
            record.add_note(
                phase.id,
                f"Vi pratade om {phase.id} ({i}): hur våren har gått, vad som fungerar i "
                "arbetslaget och vad du vill utveckla framåt, med exempel från vardagen.",
                Visibility.SHARED,
            )
        record.add_note(phase.id, "Egen minnesanteckning.", Visibility.PRIVATE)
    for i in range(8):
        record.actions.append(
            Action(f"Steg {i + 1} i utvecklingsplanen", "Åsa", date(2027, 4 + i, 1), i < 2)
        )
    record.follow_up = date(2027, 9, 15)
    return record.to_json()


def child(mode: str, workdir: Path) -> None:
    """Runs in a fresh process: "ours" or "bare" makes one PDF; "warm" alternates both."""
    base_url = f"{(ROOT / 'templates').resolve().as_uri()}/"

    def bare() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import weasyprint

        html = (workdir / "summary.html").read_text(encoding="utf-8")
        # The templates do not link documents.css (html_to_pdf applies it): bare passes it too.
        data: bytes = weasyprint.HTML(string=html, base_url=base_url).write_pdf(
            stylesheets=[weasyprint.CSS(filename=str(ROOT / "templates" / "documents.css"))],
            pdf_variant="pdf/ua-1",
            pdf_tags=True,
        )
        (workdir / "bare.pdf").write_bytes(data)

    loaded: dict[str, object] = {}

    def ours() -> None:
        sys.path.insert(0, str(ROOT))
        from dialog_kit.config import Config
        from dialog_kit.documents import summary_pdf, write_document
        from dialog_kit.guides import load_library
        from dialog_kit.record import Record

        if not loaded:  # what a running app has at hand already
            loaded["record"] = Record.from_json(
                (workdir / "record.json").read_text(encoding="utf-8")
            )
            loaded["library"] = load_library()
        config = Config(organisation="Norrviks kommun", country="se")
        data = summary_pdf(loaded["record"], loaded["library"], config)  # type: ignore[arg-type]
        write_document(workdir / "ours.pdf", data, force=True)

    if mode == "warm":
        mine, base = alternate(ours, bare, runs=WARM_RUNS, warmup=1)
        print(json.dumps({"ours": mine, "bare": base}))
    else:
        {"ours": ours, "bare": bare}[mode]()
        assert (workdir / f"{mode}.pdf").read_bytes().startswith(b"%PDF-")


def whole_process(mode: str, workdir: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--child", mode, str(workdir)], check=True)
    return time.perf_counter() - started


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from dialog_kit.config import Config
    from dialog_kit.documents import build_summary
    from dialog_kit.documents.render import render_html
    from dialog_kit.documents.summary import summary_document
    from dialog_kit.guides import load_library
    from dialog_kit.record import Record

    report = Report("bench_documents")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        record_json = long_talk()
        (workdir / "record.json").write_text(record_json, encoding="utf-8")
        record = Record.from_json(record_json)
        context = build_summary(
            record, load_library(), Config(organisation="Norrviks kommun", country="se")
        )
        html = render_html("summary.html", summary_document(context))
        (workdir / "summary.html").write_text(html, "utf-8")

        mine, base = alternate(
            lambda: whole_process("ours", workdir),
            lambda: whole_process("bare", workdir),
            runs=COLD_RUNS,
        )
        report.add(Result(
            f"summary PDF of a long talk, cold: a whole process from spawn to exit, {COLD_RUNS} "
            "runs; baseline WeasyPrint alone on the same HTML", mine, base, Target(max_ratio=1.3),
        ))  # fmt: skip
        out = subprocess.run(
            [sys.executable, __file__, "--child", "warm", str(workdir)],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        warm = json.loads(out.strip().splitlines()[-1])
        report.add(Result(
            f"summary PDF of a long talk, warm: in one process, {WARM_RUNS} runs each",
            warm["ours"], warm["bare"], Target(max_ratio=1.3),
        ))  # fmt: skip
    return report.exit_code()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]))
        raise SystemExit(0)
    raise SystemExit(main())
