"""A titled chart that redraws itself to its size: plotext through textual-plotext,
coloured from the app's theme."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import RenderResult
from textual.color import Color
from textual.content import Content
from textual.widget import Widget
from textual_plotext import PlotextPlot

# draw(plt, width): puts the series on a cleared figure of that width.
Draw = Callable[[Any, int], None]


def theme_rgb(widget: Widget, variable: str, fallback: str = "#888888") -> tuple[int, int, int]:
    """A theme colour ("primary", "warning", ...) as plotext takes it."""
    value = widget.app.theme_variables.get(variable, fallback)
    return Color.parse(value).rgb


def muted_rgb(widget: Widget) -> tuple[int, int, int]:
    """The theme's text colour part way to its background: a line that reads as
    other than the coloured dots drawn over it, on a dark theme or a light one."""
    variables = widget.app.theme_variables
    text = Color.parse(variables.get("foreground", "#e0e0e0"))
    background = Color.parse(variables.get("background", "#121212"))
    return text.blend(background, 0.35).rgb


class TrendChart(PlotextPlot):
    """Shows what `draw` puts on it, redrawn whenever the size or the data changes."""

    DEFAULT_CSS = """
    TrendChart {
        height: 12;
        width: 1fr;
        border: round $panel;
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    """

    def __init__(self, title: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = title
        self._draw: Draw | None = None

    def show(self, draw: Draw | None, subtitle: str | Content = "") -> None:
        self._draw = draw
        self.border_subtitle = subtitle
        self.refresh()

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        if self._draw is not None and self.size.width > 10 and self.size.height > 3:
            # Sized first, so that a recipe can fit its axes to the rows it has.
            # textual-plotext draws at the widget's size whatever the terminal's
            # (its render sets the size past plotext's cap at the terminal's
            # height): so that plot_size() says the same, the cap is lifted.
            lift_cap = getattr(plt, "_limit_size", None)
            if lift_cap is not None:
                lift_cap(False, False)
            plt.plotsize(self.size.width, self.size.height)
            self._draw(plt, self.size.width)
        return super().render()
