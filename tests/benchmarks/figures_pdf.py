"""The printable documents: a prep packet, and a 600-page job-search report, each against
plain ReportLab laying out the same paragraphs."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from harness import Settings, alternate, timed
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from nextcall.services.database import Database

REPORT_PAGES = 600


def _packet_texts(data: Any) -> list[str]:
    """The packet's own words, as plain text (the baseline lays these out in Helvetica)."""
    texts = [data.company, data.position, data.step.name]
    if data.milestone is not None:
        texts += [data.milestone.what_happens, *data.milestone.how_to_prepare]
        texts += [c.text for c in data.milestone.checks]
    for area in data.areas:
        texts += [area.name, *(q.text for q in area.quotes)]
    texts += [q.question for q in data.job_fit] + list(data.to_ask)
    texts += [p.factor.text for p in data.panel] + [n.text for n in data.company_notes]
    return texts


def measure_packet(db: Database, settings: Settings) -> dict[str, Any]:
    """Subject: gather and lay out the default application's packet (services + ReportLab).
    Baseline: plain ReportLab laying out the packet's texts as Helvetica paragraphs."""
    from xml.sax.saxutils import escape

    from nextcall.export.packet import write_packet
    from nextcall.services.documents import default_packet_target
    from nextcall.services.packet import gather_packet

    target = default_packet_target(db)
    if target is None:
        return {"packet": alternate(None, None, settings), "packet_pages": 0}
    data = gather_packet(db, target)
    style = getSampleStyleSheet()["BodyText"]
    texts = [escape(t) for t in _packet_texts(data)]
    pages = write_packet(data, io.BytesIO())

    def subject(_n: int) -> None:
        write_packet(gather_packet(db, target), io.BytesIO())

    def baseline(_n: int) -> None:
        SimpleDocTemplate(io.BytesIO()).build([Paragraph(t, style) for t in texts])

    return {"packet": alternate(timed(subject), timed(baseline), settings), "packet_pages": pages}


def measure_report(db: Database, settings: Settings) -> dict[str, Any]:
    """Subject: the job-search report's layout (NextCall's document: front matter, headings,
    escaping, page numbers) of this profile's applications, repeated to about 600 pages.
    Baseline: a plain SimpleDocTemplate laying out the same application paragraphs, markup
    prepared beforehand, same font and style."""
    from nextcall.export.pdf_layout import DocumentBuilder
    from nextcall.export.report import _entry, write_report
    from nextcall.services.report import gather_report

    data = gather_report(db)
    if not data.applications:
        return {"report": alternate(None, None, settings), "report_pages": 0}

    def pages_for(count: int) -> int:
        apps = (data.applications * (count // len(data.applications) + 1))[:count]
        return write_report(replace(data, applications=apps), io.BytesIO())

    # Pages grow linearly with applications past the front matter: two probes calibrate it.
    low, high = pages_for(100), pages_for(300)
    per_page = 200 / max(high - low, 1)
    wanted = max(int(100 + (REPORT_PAGES - low) * per_page), 1)
    apps = (data.applications * (wanted // len(data.applications) + 1))[:wanted]
    big = replace(data, applications=apps)
    doc = DocumentBuilder("baseline", "baseline", data.today)
    marks = [_entry(doc, app) for app in apps]
    style = doc.styles["entry"]
    pages = write_report(big, io.BytesIO())
    few = Settings(runs=min(settings.runs, 3), min_runs=2, warmup=0, budget_s=settings.budget_s)

    def subject(_n: int) -> None:
        write_report(big, io.BytesIO())

    def baseline(_n: int) -> None:
        plain = SimpleDocTemplate(io.BytesIO(), pagesize=doc.pagesize)
        plain.build([Paragraph(m, style) for m in marks])

    return {
        "report": alternate(timed(subject), timed(baseline), few),
        "report_pages": pages,
        "report_apps": len(apps),
    }
