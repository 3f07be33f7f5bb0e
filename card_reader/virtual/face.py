"""A deterministic synthetic portrait for the virtual card's DG2 (clearly not a real person).

Drawn shapes (background, shoulders, head, hair, eyes, mouth) plus seeded noise, so the JPEG
compresses to about the size of a real CCCD face image (10–20 KB); the encoder quality (or the
JPEG 2000 rate) is searched to land near the target size.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageChops, ImageDraw

WIDTH, HEIGHT = 300, 400
TARGET_BYTES = 18_000


def _portrait(seed: int, long_hair: bool) -> Image.Image:
    rng = random.Random(seed)
    img = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(img)
    # Pale blue-grey studio background with a vertical gradient.
    top = (200 + rng.randint(0, 30), 215 + rng.randint(0, 25), 235)
    for y in range(HEIGHT):
        shade = y * 30 // HEIGHT
        draw.line([(0, y), (WIDTH, y)], fill=tuple(max(c - shade, 0) for c in top))
    skin = (rng.randint(200, 235), rng.randint(160, 190), rng.randint(120, 150))
    shirt = rng.choice([(245, 245, 245), (40, 60, 110), (30, 30, 30), (120, 40, 40)])
    hair = (rng.randint(10, 40),) * 3
    cx = WIDTH // 2 + rng.randint(-6, 6)
    draw.ellipse([cx - 150, 300, cx + 150, 520], fill=shirt)  # shoulders
    draw.rectangle([cx - 30, 230, cx + 30, 320], fill=skin)  # neck
    head = [cx - 80, 70, cx + 80, 290]
    draw.ellipse([cx - 92, 45, cx + 92, 230], fill=hair)  # hair behind the head
    if long_hair:
        draw.rounded_rectangle([cx - 98, 110, cx + 98, 345], radius=40, fill=hair)
    draw.ellipse(head, fill=skin)
    fringe = rng.randint(95, 125)
    draw.chord([cx - 88, 50, cx + 88, fringe * 2 - 40], 180, 360, fill=hair)
    for side in (-1, 1):
        ex = cx + side * 35
        draw.ellipse([ex - 16, 160, ex + 16, 176], fill=(250, 250, 250))  # eye white
        draw.ellipse([ex - 7, 161, ex + 7, 175], fill=(50, 35, 25))  # iris
        draw.line([(ex - 20, 148), (ex + 18, 146)], fill=hair, width=5)  # eyebrow
        draw.ellipse([cx + side * 86 - 10, 165, cx + side * 86 + 10, 205], fill=skin)  # ear
    draw.line([(cx, 175), (cx - 8, 220), (cx + 6, 224)], fill=(170, 120, 95), width=3)
    mouth = rng.randint(236, 248)
    draw.arc([cx - 30, mouth - 18, cx + 30, mouth + 10], 20, 160, fill=(150, 60, 60), width=4)
    # Seeded sensor-like noise: gives the encoder texture so the file reaches a realistic size.
    noise = Image.frombytes("L", (WIDTH, HEIGHT), rng.randbytes(WIDTH * HEIGHT))
    noise = noise.point(lambda v: v // 10)
    noisy = ImageChops.add(img, Image.merge("RGB", (noise, noise, noise)), offset=-12)
    return noisy


def _jpeg(img: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, optimize=False, progressive=False)
    return out.getvalue()


def _jpeg2000(img: Image.Image, rate: float) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG2000", irreversible=True, quality_mode="rates", quality_layers=[rate])
    return out.getvalue()


def synthetic_face(
    seed: int = 0, fmt: str = "jpeg", target: int = TARGET_BYTES, *, long_hair: bool = False
) -> bytes:
    """A portrait of about `target` bytes; `fmt` is "jpeg" or "jpeg2000". Same seed → same
    bytes (for one Pillow build)."""
    img = _portrait(seed, long_hair)
    if fmt == "jpeg2000":
        raw = WIDTH * HEIGHT * 3
        return _jpeg2000(img, raw / target)
    if fmt != "jpeg":
        raise ValueError(f"unknown face format {fmt!r}")
    low, high, best = 5, 95, _jpeg(img, 5)
    while low <= high:  # largest quality whose file stays within the target
        mid = (low + high) // 2
        data = _jpeg(img, mid)
        if len(data) <= target:
            best, low = data, mid + 1
        else:
            high = mid - 1
    return best
