"""The embedded models' latent: a scene code on the 16x32x32 grid the app's pipeline expects.

Where an autoencoder's dense latent mixes an object's shape with its sub-cell position (so averaging over the
placements a caption leaves open blurred shapes into blobs), this latent says what is in the picture in a few
exact numbers: one cell per object (up to 8) for where it is and what it looks like, one for the background. The
learned renderer (`scene_nets.Renderer`) draws it crisp; a clip moves an object by changing two numbers.

Row 0, column k: object k's drawing state; row 1: its look and motion state; row 2: its motion; row 3, column 0:
the background. Every other cell is zero, which the unets use: their noise input there is pure noise at every
timestep, the source of the seed's choices."""
import math

import numpy as np
import torch

from data import world, world_video

CHANNELS, GRID = 16, 32
OBJECTS = 8                      # two groups of up to four
# row 0
PRESENT, X, Y, RADIUS, COS, SIN, SHAPE, WRAP = 0, 1, 2, 3, 4, 5, 6, 14      # SHAPE..SHAPE+7: one-hot
# row 1
RGB, BASE_RADIUS, SCALE, VX, VY, PHASE_COS, PHASE_SIN, ORBIT_X, ORBIT_Y, STARTED = 0, 3, 4, 5, 6, 7, 8, 9, 10, 11
# row 2: MOTION..MOTION+10, world_video.MOTIONS order ("" = still, last)
MOTION = 0
# row 3, column 0
BG_A, BG_B, BG_KIND = 0, 3, 6    # BG_KIND..BG_KIND+3: one-hot over world.BACKGROUNDS
BG_ROW = 3
NOISE_ROW = 8                     # the unets draw the seed's choices from the noise in this row
POS_UNIT, RADIUS_UNIT = 512.0, 100.0
MOTIONS = world_video.MOTIONS


def rgb(colour):
    return np.array(world.COLOURS[colour], dtype=np.float32) / 255


def background_code(code, colour, kind):
    code[BG_A:BG_A + 3, BG_ROW, 0] = rgb(colour)
    code[BG_B:BG_B + 3, BG_ROW, 0] = np.array(world.shade(world.COLOURS[colour]), dtype=np.float32) / 255
    code[BG_KIND + world.BACKGROUNDS.index(kind), BG_ROW, 0] = 1


def object_code(code, k, shape, colour, x, y, base_radius, scale=1.0, angle=0.0, motion="", wrap=False,
                vx=1.0, vy=1.0, phase=0.0, ox=0.0, oy=0.0, started=0.0):
    code[PRESENT, 0, k] = 1
    code[X, 0, k], code[Y, 0, k] = x / POS_UNIT, y / POS_UNIT
    code[RADIUS, 0, k] = base_radius * scale / RADIUS_UNIT
    code[COS, 0, k], code[SIN, 0, k] = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    code[SHAPE + world.SHAPES.index(shape), 0, k] = 1
    code[WRAP, 0, k] = float(wrap)
    code[RGB:RGB + 3, 1, k] = rgb(colour)
    code[BASE_RADIUS, 1, k] = base_radius / RADIUS_UNIT
    code[SCALE, 1, k] = scale
    code[VX, 1, k], code[VY, 1, k] = np.sign(vx), np.sign(vy)
    code[PHASE_COS, 1, k], code[PHASE_SIN, 1, k] = math.cos(phase), math.sin(phase)
    code[ORBIT_X, 1, k], code[ORBIT_Y, 1, k] = ox / POS_UNIT, oy / POS_UNIT
    code[STARTED, 1, k] = started
    code[MOTION + MOTIONS.index(motion), 2, k] = 1


