"""The summary to take home: one standalone HTML page that prints and opens offline.

plotly.js is written into the page once (no network needed), the circles of the check-in
are plain inline SVG. Every piece of user text (names, notes, the cycle map, the next step)
goes through `html.escape`; only Nabij's own panel texts are turned from Markdown into HTML,
and even those are escaped first. The page holds only what the session showed: the moments
shared with the audience, and their notes only when the couple asked to see notes.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from nabij import __version__
from nabij.content import PHASE_PANELS, Panel, get_panel, without_panel_links
from nabij.cycle.cycle_figures import PARTNER_COLOURS
from nabij.i18n import Messages
from nabij.model import Journal
from nabij.phases.marks import PhaseSpan
from nabij.session.checkins import check_in_series, check_ins_on
from nabij.session.cycle_map import (
    FIVE_STEPS_PANEL,
    FittingStep,
    fitting_step,
    five_step_section,
)
from nabij.session.prepare import (
    Missing,
    Perspectives,
    filled_pieces,
    missing_pieces,
    phase_in_view,
)
from nabij.session.records import CheckIn, CycleMap, SessionNote, SessionRecords
from nabij.session.sentences import (
    chart_sentences,
    check_in_sentences,
    missing_sentences,
    period_sentence,
)
from nabij.session.session_figures import (
    CIRCLE_DISTANCE,
    STATIC_CONFIG,
    check_in_figure,
    cycle_map_figure,
    session_chart,
)

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
       max-width: 980px; margin: 2rem auto; padding: 0 1.2rem; line-height: 1.5; }
h1 { font-size: 1.9rem; margin-bottom: .2rem; }
h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
h3, h4 { font-size: 1.1rem; margin-bottom: .2rem; }
.meta { color: #555; margin: .1rem 0; }
.plain { white-space: pre-wrap; overflow-wrap: anywhere; }
.circles { display: flex; gap: 2rem; flex-wrap: wrap; }
.circles figure { margin: 0; text-align: center; }
.step { border-left: 4px solid #B5477A; padding: .2rem 1rem; background: #faf5f8; }
.next { font-size: 1.25rem; border: 2px solid #B5477A; border-radius: 8px; padding: .8rem 1rem; }
dl.map dt { font-weight: 600; margin-top: .5rem; }
dl.map dd { margin-left: 0; }
.note { margin: .4rem 0; }
.help { margin-top: 2.5rem; border-top: 1px solid #ddd; padding-top: .8rem; }
footer { margin-top: 3rem; color: #666; font-size: .9rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
               .plot, figure, .step, .next { break-inside: avoid; } }
"""


def escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def _paragraph(text: str) -> str:
    return f'<p class="plain">{escape(text)}</p>'


def panel_html(body: str) -> str:
    """Nabij's own panel Markdown as simple HTML: headings, lists, paragraphs, emphasis.

    The text is escaped before any tag is added, so even a panel could not inject markup.
    """
    parts: list[str] = []
    items: list[str] = []

    def inline(text: str) -> str:
        text = escape(text)
        text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
        return re.sub(r"\*(.+?)\*", r"<em>\1</em>", text)

    def close_list() -> None:
        if items:
            parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            items.clear()

    for block in re.split(r"\n\s*\n", without_panel_links(body).strip()):
        for line in block.splitlines():
            stripped = line.strip()
            if stripped.startswith("- "):
                items.append(inline(stripped[2:]))
                continue
            close_list()
            if stripped.startswith("#"):
                heading = stripped.lstrip("#").strip()
                parts.append(f"<h4>{inline(heading)}</h4>")
            elif stripped:
                parts.append(f"<p>{inline(stripped)}</p>")
        close_list()
    return "\n".join(parts)


def circles_svg(score: int, slot: int, size: int = 150) -> str:
    """The chosen pair of circles as inline SVG: the partner's circle left, the other right."""
    half = CIRCLE_DISTANCE[score] / 2
    scale = size / 6.4
    centre_y = size * 0.4
    circles = []
    for index, (centre, colour) in enumerate(((-half, PARTNER_COLOURS[slot]),
                                              (half, PARTNER_COLOURS[1 - slot]))):
        cx = size / 2 + centre * scale
        circles.append(f'<circle cx="{cx:.1f}" cy="{centre_y:.1f}" r="{scale:.1f}" '
                       f'fill="{colour}" fill-opacity="0.18" stroke="{colour}" '
                       f'stroke-width="3" data-circle="{index}"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{int(size * 0.8)}" '
            f'role="img" viewBox="0 0 {size} {int(size * 0.8)}">{"".join(circles)}</svg>')


