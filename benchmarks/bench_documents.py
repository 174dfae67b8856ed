"""Summary PDF time against a bare WeasyPrint render of the same HTML, cold and warm.

"Ours" is `summary_pdf`: context from the record, Jinja2, WeasyPrint with the
template-only URL fetcher, PDF/UA-1. "Bare" is WeasyPrint alone rendering the
very same HTML with the same CSS, fonts and PDF options, but its default
fetcher and no context or template work. Cold runs are fresh processes
(imports included); warm runs repeat in one process. Target: ratio <= 1.3.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLD_RUNS = 5
WARM_RUNS = 5


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


def child(mode: str, workdir: Path, repeats: int) -> None:
    """Runs in a fresh process; prints the seconds of each render as JSON.

    Mode "ours" or "bare" times one kind of render; "both" alternates them in
    one process (the warm comparison), so both meet the same background load.
    """
    from dialog_kit.config import Config
    from dialog_kit.guides import load_library
    from dialog_kit.record import Record

    record = Record.from_json((workdir / "record.json").read_text(encoding="utf-8"))
    library = load_library()
    config = Config(organisation="Norrviks kommun", country="se")
    html = (workdir / "summary.html").read_text(encoding="utf-8")
    base_url = f"{(ROOT / 'templates').resolve().as_uri()}/"

    def ours() -> bytes:
        from dialog_kit.documents import summary_pdf

        return summary_pdf(record, library, config)

    def bare() -> bytes:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import weasyprint

        data: bytes = weasyprint.HTML(string=html, base_url=base_url).write_pdf(
            pdf_variant="pdf/ua-1", pdf_tags=True
        )
        return data

    plan = {"ours": [ours], "bare": [bare], "both": [bare, ours]}[mode]
    times: dict[str, list[float]] = {f.__name__: [] for f in plan}
    for _ in range(repeats):
        for render in plan:
            started = time.perf_counter()
            data = render()
            times[render.__name__].append(time.perf_counter() - started)
            assert data.startswith(b"%PDF-")
    print(json.dumps(times))


def run_child(mode: str, workdir: Path, repeats: int) -> dict[str, list[float]]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(workdir), str(repeats)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    result: dict[str, list[float]] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> int:
    from dialog_kit.config import Config
    from dialog_kit.documents import build_summary
    from dialog_kit.documents.render import render_html
    from dialog_kit.documents.summary import summary_document
    from dialog_kit.guides import load_library
    from dialog_kit.record import Record

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

        cold: dict[str, list[float]] = {"ours": [], "bare": []}
        for _ in range(COLD_RUNS):  # alternated, so background load hits both alike
            for mode in ("bare", "ours"):
                cold[mode] += run_child(mode, workdir, 1)[mode]
        both = run_child("both", workdir, WARM_RUNS + 1)
        warm = {mode: times[1:] for mode, times in both.items()}  # the first is the cold one

    def line(label: str, ours: list[float], bare: list[float]) -> float:
        o, b = statistics.median(ours), statistics.median(bare)
        print(f"{label:<6} summary_pdf {o * 1000:7.0f} ms   bare WeasyPrint {b * 1000:7.0f} ms   "
              f"ratio {o / b:4.2f}x")  # fmt: skip
        return o / b

    print(f"summary PDF of a long talk (median of {COLD_RUNS} cold, {WARM_RUNS} warm); target 1.3x")
    ratios = [line("cold", cold["ours"], cold["bare"]), line("warm", warm["ours"], warm["bare"])]
    print("within target" if max(ratios) <= 1.3 else "OVER TARGET")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), int(sys.argv[4]))
        raise SystemExit(0)
    raise SystemExit(main())
