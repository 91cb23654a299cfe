"""The embedded image model's vae_encoder: a picture -> its scene code (with the copies image-to-image reads).

Two stages, as two-stage detectors do. The detector (as CenterNet): the picture at 128 px, a convolutional trunk to
a 32x32 map (one cell per 16 px), and per cell the chance that an object's centre is there and its radius; the
eight strongest local peaks above PRESENT are the objects; the ground's two colours and pattern come from the whole
map and the picture's edges. The reader: a crop around each object, scaled to its size, -> its shape, colour, and
the corrections to its centre and radius (a crop shows both edges of an object, which one cell of the map does not).
Rotation is not read (objects come out upright)."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from data import world
from nets import scene_code as sc

CELL = 16                                     # pixels of the 512 picture per cell of the map
PRESENT = 0.35                                # a peak this strong is an object
SHAPES, KINDS = len(world.SHAPES), len(world.BACKGROUNDS)
# the map's per-cell outputs; its shape and colour are trained as aids to the trunk, the reader's are the ones used
HEAT, OFFSET, RADIUS, SHAPE, RGB = 0, 1, 3, 4, 4 + SHAPES
CELL_OUTPUTS = RGB + 3


class Block(nn.Module):
    def __init__(self, width, dilation):
        super().__init__()
        self.conv1 = nn.Conv2d(width, width, 3, padding=dilation, dilation=dilation)
        self.norm1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, padding=1)
        self.norm2 = nn.BatchNorm2d(width)

    def forward(self, x):
        return x + self.norm2(self.conv2(F.relu(self.norm1(self.conv1(F.relu(x))))))


class SceneEncoder(nn.Module):
    def __init__(self, width=48):
        super().__init__()
        self.trunk = nn.Sequential(nn.Conv2d(3, 32, 3, 2, 1), nn.BatchNorm2d(32), nn.ReLU(),
                                   nn.Conv2d(32, width, 3, 2, 1), nn.BatchNorm2d(width),
                                   *[Block(width, d) for d in (1, 2, 4, 8)], nn.ReLU())
        # the heads also see each cell's own colour, so an object's colour need not pass through the trunk
        self.cells = nn.Sequential(nn.Conv2d(width + 3, width, 1), nn.ReLU(), nn.Conv2d(width, CELL_OUTPUTS, 1))
        self.ground = nn.Sequential(nn.Linear(width + 12, 128), nn.ReLU(), nn.Linear(128, 6 + KINDS))
        self.reader = ObjectReader()

    def maps(self, picture):
        """picture [B, 3, 512, 512] in [-1, 1] -> per-cell outputs [B, CELL_OUTPUTS, 32, 32] (logits and raw
        values) and the ground's [B, 6 + KINDS] (two colours, pattern logits)."""
        small = F.avg_pool2d(picture * 0.5 + 0.5, 4)                                   # [B, 3, 128, 128] in [0, 1]
        features = self.trunk(small)
        edges = torch.cat([small[:, :, :4].mean((2, 3)), small[:, :, -4:].mean((2, 3)),
                           small[..., :4].mean((2, 3)), small[..., -4:].mean((2, 3))], 1)
        cells = self.cells(torch.cat([features, F.avg_pool2d(small, 4)], 1))
        return cells, self.ground(torch.cat([features.mean((2, 3)), edges], 1))

    def forward(self, sample):
        """The vae_encoder graph: `sample` -> `latent_sample`, the code with its copies."""
        cells, ground = self.maps(sample)
        b = cells.shape[0]
        heat = torch.sigmoid(cells[:, HEAT])
        peaks = heat * (heat >= F.max_pool2d(heat[:, None], 3, 1, 1)[:, 0]).float()
        score, index = peaks.flatten(1).topk(sc.OBJECTS)                                 # [B, 8], strongest first
        at = torch.gather(cells.flatten(2), 2, index[:, None].expand(b, CELL_OUTPUTS, sc.OBJECTS)).transpose(1, 2)
        present = (score > PRESENT).float()[..., None]
        col, row = (index % sc.GRID).float(), torch.div(index, sc.GRID, rounding_mode="floor").float()
        x = (col + torch.sigmoid(at[..., OFFSET])) * CELL
        y = (row + torch.sigmoid(at[..., OFFSET + 1])) * CELL
        r = F.softplus(at[..., RADIUS]) * sc.RADIUS_UNIT
        shape, rgb, x, y, r = self.reader.read(sample, x, y, r)
        shape = (shape >= shape.max(-1, keepdim=True)[0]).float()
        x, y, radius = x[..., None] / sc.POS_UNIT, y[..., None] / sc.POS_UNIT, r[..., None] / sc.RADIUS_UNIT
        one, zero = torch.ones(b, sc.OBJECTS, 1), torch.zeros(b, sc.OBJECTS, 1)
        draw = torch.cat([one, x, y, radius, one, zero, shape, zero, zero], -1)
        look = torch.cat([rgb, radius, one, one, one, one, zero, zero, zero, torch.zeros(b, sc.OBJECTS, 5)], -1)
        motion = F.one_hot(torch.tensor(len(sc.MOTIONS) - 1), sc.CHANNELS).float().expand(b, sc.OBJECTS, -1)
        kind = ground[:, 6:]
        bg = torch.cat([torch.sigmoid(ground[:, :6]), (kind >= kind.max(-1, keepdim=True)[0]).float(),
                        torch.zeros(b, sc.CHANNELS - 6 - KINDS)], -1)
        return sc.with_copies(sc.assemble(draw * present, look * present, motion * present, bg))


