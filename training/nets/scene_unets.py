"""The embedded models' unets in the app's interfaces (`scene_nets` holds their parts).

Image (the SD-Turbo layout): sample, timestep, token states -> eps, with x0 = x - sigma * eps the scene code the
prompt describes, its open attributes drawn by the seed's noise. Video (the packed-context layout): the same for a
first frame; after it, frame t-1's code moved on by one frame of each object's motion, with what the prompt now
names (a motion, colour, shape, size, background) taken up."""
import torch
import torch.nn as nn

from nets import scene_code as sc
from data import world
from nets.scene_nets import NAMED, TEMPERATURE, Layout, Motion, SceneParser, noise_row, one_hot_max, with_channels

SCHEDULE_BETAS = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, 1000, dtype=torch.float64) ** 2
ALPHAS_CUMPROD = torch.cumprod(1 - SCHEDULE_BETAS, 0)
SIGMAS = ((1 - ALPHAS_CUMPROD) / ALPHAS_CUMPROD).sqrt().float()     # SD's scaled_linear schedule


class TextToScene(nn.Module):
    """Token states and noise -> the scene code of a picture of the prompt."""

    def __init__(self):
        super().__init__()
        self.parser, self.layout = SceneParser(), Layout()

    def forward(self, h, noise):
        _, picks = self.parser(h, noise)
        return sc.assemble(*self.layout(picks, noise))


class ImageUNet(nn.Module):
    def __init__(self, scene: TextToScene):
        super().__init__()
        self.scene = scene
        self.register_buffer("sigmas", SIGMAS)

    def forward(self, sample, timestep, encoder_hidden_states):
        sigma = self.sigmas[timestep]
        x0 = self.scene(encoder_hidden_states, noise_row(sample, sigma))
        scale = (sigma ** 2 + 1).sqrt()
        return (sample * scale - x0) / sigma


class Steering(nn.Module):
    """Frame t-1's code with what the prompt names now taken up, then one frame of motion."""

    def __init__(self, scene: TextToScene, motion: Motion):
        super().__init__()
        self.scene, self.motion = scene, motion

    def forward(self, previous, h):
        logits, _ = self.scene.parser(h)
        named = {n: (torch.softmax(l / TEMPERATURE, -1).max(-1, keepdim=True)[0] > NAMED).float()
                 for n, l in logits.items()}
        picks = {n: one_hot_max(l) for n, l in logits.items()}
        layout = self.scene.layout
        draw, look, motion = sc.objects(previous)
        draws, looks, motions = [], [], []
        for g in (0, 1):
            cols = slice(4 * g, 4 * g + 4)
            d, lk, m = draw[:, cols], look[:, cols], motion[:, cols]
            p = f"g{g}."
            keep = lambda name: 1 - named[p + name][:, None]
            new_shape = keep("shape") * d[..., sc.SHAPE:sc.SHAPE + len(world.SHAPES)] + (1 - keep("shape")) * picks[p + "shape"][:, None]
            rgb = keep("colour") * lk[..., sc.RGB:sc.RGB + 3] + (1 - keep("colour")) * (picks[p + "colour"] @ layout.colours)[:, None]
            objects = d[..., sc.PRESENT].sum(-1, keepdim=True)
            count = ((torch.arange(1, 5) - objects).abs() < 0.5).float()          # the group's count, one-hot
            base = layout.group_radius(count, picks[p + "size"])
            base = keep("size")[..., 0] * lk[..., sc.BASE_RADIUS] + (1 - keep("size")[..., 0]) * base
            new_motion = keep("motion") * m[..., :len(sc.MOTIONS)] + (1 - keep("motion")) * picks[p + "motion"][:, None]
            present = d[..., sc.PRESENT:sc.PRESENT + 1]
            d = with_channels(d, {sc.SHAPE + k: new_shape[..., k] * present[..., 0] for k in range(len(world.SHAPES))})
            lk = with_channels(lk, {sc.RGB + i: rgb[..., i] * present[..., 0] for i in range(3)}
                               | {sc.BASE_RADIUS: base * present[..., 0]})
            new_motion = torch.cat([new_motion * present, m[..., len(sc.MOTIONS):]], -1)
            d, lk = self.motion(d, lk, new_motion, m)
            draws.append(d), looks.append(lk), motions.append(new_motion)
        bg = sc.background(previous)
        keep_colour, keep_kind = 1 - named["bg_colour"], 1 - named["bg_kind"]
        kinds = len(world.BACKGROUNDS)
        bg = torch.cat([keep_colour * bg[:, sc.BG_A:sc.BG_A + 3] + (1 - keep_colour) * (picks["bg_colour"] @ layout.bg_a),
                        keep_colour * bg[:, sc.BG_B:sc.BG_B + 3] + (1 - keep_colour) * (picks["bg_colour"] @ layout.bg_b),
                        keep_kind * bg[:, sc.BG_KIND:sc.BG_KIND + kinds] + (1 - keep_kind) * picks["bg_kind"],
                        bg[:, sc.BG_KIND + kinds:]], -1)
        return sc.assemble(torch.cat(draws, 1), torch.cat(looks, 1), torch.cat(motions, 1), bg)


class VideoUNet(nn.Module):
    def __init__(self, scene: TextToScene, motion: Motion):
        super().__init__()
        self.scene, self.steering = scene, Steering(scene, motion)
        self.register_buffer("sigmas", SIGMAS)

    def forward(self, sample, timestep, encoder_hidden_states, first_frame, recent_frames, history, has_context):
        sigma = self.sigmas[timestep]
        first = self.scene(encoder_hidden_states, noise_row(sample, sigma))
        following = self.steering(recent_frames[:, :sc.CHANNELS], encoder_hidden_states)
        # frame t-1's code is the whole state, so the anchor and the history the pipeline packs are not needed
        unused = (first_frame[:, :1, :1, :1] + history[:, :1, :1, :1]) * 0
        context = has_context[:, None, None, None] if has_context.dim() == 1 else has_context
        x0 = context * following + (1 - context) * first + unused
        scale = (sigma ** 2 + 1).sqrt()
        return (sample * scale - x0) / sigma
