"""The video world: one object of the image world (`world.py`) that moves as its caption says, rendered as
512x512 frames at 8 fps. Motions wrap (translations) or bounce at the edges, so 10-second clips stay in the
world. A clip may change its caption mid-way (another motion, colour or shape): what typing a new prompt does."""
import math
import random
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image, ImageDraw

from data import world

FPS = 8
SIZE = world.SIZE
MOTIONS = world.MOTIONS + [""]            # "" = standing still, no motion words
TRANSLATIONS = {"moving left": (-1, 0), "moving right": (1, 0), "moving up": (0, -1), "moving down": (0, 1)}
SPEED = 6.0                 # pixels per frame of the translations (48 px/s)
BOUNCE_SPEED = 5.0
SPIN = 12.0                 # degrees per frame
GROW = 0.015                # scale per frame of growing/shrinking, between SCALE_MIN and SCALE_MAX (then wraps)
SCALE_MIN, SCALE_MAX = 0.55, 1.45
PULSE_PERIOD, PULSE_AMPLITUDE = 12, 0.3
ORBIT_RADIUS, ORBIT_PERIOD = 40.0, 24
_BG_CACHE = {}


def held_out(shape, colour, motion):
    """Shape+colour+motion triples never rendered in training (each part, and most pairs, are seen)."""
    if motion == "":
        return False
    return (world.SHAPES.index(shape) * 5 + world.COLOUR_NAMES.index(colour) * 3 + MOTIONS.index(motion)) % 7 == 0


@dataclass
class Look:
    shape: str
    colour: str
    size: str           # "small", "" (medium) or "large"
    size_word: str
    bg_colour: str
    bg_kind: str


@dataclass
class State:
    x: float
    y: float
    scale: float = 1.0
    angle: float = 0.0
    vx: float = BOUNCE_SPEED
    vy: float = BOUNCE_SPEED
    phase: float = 0.0          # pulsing / orbiting phase in radians
    ox: float = 0.0             # orbit centre
    oy: float = 0.0


def caption(look: Look, motion: str, position: str):
    words = ["a"]
    if look.size_word:
        words.append(look.size_word)
    words += [look.colour, look.shape]
    if motion:
        words.append(motion)
    words.append(world.POSITION_PHRASES[position])
    if words[1][0] in "aeiou":
        words[0] = "an"
    kind = "" if look.bg_kind == "plain" else look.bg_kind + " "
    article = "an" if look.bg_colour[0] in "aeiou" else "a"
    return " ".join(words) + f" on {article} {look.bg_colour} {kind}background"