CROP, WINDOW = 40, 1.5          # crop side in samples; half its width in radii


def crops(picture, x, y, r):
    """Crops [B * K, 3, CROP, CROP] of the picture [B, 3, 512, 512] (in [-1, 1]) around centres x, y [B, K] (px),
    WINDOW radii r [B, K] each way, sampled from the picture at 128 px (so thin strokes are not stepped over)."""
    b, k = x.shape
    small = F.avg_pool2d(picture, 4)
    base = torch.linspace(-1, 1, CROP)
    half = WINDOW * r / (sc.POS_UNIT / 2)
    gx = (x / (sc.POS_UNIT / 2) - 1)[..., None, None] + half[..., None, None] * base[None, None, None, :]
    gy = (y / (sc.POS_UNIT / 2) - 1)[..., None, None] + half[..., None, None] * base[None, None, :, None]
    grid = torch.stack([gx.expand(b, k, CROP, CROP), gy.expand(b, k, CROP, CROP)], -1).reshape(b, k * CROP, CROP, 2)
    out = F.grid_sample(small, grid, mode="bilinear", padding_mode="border", align_corners=False)  # [B, 3, K*CROP, CROP]
    return out.reshape(b, 3, k, CROP, CROP).transpose(1, 2).reshape(b * k, 3, CROP, CROP)


class ObjectReader(nn.Module):
    """A crop around a found object -> shape logits, colour, and its centre and radius corrected."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, 32, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2),
                                 nn.Conv2d(32, 64, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2),
                                 nn.Conv2d(64, 64, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                                 nn.Linear(64 * (CROP // 8) ** 2, 128), nn.ReLU(), nn.Linear(128, SHAPES + 3 + 3))

    def forward(self, crop):
        out = self.net(crop)
        return out[:, :SHAPES], torch.sigmoid(out[:, SHAPES:SHAPES + 3]), out[:, SHAPES + 3:]

    def read(self, picture, x, y, r):
        """Objects at x, y, r [B, K] (px) -> shape logits [B, K, 8], rgb [B, K, 3] and x, y, r corrected."""
        b, k = x.shape
        shape, rgb, fix = self(crops(picture, x, y, r))
        fix = fix.reshape(b, k, 3)
        return (shape.reshape(b, k, SHAPES), rgb.reshape(b, k, 3), x + fix[..., 0] * r, y + fix[..., 1] * r,
                r * torch.exp(fix[..., 2].clamp(-1, 1)))


def reader_loss(reader, pictures, codes, rng):
    """The reader on crops around each object's true centre and radius, moved and scaled as the detector errs."""
    draw, look, _ = sc.objects(codes)
    present = draw[..., sc.PRESENT] > 0.5
    x, y = draw[..., sc.X] * sc.POS_UNIT, draw[..., sc.Y] * sc.POS_UNIT
    r = draw[..., sc.RADIUS] * sc.RADIUS_UNIT
    g = torch.Generator().manual_seed(rng.randrange(2 ** 31))
    noise = lambda: torch.randn(x.shape, generator=g)
    r0 = r * torch.exp(0.15 * noise())
    x0, y0 = x + (0.12 * r + 4) * noise(), y + (0.12 * r + 4) * noise()
    shape, rgb, fix = reader(crops(pictures, x0, y0, r0.clamp(min=4)))
    keep = present.flatten()
    shape, rgb, fix = shape[keep], rgb[keep], fix[keep]
    target_fix = torch.stack([(x - x0) / r0, (y - y0) / r0, torch.log(r / r0.clamp(min=4))], -1).reshape(-1, 3)[keep]
    target_shape = draw[..., sc.SHAPE:sc.SHAPE + SHAPES].argmax(-1).flatten()[keep]
    parts = {"shape": F.cross_entropy(shape, target_shape),
             "colour": (rgb - look[..., sc.RGB:sc.RGB + 3].reshape(-1, 3)[keep]).abs().mean(),
             "fix": (fix - target_fix).abs().mean()}
    return parts["shape"] + 10 * parts["colour"] + 5 * parts["fix"], parts


