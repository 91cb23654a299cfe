"""Pictures a user hands the image-to-image encoder, with the scene code each should read as: drawings like the
live page's sketch pad makes (filled or outlined shapes, wobbly as drawn by hand, boxes and ellipses of any aspect,
on a white or plain ground, saved as JPEG as the pad sends them), beside the world's own renders."""
import io
import math
import random

import numpy as np
from PIL import Image, ImageDraw

from data import world
from nets import scene_code as sc

SIZE = world.SIZE
PAD_COLOURS = [(0, 0, 0), (229, 57, 53), (67, 160, 71), (30, 136, 229), (253, 216, 53)]   # live.html's swatches


def sketch_colour(rng):
    if rng.random() < 0.5:
        return rng.choice(PAD_COLOURS)
    if rng.random() < 0.6:
        return world.COLOURS[rng.choice(world.COLOUR_NAMES)]
    return tuple(rng.randrange(256) for _ in range(3))


def far_apart(rgb, other):
    return sum(abs(a - b) for a, b in zip(rgb, other)) > 150


def wobbly(points, r, rng):
    """A polygon as drawn by hand: its corners off by a few percent of the size."""
    return [(x + rng.gauss(0, 0.04 * r), y + rng.gauss(0, 0.04 * r)) for x, y in points]


def draw_object(draw, shape, cx, cy, r, rgb, bg, outline, aspect, rng):
    """One object on `draw`; boxes and ellipses (the pad's tools) may be stretched by `aspect`."""
    width = rng.randint(5, 9)
    if shape in ("circle", "ring") or (shape == "square" and aspect != 1):
        rx, ry = (r * aspect, r / aspect) if shape != "square" else (0.85 * r * aspect, 0.85 * r / aspect)
        box = [cx - rx, cy - ry, cx + rx, cy + ry]
        if shape == "square":
            draw.rectangle(box, fill=None if outline else rgb, outline=rgb if outline else None, width=width)
        elif outline:
            draw.ellipse(box, outline=rgb, width=width)
        else:
            draw.ellipse(box, fill=rgb)
        if shape == "ring":
            ri = 0.55
            inner = [cx - rx * ri, cy - ry * ri, cx + rx * ri, cy + ry * ri]
            draw.ellipse(inner, fill=None if outline else bg, outline=rgb if outline else None, width=width)
        return
    points = wobbly(world.shape_polygon(shape, cx, cy, r), r, rng)
    if outline:
        draw.line(points + points[:1], fill=rgb, width=width, joint="curve")
    else:
        draw.polygon(points, fill=rgb)


def sketch(rng):
    """A drawing and its code [16, 32, 32] (no copies)."""
    bg_rgb = (255, 255, 255) if rng.random() < 0.6 else sketch_colour(rng)
    img = Image.new("RGB", (SIZE, SIZE), bg_rgb)
    draw = ImageDraw.Draw(img)
    code = np.zeros((sc.CHANNELS, sc.GRID, sc.GRID), dtype=np.float32)
    code[sc.BG_A:sc.BG_A + 3, sc.BG_ROW, 0] = np.array(bg_rgb, dtype=np.float32) / 255
    code[sc.BG_B:sc.BG_B + 3, sc.BG_ROW, 0] = np.array(world.shade(bg_rgb), dtype=np.float32) / 255
    code[sc.BG_KIND + world.BACKGROUNDS.index("plain"), sc.BG_ROW, 0] = 1
    placed = []
    for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3, 4, 5])):
        for _ in range(20):
            r = rng.uniform(18, 120)
            cx, cy = rng.uniform(r * 0.8, SIZE - r * 0.8), rng.uniform(r * 0.8, SIZE - r * 0.8)
            if all(math.hypot(cx - x, cy - y) > 1.1 * (r + rr) for x, y, rr in placed):
                break
        else:
            continue
        while True:
            rgb = sketch_colour(rng)
            if far_apart(rgb, bg_rgb):
                break
        shape = rng.choice(world.SHAPES)
        aspect = math.exp(rng.uniform(-0.25, 0.25)) if shape in ("circle", "square") and rng.random() < 0.5 else 1
        outline = rng.random() < 0.4
        draw_object(draw, shape, cx, cy, r, rgb, bg_rgb, outline, aspect, rng)
        k = len(placed)
        placed.append((cx, cy, r))
        sc.object_code(code, k, shape, "red", cx, cy, r)
        code[sc.RGB:sc.RGB + 3, 1, k] = np.array(rgb, dtype=np.float32) / 255
    if rng.random() < 0.7:
        buffer = io.BytesIO()
        img.save(buffer, "JPEG", quality=rng.randint(80, 95))
        img = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    return np.asarray(img), code


def world_picture(rng):
    """A scene of the world (any shape and colour, held-out pairs too) and its code."""
    scene = world.sample_scene(rng, allow=lambda shape, colour: True)
    return world.render(scene), sc.scene_code(scene)


def example(rng):
    return sketch(rng) if rng.random() < 0.45 else world_picture(rng)