def cell_of(x, y):
    gx, gy = min(2, max(0, int(x // world.CELL))), min(2, max(0, int(y // world.CELL)))
    return next(p for p, c in world.POSITIONS.items() if c == (gx, gy))


def radius(look: Look):
    return world.RADII[look.size]


def start(motion, state: State, r):
    """Makes the state continuous with a motion that begins now."""
    if motion == "orbiting":
        lo, hi = ORBIT_RADIUS, SIZE - ORBIT_RADIUS
        state.ox = min(max(state.x - ORBIT_RADIUS * math.cos(state.phase), lo), hi)
        state.oy = min(max(state.y - ORBIT_RADIUS * math.sin(state.phase), lo), hi)
    if motion == "bouncing":
        m = r * state.scale
        state.x, state.y = min(max(state.x, m), SIZE - m), min(max(state.y, m), SIZE - m)
    if motion == "pulsing":
        state.phase = math.asin(max(-1.0, min(1.0, (state.scale - 1) / PULSE_AMPLITUDE)))


def step(motion, s: State, r):
    """Advances the state by one frame."""
    if motion in TRANSLATIONS:
        dx, dy = TRANSLATIONS[motion]
        s.x, s.y = (s.x + SPEED * dx) % SIZE, (s.y + SPEED * dy) % SIZE
    elif motion == "bouncing":
        m = r * s.scale
        s.x, s.y = s.x + s.vx, s.y + s.vy
        if s.x < m or s.x > SIZE - m:
            s.vx, s.x = -s.vx, min(max(s.x, m), SIZE - m)
        if s.y < m or s.y > SIZE - m:
            s.vy, s.y = -s.vy, min(max(s.y, m), SIZE - m)
    elif motion == "spinning":
        s.angle = (s.angle + SPIN) % 360
    elif motion == "growing":
        s.scale = s.scale + GROW if s.scale + GROW <= SCALE_MAX else SCALE_MIN
    elif motion == "shrinking":
        s.scale = s.scale - GROW if s.scale - GROW >= SCALE_MIN else SCALE_MAX
    elif motion == "pulsing":
        s.phase += 2 * math.pi / PULSE_PERIOD
        s.scale = 1 + PULSE_AMPLITUDE * math.sin(s.phase)
    elif motion == "orbiting":
        s.phase += 2 * math.pi / ORBIT_PERIOD
        s.x, s.y = s.ox + ORBIT_RADIUS * math.cos(s.phase), s.oy + ORBIT_RADIUS * math.sin(s.phase)


def background(colour, kind):
    key = (colour, kind)
    if key not in _BG_CACHE:
        _BG_CACHE[key] = Image.fromarray(world.background(colour, kind))
    return _BG_CACHE[key]


def render(look: Look, s: State, wrap=False):
    """One frame, RGB uint8 [512, 512, 3]; `wrap` draws the part past an edge on the other side."""
    img = background(look.bg_colour, look.bg_kind).copy()
    r = radius(look) * s.scale
    mask = Image.new("L", (SIZE, SIZE), 0)
    draw = ImageDraw.Draw(mask)
    copies = lambda v: [v] + [v + d for d in (-SIZE, SIZE) if wrap and abs(v + d - SIZE / 2) < SIZE / 2 + r]
    xs, ys = copies(s.x), copies(s.y)
    a = math.radians(s.angle)
    for cx in xs:
        for cy in ys:
            if look.shape == "circle":
                draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=255)
            elif look.shape == "ring":
                draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=255)
                ri = r * 0.55
                draw.ellipse([cx - ri, cy - ri, cx + ri, cy + ri], fill=0)
            else:
                pts = world.shape_polygon(look.shape, 0, 0, r)
                draw.polygon([(cx + px * math.cos(a) - py * math.sin(a), cy + px * math.sin(a) + py * math.cos(a))
                              for px, py in pts], fill=255)
    img.paste(Image.new("RGB", (SIZE, SIZE), world.COLOURS[look.colour]), (0, 0), mask)
    return np.asarray(img)


@dataclass
class Segment:
    start: int          # first frame of this caption
    look: Look
    motion: str
    caption: str


@dataclass
class Clip:
    segments: list
    states: list        # State per frame (copies)

    def caption_at(self, t):
        return [s for s in self.segments if s.start <= t][-1].caption

    def segment_at(self, t):
        return [s for s in self.segments if s.start <= t][-1]

    def frames(self, every=1):
        return [self.frame(t) for t in range(0, len(self.states), every)]

    def frame(self, t):
        seg = self.segment_at(t)
        return render(seg.look, self.states[t], seg.motion in TRANSLATIONS)


def sample_look(rng, allowed=lambda shape, colour: True):
    bg_colour, bg_kind = rng.choice(world.COLOUR_NAMES), rng.choice(world.BACKGROUNDS)
    while True:
        shape, colour = rng.choice(world.SHAPES), rng.choice(world.COLOUR_NAMES)
        if world.distinct(colour, bg_colour) and allowed(shape, colour):
            break
    size = rng.choice(world.SIZES)
    return Look(shape, colour, size, rng.choice(world.SIZE_WORDS[size]), bg_colour, bg_kind)


def sample_clip(rng: random.Random, length, change_prob=0.3, held_out_only=False, motion=None):
    """A clip of `length` frames; held_out_only draws its (first) shape+colour+motion from the held-out triples."""
    while True:
        look = sample_look(rng)
        m = motion if motion is not None else rng.choice(MOTIONS)
        if held_out(look.shape, look.colour, m) == held_out_only:
            break
    position = rng.choice(list(world.POSITIONS))
    gx, gy = world.POSITIONS[position]
    jx, jy = rng.uniform(-16, 16), rng.uniform(-16, 16)
    state = State((gx + 0.5) * world.CELL + jx, (gy + 0.5) * world.CELL + jy, phase=rng.uniform(0, 2 * math.pi),
                  vx=rng.choice([-1, 1]) * BOUNCE_SPEED, vy=rng.choice([-1, 1]) * BOUNCE_SPEED,
                  angle=0.0, scale=1.0)
    if m in ("growing", "shrinking"):
        state.scale = rng.uniform(SCALE_MIN, SCALE_MAX)
    start(m, state, radius(look))
    segments = [Segment(0, look, m, caption(look, m, position))]
    change = rng.randint(3, max(3, length - 2)) if length > 5 and rng.random() < change_prob else None
    states = []
    for t in range(length):
        if t == change:
            seg = segments[-1]
            new_look, new_motion = replace(seg.look), seg.motion
            kind = rng.random()
            if kind < 0.5:
                new_motion = rng.choice([x for x in MOTIONS if x != seg.motion])
            elif kind < 0.8:
                new_look.colour = rng.choice([c for c in world.COLOUR_NAMES
                                              if c != seg.look.colour and world.distinct(c, seg.look.bg_colour)])
            else:
                new_look.shape = rng.choice([x for x in world.SHAPES if x != seg.look.shape])
            if not held_out(new_look.shape, new_look.colour, new_motion):
                start(new_motion, state, radius(new_look))
                segments.append(Segment(t, new_look, new_motion,
                                        caption(new_look, new_motion, cell_of(state.x, state.y))))
        if t > 0:
            step(segments[-1].motion, state, radius(segments[-1].look))
        states.append(replace(state))
    return Clip(segments, states)


if __name__ == "__main__":
    rng = random.Random(0)
    rows = []
    for i in range(6):
        clip = sample_clip(rng, 24, change_prob=0.5)
        print([(s.start, s.caption) for s in clip.segments])
        frames = clip.frames(every=3)
        rows.append(np.concatenate([np.asarray(Image.fromarray(f).resize((96, 96))) for f in frames], axis=1))
    Image.fromarray(np.concatenate(rows, axis=0)).save("/tmp/world_video.png")
