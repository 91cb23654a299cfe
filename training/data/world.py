"""The procedural world: scenes of coloured shapes, their captions, and their 512x512 renderings."""
import functools
import math
import random
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw

SIZE = 512
SHAPES = ["circle", "square", "triangle", "star", "heart", "ring", "cross", "diamond"]
PLURALS = {"cross": "crosses"}
COLOURS = {
    "red": (220, 30, 30), "orange": (255, 140, 0), "yellow": (250, 220, 30), "green": (30, 170, 50),
    "cyan": (0, 210, 220), "blue": (30, 60, 220), "purple": (130, 40, 180), "pink": (255, 120, 180),
    "white": (245, 245, 245), "black": (15, 15, 15), "gray": (128, 128, 128), "brown": (130, 80, 30),
}
COLOUR_NAMES = list(COLOURS)
SIZES = ["small", "", "large"]                      # "" = medium, no word in the caption
SIZE_WORDS = {"small": ["small"], "": [""], "large": ["large", "big"]}
RADII = {"small": 36, "": 62, "large": 100}
GROUP_RADII = {"small": 26, "": 36}                 # objects of a group of two to four
POSITIONS = {
    "top left": (0, 0), "top": (1, 0), "top right": (2, 0),
    "left": (0, 1), "center": (1, 1), "right": (2, 1),
    "bottom left": (0, 2), "bottom": (1, 2), "bottom right": (2, 2),
}
POSITION_PHRASES = {
    "top left": "at the top left", "top": "at the top", "top right": "at the top right",
    "left": "on the left", "center": "in the center", "right": "on the right",
    "bottom left": "at the bottom left", "bottom": "at the bottom", "bottom right": "at the bottom right",
}
NUMBERS = {1: "a", 2: "two", 3: "three", 4: "four"}
# The video world's motions. A picture is a still of a moving object, so image captions carry them now and
# then too: the image model then draws a video prompt's first frame.
MOTIONS = ["moving left", "moving right", "moving up", "moving down", "bouncing", "spinning", "growing",
           "shrinking", "pulsing", "orbiting"]
MOTION_PROB = 0.15
BACKGROUNDS = ["plain", "striped", "checkered", "gradient"]
# Shape+colour pairs never rendered in training: the held-out evaluation combinations.
HELD_OUT = {("star", "red"), ("circle", "blue"), ("heart", "green"), ("square", "purple"),
            ("triangle", "orange"), ("ring", "yellow"), ("cross", "pink"), ("diamond", "cyan"),
            ("star", "white"), ("heart", "brown")}
CELL = SIZE / 3


@dataclass
class Group:
    shape: str
    colour: str
    size: str
    count: int
    position: str
    size_word: str = ""
    motion: str = ""


@dataclass
class Scene:
    groups: list
    bg_colour: str
    bg_kind: str
    jitter: list = field(default_factory=list)     # per object (dx, dy) in pixels

    def caption(self, omit=frozenset()):
        """The scene in words; `omit` leaves out the objects' colours, their places or the background ("colour",
        "position", "background"), as people write ("a heart"): the scene then has one of many values there.
        There is no word for the medium size, so sizes are never left out."""
        parts = []
        for g in self.groups:
            words = [NUMBERS[g.count]]
            if g.size_word:
                words.append(g.size_word)
            if "colour" not in omit:
                words.append(g.colour)
            words.append(g.shape if g.count == 1 else PLURALS.get(g.shape, g.shape + "s"))
            if g.motion:
                words.append(g.motion)
            if "position" not in omit:
                words.append(POSITION_PHRASES[g.position])
            if g.count == 1 and words[1][0] in "aeiou":
                words[0] = "an"
            parts.append(" ".join(words))
        text = " and ".join(parts)
        if "background" in omit:
            return text
        kind = "" if self.bg_kind == "plain" else self.bg_kind + " "
        article = "an" if self.bg_colour[0] in "aeiou" else "a"
        return f"{text} on {article} {self.bg_colour} {kind}background"


def sample_scene(rng: random.Random, held_out_only=False, allow=lambda shape, colour: (shape, colour) not in HELD_OUT):
    """A random scene; held_out_only makes the first group one of the held-out shape+colour pairs."""
    bg_colour = rng.choice(COLOUR_NAMES)
    bg_kind = rng.choice(BACKGROUNDS)
    n_groups = 1 if rng.random() < 0.55 else 2
    positions = rng.sample(list(POSITIONS), n_groups)
    groups = []
    for i in range(n_groups):
        while True:
            if held_out_only and i == 0:
                shape, colour = rng.choice(sorted(HELD_OUT))
            else:
                shape, colour = rng.choice(SHAPES), rng.choice(COLOUR_NAMES)
            if distinct(colour, bg_colour) and (held_out_only and i == 0 or allow(shape, colour)):
                break
        count = 1 if rng.random() < 0.6 else rng.randint(2, 4)
        size = rng.choice(SIZES if count == 1 else ["small", ""])
        if n_groups == 2 and size == "large":
            size = ""
        motion = rng.choice(MOTIONS) if count == 1 and rng.random() < MOTION_PROB else ""
        groups.append(Group(shape, colour, size, count, positions[i], rng.choice(SIZE_WORDS[size]), motion))
    jitter = [(rng.uniform(-16, 16), rng.uniform(-16, 16)) for _ in range(8)]
    return Scene(groups, bg_colour, bg_kind, jitter)


def distinct(colour, bg_colour):
    """An object colour that stands out from both colours of the background."""
    c = np.array(COLOURS[colour], dtype=np.float32)
    return all(np.abs(c - np.array(b, dtype=np.float32)).sum() > 150
               for b in (COLOURS[bg_colour], shade(COLOURS[bg_colour])))