@dataclass(frozen=True)
class SessionSummary:
    """Everything the summary shows; built by the session view from what it showed."""

    journal: Journal
    held_on: dt.date
    view: Perspectives
    present: tuple[bool, bool]
    check_ins_today: Mapping[int, int]
    check_in_history: Sequence[CheckIn]
    phase: PhaseSpan | None
    phase_panel: Panel | None
    bands: Sequence[PhaseSpan] = ()
    cycle_map: CycleMap | None = None
    cycle_moment: Mapping[str, object] | None = None  # the mapped moment's row (shared)
    fitting_step: FittingStep | None = None
    step_section: tuple[str, str] | None = None
    next_step: str = ""
    missing: Sequence[Missing] = field(default_factory=tuple)
    filled: Sequence[Missing] = field(default_factory=tuple)  # the parts that are there


def note_of_day(records: SessionRecords, journal_id: int | None,
                day: dt.date) -> SessionNote | None:
    """The session note saved on `day` (today's: the next step agreed in this session)."""
    return next((note for note in records.sessions(journal_id) if note.held_on == day), None)


def gather_summary(records: SessionRecords, journal: Journal, held_on: dt.date,
                   view: Perspectives, present: tuple[bool, bool], bands: Sequence[PhaseSpan],
                   mapped_moment: int | None, language: str) -> SessionSummary:
    """Everything the session showed, gathered for the page to take home.

    Check-ins count only for the partners present; the cycle map only where its moment
    (`mapped_moment`, the id chosen on that step) is still among the shared distance moments
    of the period, so a map of a moment now out of view is never taken home."""
    history = records.check_ins(journal.id)
    scores = {slot: score for slot, score in check_ins_on(history, held_on).items()
              if present[slot]}
    phase = phase_in_view(bands, view.period)
    panel = get_panel(language, PHASE_PANELS[str(phase.phase)]) if phase else None
    moments = view.distance_moments()
    maps = records.cycle_maps(journal.id)
    cycle_map = moment = step = section = None
    if not moments.empty and mapped_moment in maps and mapped_moment in set(moments["id"]):
        cycle_map = maps[mapped_moment]
        moment = moments[moments["id"] == mapped_moment].iloc[0].to_dict()
        step = fitting_step(cycle_map)
        section = five_step_section(get_panel(language, FIVE_STEPS_PANEL).body, step.number)
    note = note_of_day(records, journal.id, held_on)
    next_text = note.next_step if note else ""
    parts = (journal, view, present, scores, cycle_map, next_text, phase is not None)
    return SessionSummary(
        journal=journal, held_on=held_on, view=view, present=present, check_ins_today=scores,
        check_in_history=tuple(history), phase=phase, phase_panel=panel, bands=bands,
        cycle_map=cycle_map, cycle_moment=moment, fitting_step=step, step_section=section,
        next_step=next_text, missing=missing_pieces(*parts), filled=filled_pieces(*parts))


def _figure_html(figure, first: bool) -> str:
    # White paper for printing (in the app, Streamlit's theme styles the same figures).
    figure.update_layout(template="plotly_white")
    return ('<div class="plot">'
            + figure.to_html(full_html=False, include_plotlyjs=first, config=STATIC_CONFIG,
                             default_width="100%")
            + "</div>")


def _notes(view: Perspectives, msg: Messages) -> Iterable[str]:
    for row in view.moments.itertuples(index=False):
        if row.note:
            yield (f'<div class="note"><strong>{escape(msg.datetime(row.occurred_at))} · '
                   f'{escape(row.partner_name)} · {escape(msg("kind." + row.kind))}</strong>'
                   f"{_paragraph(row.note)}</div>")