def scene_code(scene: world.Scene):
    """The code of an image-world scene [16, 32, 32]: objects of group g in columns 4g..4g+3."""
    code = np.zeros((CHANNELS, GRID, GRID), dtype=np.float32)
    background_code(code, scene.bg_colour, scene.bg_kind)
    for g, group in enumerate(scene.groups):
        centres, r = world.object_centres(group)
        jx, jy = scene.jitter[g % len(scene.jitter)]
        for j, (cx, cy) in enumerate(centres):
            object_code(code, 4 * g + j, group.shape, group.colour, cx + jx, cy + jy, r, motion=group.motion)
    return code


def frame_code(look: world_video.Look, state: world_video.State, motion: str):
    """The code of one video-world frame [16, 32, 32]: its one object in column 0."""
    code = np.zeros((CHANNELS, GRID, GRID), dtype=np.float32)
    background_code(code, look.bg_colour, look.bg_kind)
    object_code(code, 0, look.shape, look.colour, state.x, state.y, world_video.radius(look), state.scale,
                state.angle, motion, motion in world_video.TRANSLATIONS, state.vx, state.vy, state.phase,
                state.ox, state.oy, 1.0)
    return code


def objects(latent):
    """Rows 0-2 of the object columns as [B, 8, 16] each: drawing state, look and motion."""
    return tuple(latent[:, :, row, :OBJECTS].transpose(1, 2) for row in range(3))


def background(latent):
    return latent[:, :, BG_ROW, 0]


def assemble(draw, look, motion, bg):
    """The latent [B, 16, 32, 32] from rows [B, 8, 16] and the background [B, 16]."""
    b = draw.shape[0]
    rows = torch.cat([torch.cat([r.transpose(1, 2), torch.zeros(b, CHANNELS, GRID - OBJECTS, dtype=r.dtype)], 2)[:, :, None]
                      for r in (draw, look, motion)], 2)                          # [B, 16, 3, 32]
    bg_row = torch.cat([bg[:, :, None], torch.zeros(b, CHANNELS, GRID - 1)], 2)[:, :, None]
    return torch.cat([rows, bg_row, torch.zeros(b, CHANNELS, GRID - 4, GRID)], 2)


# Image-to-image reads a picture's code back from the noisy latent a strength gives (x0 + sigma * n). A single copy
# would drown: at strength 0.5 (sigma 1.6) the noise on a place is hundreds of pixels. So every code also carries
# COPIES copies of its rows 0-3 (objects and background), COPY_GAIN times larger, in the rows below the noise row,
# which the renderer never reads; their mean over the gain leaves sigma / (COPY_GAIN * sqrt(COPIES)) of noise: a
# place moves by about 5 px at strength 0.25, 12 px at 0.5, 26 px at 0.75.
COPY_ROW, COPY_GAIN = 12, 16.0
COPY_BLOCK = (4, OBJECTS)                                      # rows 0-3 of the object columns
COPIES = ((GRID - COPY_ROW) // COPY_BLOCK[0]) * (GRID // COPY_BLOCK[1])


def with_copies(latent):
    """The latent [B, 16, 32, 32] with its copies written below the noise row (replacing what was there)."""
    block = latent[:, :, :COPY_BLOCK[0], :COPY_BLOCK[1]] * COPY_GAIN
    tiled = block.repeat(1, 1, (GRID - COPY_ROW) // COPY_BLOCK[0], GRID // COPY_BLOCK[1])
    return torch.cat([latent[:, :, :COPY_ROW], tiled], 2)


def from_copies(latent):
    """The code the copies of a (noisy) latent hold: their mean, rows 0-3 of an otherwise empty code."""
    b = latent.shape[0]
    rows, cols = COPY_BLOCK
    tiles = latent[:, :, COPY_ROW:].reshape(b, CHANNELS, (GRID - COPY_ROW) // rows, rows, GRID // cols, cols)
    block = tiles.mean((2, 4)) / COPY_GAIN                                           # [B, 16, 4, 8]
    block = torch.cat([block, torch.zeros(b, CHANNELS, rows, GRID - cols)], 3)
    return torch.cat([block, torch.zeros(b, CHANNELS, GRID - rows, GRID)], 2)
