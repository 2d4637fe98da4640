"""Small inline SVG charts for the report page: drawn on the server, no script, no network."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

_BAR = "#1f4e79"
_OVER = "#c0392b"
_MUTED = "#b0b7bf"
_ROW = 26
_LABEL_WIDTH = 300
_WIDTH = 720
_LABEL_CHARS = 40  # longer labels are shortened with an ellipsis (the full text is in the title)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    marker: float | None = None  # e.g. the time standard, drawn as a tick
    alert: bool = False


def _short(label: str) -> str:
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"


def _svg(title: str, height: int, body: str) -> Markup:
    return Markup(
        f'<svg class="satudata-chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {_WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def horizontal_bars(title: str, bars: list[Bar], unit: str = "", scale_max: float | None = None) -> Markup:
    """One labelled bar per row; a marker tick per bar when given; alerts in red."""
    peak = scale_max or max([b.value for b in bars] + [b.marker or 0 for b in bars] + [1])
    span = _WIDTH - _LABEL_WIDTH - 70
    parts = []
    for row, bar in enumerate(bars):
        y = row * _ROW + 4
        width = span * bar.value / peak if peak else 0
        colour = _OVER if bar.alert else _BAR
        parts.append(
            f'<text x="{_LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"<title>{escape(bar.label)}</title>{escape(_short(bar.label))}</text>"
            f'<rect x="{_LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{_ROW - 8}" fill="{colour}"/>'
            f'<text x="{_LABEL_WIDTH + width + 6:.1f}" y="{y + 15}" font-size="12">'
            f"{escape(f'{bar.value:g}{unit}')}</text>"
        )
        if bar.marker is not None:
            x = _LABEL_WIDTH + span * bar.marker / peak
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 2}" y2="{y + _ROW - 6}" stroke="#000" '
                f'stroke-width="2" stroke-dasharray="3 2"/>'
            )
    return _svg(title, max(len(bars), 1) * _ROW + 8, "".join(parts))


def columns(title: str, labels: list[str], totals: list[int], alerts: list[int]) -> Markup:
    """One column per label: the total in grey with the alert part in red over it."""
    height = 180
    plot = height - 30
    peak = max([*totals, 1])
    step = (_WIDTH - 40) / max(len(labels), 1)
    parts = []
    for index, (label, total, alert) in enumerate(zip(labels, totals, alerts, strict=True)):
        x = 30 + index * step
        width = max(step * 0.7, 2)
        total_height = plot * total / peak
        alert_height = plot * alert / peak
        parts.append(
            f'<rect x="{x:.1f}" y="{plot - total_height + 5:.1f}" width="{width:.1f}" '
            f'height="{total_height:.1f}" fill="{_MUTED}"/>'
            f'<rect x="{x:.1f}" y="{plot - alert_height + 5:.1f}" width="{width:.1f}" '
            f'height="{alert_height:.1f}" fill="{_OVER}"/>'
            f'<text x="{x + width / 2:.1f}" y="{height - 8}" font-size="10" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    return _svg(title, height, "".join(parts))
