"""Placeholder images for the demo and the test keys: a drawn squiggle for a
signature and a round red seal bearing the agency's name and "MẪU". Never a
real person's signature or a real seal; an installation uploads its own."""

import hashlib
import io
import math
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from eoffice.core.fonts import FontMissing, font_files

BLUE = (20, 50, 175, 255)
RED = (215, 25, 30, 255)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


@lru_cache(maxsize=64)
def signature_png(name: str) -> bytes:
    """A cursive-looking stroke, different for every name, blue on transparent."""
    seed = hashlib.sha256(name.encode()).digest()
    width, height = 600, 220
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    loops = 3 + seed[0] % 3
    points = []
    for step in range(400):
        t = step / 399
        phase = t * loops * 2 * math.pi
        x = 40 + t * 480 - 45 * math.cos(phase + seed[1] / 60)  # backwards strokes make the loops
        y = 110 - 65 * math.sin(phase + seed[2] / 60) * (1 - 0.4 * t)
        points.append((x, y))
    draw.line(points, fill=BLUE, width=6, joint="curve")
    draw.line([(70, 170), (300, 160 + seed[3] % 20), (540, 150)], fill=BLUE, width=5, joint="curve")  # the flourish
    return _png(image)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(str(font_files()[1]["bold"]), size)
    except (OSError, FontMissing):  # fonts not installed: the seal keeps its rings and star
        return ImageFont.load_default()


@lru_cache(maxsize=64)
def seal_png(agency_name: str) -> bytes:
    """A round seal: two rings, the name around the top, a star and "MẪU"."""
    side, centre = 480, 240
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, side - 6, side - 6), outline=RED, width=10)
    draw.ellipse((70, 70, side - 70, side - 70), outline=RED, width=4)
    _ring_text(image, agency_name.upper(), radius=192)
    star = [
        (centre + r * math.sin(i * math.pi / 5), centre - 20 - r * math.cos(i * math.pi / 5))
        for i, r in zip(range(10), [60, 24] * 5, strict=True)
    ]
    draw.polygon(star, fill=RED)
    font = _font(40)
    draw.text((centre, 335), "MẪU", fill=RED, font=font, anchor="mm")
    return _png(image)


def _ring_text(image: Image.Image, text: str, *, radius: float) -> None:
    """Letters set upright along the ring, from left to right over the top."""
    font = _font(34 if len(text) <= 40 else 26)
    span = min(300.0, 7.0 * len(text))  # degrees of arc the name takes
    for i, letter in enumerate(text):
        angle = math.radians(-span / 2 + span * (i + 0.5) / len(text))
        tile = Image.new("RGBA", (60, 60), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((30, 30), letter, fill=RED, font=font, anchor="mm")
        tile = tile.rotate(-math.degrees(angle), resample=Image.Resampling.BICUBIC)
        x = 240 + radius * math.sin(angle) - 30
        y = 240 - radius * math.cos(angle) - 30
        image.alpha_composite(tile, (round(x), round(y)))
