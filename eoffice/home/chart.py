"""A horizontal bar chart as plain numbers for an inline SVG (templates/home/_chart.html):
no JavaScript, no chart library, nothing fetched. One row per unit: its name
and figures on one line, the bar under it, so long names fit a phone's width."""

from dataclasses import dataclass

WIDTH = 360  # viewBox units, about a card's width in CSS pixels: the text stays readable
BAR_MAX = 290  # the longest bar (100 %), leaving room for the figure after it
ROW = 50  # one unit: label line, bar, gap
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Rate:
    """Completed on time out of completed, for one unit."""

    unit_id: int | None
    label: str
    on_time: int
    completed: int

    @property
    def percent(self) -> float:
        return round(100 * self.on_time / self.completed, 1) if self.completed else 0.0


@dataclass(frozen=True)
class Bar:
    rate: Rate
    label_y: int
    bar_y: int
    length: int  # viewBox units, 0..BAR_MAX

    @property
    def text_x(self) -> int:
        return self.length + 6

    @property
    def text_y(self) -> int:
        return self.bar_y + BAR_HEIGHT - 3


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT
    bar_max: int = BAR_MAX

    @property
    def height(self) -> int:
        return max(ROW * len(self.bars), 1)


def bar_chart(rates: list[Rate]) -> Chart:
    """The geometry of one bar per unit that completed something (integers:
    the template writes them into SVG attributes, which take no decimal comma)."""
    bars = []
    for index, rate in enumerate(r for r in rates if r.completed):
        top = index * ROW
        bars.append(Bar(rate, label_y=top + 15, bar_y=top + 21, length=round(BAR_MAX * rate.percent / 100)))
    return Chart(bars)