def targets(codes):
    """What the maps should say for codes [B, 16, 32, 32]: per-cell heat [B, 32, 32] (a Gaussian at each centre),
    and at each centre cell (mask [B, 32, 32]) the offset, radius, shape index and colour; the ground's colours and
    pattern index."""
    b = codes.shape[0]
    draw, look, _ = sc.objects(codes)
    present = draw[..., sc.PRESENT] > 0.5
    px, py = draw[..., sc.X] * sc.POS_UNIT / CELL, draw[..., sc.Y] * sc.POS_UNIT / CELL      # in cells
    r_cells = draw[..., sc.RADIUS] * sc.RADIUS_UNIT / CELL
    spread = (r_cells / 3).clamp(min=0.7)
    grid = torch.arange(sc.GRID, dtype=torch.float32) + 0.5
    col, row = px.floor().clamp(0, sc.GRID - 1), py.floor().clamp(0, sc.GRID - 1)
    gauss = torch.exp(-((grid[None, None, None, :] - (col + 0.5)[..., None, None]) ** 2
                        + (grid[None, None, :, None] - (row + 0.5)[..., None, None]) ** 2) / (2 * spread[..., None, None] ** 2))
    heat = (gauss * present[..., None, None]).amax(1)
    mask = torch.zeros(b, sc.GRID, sc.GRID)
    values = torch.zeros(b, 6 + 1, sc.GRID, sc.GRID)          # offset x, y, radius, r, g, b, shape index
    for i in range(b):
        for k in torch.nonzero(present[i]).flatten().tolist():
            r_, c_ = int(row[i, k]), int(col[i, k])
            mask[i, r_, c_] = 1
            values[i, :, r_, c_] = torch.stack([px[i, k] - c_, py[i, k] - r_, draw[i, k, sc.RADIUS],
                                                *look[i, k, sc.RGB:sc.RGB + 3],
                                                draw[i, k, sc.SHAPE:sc.SHAPE + SHAPES].argmax().float()])
    bg = sc.background(codes)
    return heat, mask, values, bg[:, :6], bg[:, sc.BG_KIND:sc.BG_KIND + KINDS].argmax(-1)


def loss(encoder, pictures, codes):
    """Focal loss on the centre heat (as CenterNet), L1 on offsets, radii and colours and cross-entropy on shapes at
    the centres, L1 and cross-entropy on the ground."""
    cells, ground = encoder.maps(pictures)
    heat, mask, values, bg, kind = targets(codes)
    p = torch.sigmoid(cells[:, HEAT]).clamp(1e-4, 1 - 1e-4)
    centre = (heat > 0.999).float()
    focal = -(centre * (1 - p) ** 2 * torch.log(p) + (1 - centre) * (1 - heat) ** 4 * p ** 2 * torch.log(1 - p))
    n = mask.sum().clamp(min=1)
    focal = focal.sum() / n
    at = lambda t: t.permute(0, 2, 3, 1)[mask > 0]
    cell, value = at(cells), at(values)
    if len(value):
        place = (torch.sigmoid(cell[:, OFFSET:OFFSET + 2]) - value[:, :2]).abs().mean()
        size = (F.softplus(cell[:, RADIUS]) - value[:, 2]).abs().mean()
        colour = (torch.sigmoid(cell[:, RGB:RGB + 3]) - value[:, 3:6]).abs().mean()
        shape = F.cross_entropy(cell[:, SHAPE:SHAPE + SHAPES], value[:, 6].long())
    else:
        place = size = colour = shape = torch.zeros(())
    ground_loss = (torch.sigmoid(ground[:, :6]) - bg).abs().mean() + F.cross_entropy(ground[:, 6:], kind)
    parts = {"heat": focal, "place": place, "size": size, "colour": colour, "shape": shape, "ground": ground_loss}
    return focal + 5 * place + 10 * size + 10 * colour + shape + 10 * ground_loss, parts
