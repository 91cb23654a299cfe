"""Measures generated images against the scene their prompt describes.

Background colour and kind by matching rendered candidate backgrounds; objects as connected regions
that differ from that background: colour (nearest palette colour), position (3x3 cell of the centroid),
count (regions of the colour in the cell), size (extent) and shape (mask template match)."""
import json
import os
import sys
from collections import deque

import numpy as np
from PIL import Image, ImageDraw

from data import world

RES = 128
SCALE = world.SIZE / RES
PALETTE = np.array([world.COLOURS[c] for c in world.COLOUR_NAMES], dtype=np.float32)
_BACKGROUNDS = {(c, k): world.background(c, k, RES).astype(np.float32)
                for c in world.COLOUR_NAMES for k in world.BACKGROUNDS}


def _shape_mask(shape, n=32):
    img = Image.new("L", (world.SIZE, world.SIZE), 0)
    world.draw_shape(ImageDraw.Draw(img), shape, 256, 256, 150, 255, 0)
    return _normalise(np.asarray(img.resize((RES, RES), Image.BOX)) > 127, n)


def _normalise(mask, n=32):
    ys, xs = np.nonzero(mask)
    crop = mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    return np.asarray(Image.fromarray(crop.astype(np.uint8) * 255).resize((n, n), Image.BILINEAR)) > 127


_TEMPLATES = {s: _shape_mask(s) for s in world.SHAPES}


def small(img):
    return np.asarray(Image.fromarray(img).resize((RES, RES), Image.BOX)).astype(np.float32)


def components(mask):
    """Connected regions (4-neighbourhood) of a boolean mask, as arrays of (y, x)."""
    seen = np.zeros_like(mask, dtype=bool)
    out = []
    h, w = mask.shape
    for y0, x0 in zip(*np.nonzero(mask)):
        if seen[y0, x0]:
            continue
        seen[y0, x0] = True
        queue, pts = deque([(y0, x0)]), []
        while queue:
            y, x = queue.popleft()
            pts.append((y, x))
            for yy, xx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                if 0 <= yy < h and 0 <= xx < w and mask[yy, xx] and not seen[yy, xx]:
                    seen[yy, xx] = True
                    queue.append((yy, xx))
        out.append(np.array(pts))
    return out


def shape_of(pts):
    """The shape whose template a region's points [(y, x)] at RES px overlap best (intersection over union)."""
    m = np.zeros((RES, RES), dtype=bool)
    m[pts[:, 0], pts[:, 1]] = True
    t = _normalise(m)
    return max(_TEMPLATES, key=lambda s: (t & _TEMPLATES[s]).sum() / max(1, (t | _TEMPLATES[s]).sum()))


def object_mask(scene):
    """Where the scene's objects are (dilated), from its own rendering."""
    ref = small(world.render(scene))
    bg = _BACKGROUNDS[(scene.bg_colour, scene.bg_kind)]
    m = np.abs(ref - bg).sum(-1) > 30
    for _ in range(3):
        m = m | np.roll(m, 1, 0) | np.roll(m, -1, 0) | np.roll(m, 1, 1) | np.roll(m, -1, 1)
    return m


def measure(img, scene):
    """Attribute name -> correct? for one generated image (uint8 [512,512,3]) and its scene."""
    im = small(img)
    free = ~object_mask(scene)
    scores = {key: np.abs(im - bg)[free].mean() for key, bg in _BACKGROUNDS.items()}
    bg_colour, bg_kind = min(scores, key=scores.get)
    res = {"background colour": bg_colour == scene.bg_colour, "background kind": bg_kind == scene.bg_kind}
    diff = np.abs(im - _BACKGROUNDS[(bg_colour, bg_kind)]).sum(-1) > 90
    regions = []
    for pts in components(diff):
        if len(pts) < 12:
            continue
        rgb = np.median(im[pts[:, 0], pts[:, 1]], axis=0)
        colour = world.COLOUR_NAMES[int(np.argmin(((PALETTE - rgb) ** 2).sum(1)))]
        cy, cx = pts.mean(0) * SCALE
        cell = (min(2, int(cx // world.CELL)), min(2, int(cy // world.CELL)))
        regions.append(dict(pts=pts, colour=colour, cell=cell, area=len(pts)))
    for i, g in enumerate(scene.groups):
        cell = world.POSITIONS[g.position]
        here = [r for r in regions if r["cell"] == cell]
        mine = sorted((r for r in here if r["colour"] == g.colour), key=lambda r: -r["area"])
        largest = max(here, key=lambda r: r["area"]) if here else None
        res[f"object{i} colour"] = largest is not None and largest["colour"] == g.colour
        res[f"object{i} position"] = bool(mine)
        res[f"object{i} count"] = len(mine) == g.count
        shape = None
        if mine:
            pts = mine[0]["pts"]
            shape = shape_of(pts)
            if g.count == 1:
                extent = (np.ptp(pts, axis=0).max() + 1) * SCALE
                size = "small" if extent < 98 else ("" if extent < 162 else "large")
                res[f"object{i} size"] = size == g.size
        elif g.count == 1:
            res[f"object{i} size"] = False
        res[f"object{i} shape"] = shape == g.shape
    return res


def summarise(results):
    """Overall attribute accuracy and per-attribute-kind accuracy over many images."""
    per_kind = {}
    for r in results:
        for k, v in r.items():
            per_kind.setdefault(k.split(" ", 1)[1] if k.startswith("object") else k, []).append(v)
    flat = [v for r in results for v in r.values()]
    return {"accuracy": float(np.mean(flat)), "images": len(results),
            "per_attribute": {k: float(np.mean(v)) for k, v in sorted(per_kind.items())}}


def scene_from_dict(d):
    return world.Scene([world.Group(**g) for g in d["groups"]], d["bg_colour"], d["bg_kind"],
                       [tuple(j) for j in d["jitter"]])


if __name__ == "__main__":
    # usage: check_images.py FOLDER   (FOLDER holds scenes.json = [{"file":..., "scene":...}] and the PNGs)
    folder = sys.argv[1]
    entries = json.load(open(os.path.join(folder, "scenes.json")))
    out = [measure(np.asarray(Image.open(os.path.join(folder, e["file"])).convert("RGB")), scene_from_dict(e["scene"]))
           for e in entries]
    print(json.dumps(summarise(out), indent=2))