def summary_html(summary: SessionSummary, msg: Messages) -> str:
    """The standalone page. Plain function: the same input gives the same page."""
    journal, view = summary.journal, summary.view
    names = journal.partners
    first_plot = True
    out: list[str] = []

    def plot(figure) -> None:
        nonlocal first_plot
        out.append(_figure_html(figure, first_plot))
        first_plot = False

    title = msg("session_summary.title", date=msg.date(summary.held_on))
    out.append(f"<h1>{escape(title)}</h1>")
    out.append(f'<p class="meta">{escape(msg("session_summary.journal", name=journal.name))}</p>')
    out.append(f'<p class="meta">{escape(period_sentence(view.period, msg))}</p>')
    here = [name for name, present in zip(names, summary.present, strict=True) if present]
    out.append(f'<p class="meta">{escape(msg(f"session_audience.{view.audience}_here"))} '
               f'{escape(msg("session_summary.present", names=", ".join(here) or "–"))}</p>')

    out.append(f"<h2>{escape(msg('session_steps.check_in'))}</h2>")
    circles = []
    for slot, name in enumerate(names):
        score = summary.check_ins_today.get(slot)
        if score is not None:
            circles.append(f"<figure>{circles_svg(score, slot)}<figcaption>{escape(name)}: "
                           f"{score}/7</figcaption></figure>")
    if circles:
        out.append(f'<div class="circles">{"".join(circles)}</div>')
    for line in check_in_sentences(journal, summary.held_on, summary.check_ins_today,
                                   summary.check_in_history, summary.present, msg):
        out.append(_paragraph(line))
    series = check_in_series(summary.check_in_history)
    if len(series) >= 2:
        plot(check_in_figure(series, names, msg))

    out.append(f"<h2>{escape(msg('session_steps.chart'))}</h2>")
    if view.moments.empty:
        out.append(_paragraph(msg(f"session_missing.no_moments_{view.audience}")))
    else:
        plot(session_chart(view.moments, names, msg, balance=view.balance, period=view.period,
                           bands=summary.bands, drifts=view.drifts, pursuits=view.pursuits))
    for line in chart_sentences(view, journal, msg):
        out.append(_paragraph(line))

    out.append(f"<h2>{escape(msg('session_steps.phase'))}</h2>")
    if summary.phase is None:
        out.append(_paragraph(msg("session_missing.phase")))
    else:
        key = "session_phase.suggested" if summary.phase.suggested else "session_phase.marked"
        out.append(_paragraph(msg(key, phase=msg(summary.phase.phase.message_key))))
    if summary.phase_panel is not None:
        out.append(f"<h3>{escape(summary.phase_panel.title)}</h3>")
        out.append(panel_html(summary.phase_panel.body))

    out.append(f"<h2>{escape(msg('session_steps.cycle_map'))}</h2>")
    if summary.cycle_map is None or summary.cycle_moment is None:
        out.append(_paragraph(msg("session_missing.cycle_map")))
    else:
        moment = summary.cycle_moment
        first = int(moment["partner"])
        out.append(_paragraph(msg("session_map.moment_line",
                                  when=msg.datetime(moment["occurred_at"]),
                                  name=names[first], intensity=moment["intensity"])))
        if moment.get("note"):
            out.append(_paragraph(str(moment["note"])))
        plot(cycle_map_figure(summary.cycle_map, first, names, msg))
        out.append(_map_list(summary.cycle_map, first, names, msg))
        if summary.fitting_step is not None:
            out.append('<div class="step">')
            out.append(_paragraph(msg(summary.fitting_step.reason,
                                      step=summary.fitting_step.number)))
            if summary.step_section is not None:
                heading, text = summary.step_section
                out.append(f"<h4>{escape(heading)}</h4>{panel_html(text)}")
            out.append("</div>")

    out.append(f"<h2>{escape(msg('session_steps.next_step'))}</h2>")
    if summary.next_step.strip():
        out.append(f'<div class="next plain">{escape(summary.next_step)}</div>')
    else:
        out.append(_paragraph(msg("session_missing.next_step")))

    if view.notes_shown:
        notes = list(_notes(view, msg))
        out.append(f"<h2>{escape(msg('session_summary.notes_heading'))}</h2>")
        out.extend(notes or [_paragraph(msg("session_summary.no_notes"))])

    filled = missing_sentences(summary.filled, msg)
    if filled:
        out.append(f"<h2>{escape(msg('session_summary.filled_heading'))}</h2>")
        out.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in filled) + "</ul>")
    lines = missing_sentences(summary.missing, msg)
    if lines:
        out.append(f"<h2>{escape(msg('session_summary.missing_heading'))}</h2>")
        out.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>")
    else:
        out.append(_paragraph(msg("session_summary.complete")))

    out.append(f'<p class="help">{escape(msg("session_summary.help"))}</p>')
    out.append(f"<footer>{escape(msg('app.reflection_note'))} · Nabij {escape(__version__)}"
               "</footer>")
    return ("<!DOCTYPE html>\n"
            f'<html lang="{escape(msg.language)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head>"
            f"<body>{''.join(out)}</body></html>\n")


def _map_list(cycle_map: CycleMap, first: int, names: Sequence[str], msg: Messages) -> str:
    """The map's stations as a definition list: the full text, not the figure's shortening."""
    other = 1 - first
    rows = [(msg("session_map.node_trigger"), cycle_map.triggered_by)]
    for slot in (first, other):
        felt = cycle_map.felt[slot]
        if cycle_map.body[slot] is not None:
            body = msg("session_map.body_line", body=msg(f"body.{cycle_map.body[slot]}"))
            felt = f"{felt}\n{body}" if felt else body
        rows.append((msg("session_map.node_felt", name=names[slot]), felt))
        rows.append((msg("session_map.node_did", name=names[slot]), cycle_map.did[slot]))
    items = "".join(f"<dt>{escape(label)}</dt><dd class=\"plain\">"
                    f"{escape(text) if text else escape(msg('session_map.not_filled'))}</dd>"
                    for label, text in rows)
    return f'<dl class="map">{items}</dl>'
