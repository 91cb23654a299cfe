"""Measures generated video frames against the clip their prompt describes.

Per frame: the background (colour and kind, nearest rendered candidate), the object (largest region that
differs from that background): colour (nearest palette colour), shape (mask template match over rotations,
since objects spin) and, for motions that keep the object in its cell, the position cell. Per clip: the
motion direction of the translations (centroid displacement over the first second, wrap-aware)."""
import math

import numpy as np
from PIL import Image, ImageDraw

from checks import check_images
from data import world, world_video

RES = check_images.RES
SCALE = world.SIZE / RES
STAYS_IN_CELL = {"", "spinning", "growing", "shrinking", "pulsing"}


def _rotated_templates(shape):
    out = []
    for angle in range(0, 360, 10):
        img = Image.new("L", (world.SIZE, world.SIZE), 0)
        pts = world.shape_polygon(shape, 0, 0, 150) if shape not in ("circle", "ring") else None
        d = ImageDraw.Draw(img)
        if pts is None:
            world.draw_shape(d, shape, 256, 256, 150, 255, 0)
        else:
            a = math.radians(angle)
            d.polygon([(256 + x * math.cos(a) - y * math.sin(a), 256 + x * math.sin(a) + y * math.cos(a)) for x, y in pts],
                      fill=255)
        out.append(check_images._normalise(np.asarray(img.resize((RES, RES), Image.BOX)) > 127))
        if pts is None:
            break
    return out


_TEMPLATES = {s: _rotated_templates(s) for s in world.SHAPES}


def find_object(img):
    """Background (colour, kind) and the largest differing region of a uint8 [512,512,3] frame."""
    im = check_images.small(img)
    scores = {key: np.median(np.abs(im - bg).sum(-1)) + 0.1 * np.abs(im - bg).mean()
              for key, bg in check_images._BACKGROUNDS.items()}
    bg_key = min(scores, key=scores.get)
    diff = np.abs(im - check_images._BACKGROUNDS[bg_key]).sum(-1) > 90
    regions = [pts for pts in check_images.components(diff) if len(pts) >= 12]
    if not regions:
        return bg_key, None
    pts = max(regions, key=len)
    rgb = np.median(im[pts[:, 0], pts[:, 1]], axis=0)
    colour = world.COLOUR_NAMES[int(np.argmin(((check_images.PALETTE - rgb) ** 2).sum(1)))]
    m = np.zeros((RES, RES), dtype=bool)
    m[pts[:, 0], pts[:, 1]] = True
    t = check_images._normalise(m)
    iou = {s: max((t & tm).sum() / max(1, (t | tm).sum()) for tm in tms) for s, tms in _TEMPLATES.items()}
    cy, cx = pts.mean(0) * SCALE
    return bg_key, dict(colour=colour, shape=max(iou, key=iou.get), centre=(cx, cy),
                        cell=world_video.cell_of(cx, cy), area=len(pts))


def measure_frame(img, look, motion, position):
    """Attribute -> correct? for one frame of a clip whose caption says look, motion and start position."""
    (bg_colour, bg_kind), obj = find_object(img)
    res = {"background colour": bg_colour == look.bg_colour, "background kind": bg_kind == look.bg_kind,
           "object colour": obj is not None and obj["colour"] == look.colour,
           "object shape": obj is not None and obj["shape"] == look.shape}
    if motion in STAYS_IN_CELL:
        res["object position"] = obj is not None and obj["cell"] == position
    return res


def object_centre(img, colour):
    """Centroid (x, y) in pixels of the pixels nearest to the object's palette colour, or None."""
    im = check_images.small(img)
    d = ((im[..., None, :] - check_images.PALETTE[None, None]) ** 2).sum(-1)
    mask = (d.argmin(-1) == world.COLOUR_NAMES.index(colour)) & (d.min(-1) < 60 ** 2)
    if mask.sum() < 6:
        return None
    ys, xs = np.nonzero(mask)
    # circular mean: an object that wraps around an edge keeps one centre
    ang = lambda v: np.angle(np.exp(2j * np.pi * v / RES).mean()) * RES / (2 * np.pi) % RES
    return ang(xs) * SCALE, ang(ys) * SCALE


def direction_correct(img_a, img_b, colour, motion):
    """Does the object move, from frame a to frame b, the way the translation says (the larger axis, its sign)?"""
    a, b = object_centre(img_a, colour), object_centre(img_b, colour)
    if a is None or b is None:
        return False
    dx = (b[0] - a[0] + 256) % 512 - 256
    dy = (b[1] - a[1] + 256) % 512 - 256
    ex, ey = world_video.TRANSLATIONS[motion]
    if max(abs(dx), abs(dy)) < 8:
        return False
    return (dx * ex > 0 and abs(dx) > abs(dy)) if ex else (dy * ey > 0 and abs(dy) > abs(dx))


def summarise(rows):
    per = {}
    for r in rows:
        for k, v in r.items():
            per.setdefault(k, []).append(v)
    flat = [v for r in rows for v in r.values()]
    return {"accuracy": float(np.mean(flat)) if flat else 0.0,
            "per_attribute": {k: float(np.mean(v)) for k, v in sorted(per.items())}}


def evaluate_clips(clips, frames_of, first=0, last=79, direction_frames=(0, 8)):
    """clips: world_video.Clip (one caption each); frames_of(i, t) -> uint8 frame t of the generated clip i.
    Returns attribute accuracy on the first and the last frame, their ratio, and the direction accuracy."""
    firsts, lasts, dirs = [], [], []
    for i, clip in enumerate(clips):
        seg = clip.segments[0]
        position = world_video.cell_of(clip.states[0].x, clip.states[0].y)
        firsts.append(measure_frame(frames_of(i, first), seg.look, seg.motion, position))
        lasts.append(measure_frame(frames_of(i, last), seg.look, seg.motion, position))
        if seg.motion in world_video.TRANSLATIONS:
            dirs.append(direction_correct(frames_of(i, direction_frames[0]), frames_of(i, direction_frames[1]),
                                          seg.look.colour, seg.motion))
    f, l = summarise(firsts), summarise(lasts)
    return {"clips": len(clips), "first_frame": f, "last_frame": l,
            "last_over_first": l["accuracy"] / max(f["accuracy"], 1e-9),
            "direction_accuracy": float(np.mean(dirs)) if dirs else None, "translation_clips": len(dirs)}