def shade(rgb):
    """The second colour of a patterned background: darker for light colours, lighter for dark ones."""
    c = np.array(rgb, dtype=np.float32)
    lum = 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2]
    return tuple(int(v) for v in (c * 0.55 if lum > 70 else c + (255 - c) * 0.35))


@functools.lru_cache(maxsize=None)
def _background(colour, kind, size):
    img = _draw_background(colour, kind, size)
    img.setflags(write=False)
    return img


def background(colour, kind, size=SIZE):
    """The bare background [size, size, 3] uint8 (a fresh copy; the drawing is cached)."""
    return _background(colour, kind, size).copy()


def _draw_background(colour, kind, size):
    a = np.array(COLOURS[colour], dtype=np.float32)
    b = np.array(shade(COLOURS[colour]), dtype=np.float32)
    img = np.empty((size, size, 3), dtype=np.float32)
    img[:] = a
    yy, xx = np.mgrid[0:size, 0:size] * (SIZE / size)
    if kind == "striped":
        img[(xx // 32) % 2 == 1] = b
    elif kind == "checkered":
        img[((xx // 64) + (yy // 64)) % 2 == 1] = b
    elif kind == "gradient":
        t = (yy / SIZE)[..., None]
        img = a * (1 - t) + b * t
    return img.astype(np.uint8)


def shape_polygon(shape, cx, cy, r):
    if shape == "square":
        s = r * 0.85
        return [(cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s)]
    if shape == "triangle":
        return [(cx + r * math.cos(math.radians(a)), cy + r * math.sin(math.radians(a)) + r * 0.15)
                for a in (-90, 30, 150)]
    if shape == "diamond":
        return [(cx, cy - r), (cx + r * 0.72, cy), (cx, cy + r), (cx - r * 0.72, cy)]
    if shape == "star":
        pts = []
        for k in range(10):
            rr = r if k % 2 == 0 else r * 0.42
            a = math.radians(-90 + 36 * k)
            pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a) + r * 0.08))
        return pts
    if shape == "cross":
        w = r * 0.33
        return [(cx - w, cy - r), (cx + w, cy - r), (cx + w, cy - w), (cx + r, cy - w), (cx + r, cy + w),
                (cx + w, cy + w), (cx + w, cy + r), (cx - w, cy + r), (cx - w, cy + w), (cx - r, cy + w),
                (cx - r, cy - w), (cx - w, cy - w)]
    if shape == "heart":
        pts = []
        for k in range(48):
            t = 2 * math.pi * k / 48
            x = 16 * math.sin(t) ** 3
            y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
            pts.append((cx + x * r / 17, cy - y * r / 17 - r * 0.05))
        return pts
    raise ValueError(shape)


def draw_shape(draw, shape, cx, cy, r, rgb, bg=None):
    if shape == "circle":
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=rgb)
    elif shape == "ring":
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=rgb)
        ri = r * 0.55
        draw.ellipse([cx - ri, cy - ri, cx + ri, cy + ri], fill=bg)
    else:
        draw.polygon(shape_polygon(shape, cx, cy, r), fill=rgb)


def object_centres(group: Group):
    """Centres and radius of the objects of a group, before jitter."""
    gx, gy = POSITIONS[group.position]
    cx, cy = (gx + 0.5) * CELL, (gy + 0.5) * CELL
    if group.count == 1:
        return [(cx, cy)], RADII[group.size]
    r = GROUP_RADII[group.size]
    d = r * 1.25
    offsets = {2: [(-d, 0), (d, 0)], 3: [(-d, d * 0.8), (d, d * 0.8), (0, -d * 0.9)],
               4: [(-d, -d), (d, -d), (-d, d), (d, d)]}[group.count]
    return [(cx + ox, cy + oy) for ox, oy in offsets], r


def render(scene: Scene, size=SIZE):
    """The scene as an RGB uint8 array [size, size, 3]."""
    bg = background(scene.bg_colour, scene.bg_kind)
    img = Image.fromarray(bg)
    mask_bg = img.copy()
    draw = ImageDraw.Draw(img)
    k = 0
    for g in scene.groups:
        centres, r = object_centres(g)
        jx, jy = scene.jitter[k % len(scene.jitter)]
        k += 1
        for cx, cy in centres:
            if g.shape == "ring":
                # the hole shows the background: draw the ring as an annulus via a mask
                m = Image.new("L", (SIZE, SIZE), 0)
                md = ImageDraw.Draw(m)
                draw_shape(md, "ring", cx + jx, cy + jy, r, 255, 0)
                img.paste(Image.new("RGB", (SIZE, SIZE), COLOURS[g.colour]), (0, 0), m)
            else:
                draw_shape(draw, g.shape, cx + jx, cy + jy, r, COLOURS[g.colour])
    del mask_bg
    if size != SIZE:
        img = img.resize((size, size), Image.BILINEAR)
    return np.asarray(img)


def caption_prefix(caption: str, rng: random.Random):
    """A caption as it may look while being typed: cut at a random character, sometimes whole."""
    u = rng.random()
    if u < 0.45:
        return caption
    if u < 0.5:
        return ""
    return caption[:rng.randint(1, len(caption))]


if __name__ == "__main__":
    rng = random.Random(0)
    tiles = []
    for i in range(16):
        s = sample_scene(rng)
        print(s.caption())
        tiles.append(render(s, 128))
    grid = np.concatenate([np.concatenate(tiles[r * 4:(r + 1) * 4], axis=1) for r in range(4)], axis=0)
    Image.fromarray(grid).save("/tmp/world.png")
