"""The packed-context next-frame UNet of the embedded video model. The autoencoder, the text encoder and the
building blocks (residual and attention blocks) are the image model's (`models.py`)."""
import torch
import torch.nn as nn
import torch.nn.functional as F

import models
from models import LATENT_CHANNELS, ResBlock, Attention, gn, timestep_embedding

AB = torch.tensor(models.sd_alphas_cumprod(), dtype=torch.float32)
SIGMAS = ((1 - AB) / AB).sqrt()
HISTORY_POOL = 4            # the history average is compressed 4x4 inside the graph (FramePack's packing)


def pack_history(history):
    """FramePack's compression of old context: the history average pooled 4x4, back on the full grid."""
    return F.interpolate(F.avg_pool2d(history, HISTORY_POOL), scale_factor=float(HISTORY_POOL), mode="nearest")


def moved(latent, flow, grid):
    """latent with its content carried by flow [B, 2, h, w] (latent cells, x then y), sampled bicubically:
    bilinear sampling, repeated frame after frame, blurred the object away within 10 s."""
    hh, ww = latent.shape[-2:]
    step = torch.tensor([2.0 / ww, 2.0 / hh]).reshape(1, 1, 1, 2)
    return F.grid_sample(latent, grid - flow.permute(0, 2, 3, 1) * step, mode="bicubic", padding_mode="border",
                         align_corners=False)


class VideoUNet(nn.Module):
    """x_t (VP form), t, text tokens, packed context -> x0 of the frame.
    The context (anchor frame 0, frames t-1 and t-2 at full detail, the compressed history) enters as extra
    input channels gated by has_context. Once there is context the prediction is a residual on a per-cell blend
    of the anchor and frame t-1 whose weights the network predicts too: where the scene stands still it copies the
    anchor, so errors do not pile up frame after frame (a residual on frame t-1 alone drifted to saturated colour
    within 10 s), and where the object moves it builds on frame t-1 carried along: the caption gives the velocity
    (one linear map of the pooled text: "moving left" is a direction, learnt in few steps), the network where it
    applies (a per-cell mask). A move of a third of a latent cell per frame is then two numbers, where as a
    residual it is a change of every channel of every cell the object touches, which few CPU steps do not learn."""

    def __init__(self, text_dim=128, ch=(64, 128), temb=128, size=32):
        super().__init__()
        c1, c2 = ch
        self.temb_dim = temb
        self.t_mlp = nn.Sequential(nn.Linear(temb, temb), nn.SiLU(), nn.Linear(temb, temb))
        self.text_pool = nn.Linear(text_dim, temb)
        self.ctx_emb = nn.Parameter(torch.zeros(temb))
        yy, xx = torch.meshgrid(torch.linspace(-1, 1, size // 2), torch.linspace(-1, 1, size // 2), indexing="ij")
        self.register_buffer("coords", torch.stack([xx, yy])[None])
        self.unshuffle = nn.PixelUnshuffle(2)
        self.inp = nn.Conv2d(4 * 5 * LATENT_CHANNELS + 2, c1, 3, 1, 1)
        self.d1, self.d1x = ResBlock(c1, c1, temb), Attention(c1, text_dim)
        self.down = nn.Conv2d(c1, c2, 3, 2, 1)
        self.m1, self.ms, self.mx, self.m2 = ResBlock(c2, c2, temb), Attention(c2), Attention(c2, text_dim), ResBlock(c2, c2, temb)
        self.up = nn.Conv2d(c2, c1, 3, 1, 1)
        self.u1, self.u1x = ResBlock(2 * c1, c1, temb), Attention(c1, text_dim)
        self.u2 = ResBlock(c1, c1, temb)
        # per cell: the residual, the anchor's weight in the blend and where the velocity applies
        self.out = nn.Sequential(gn(c1), nn.SiLU(), nn.Conv2d(c1, 4 * (LATENT_CHANNELS + 2), 3, 1, 1), nn.PixelShuffle(2))
        nn.init.zeros_(self.out[2].weight)      # starts as the even blend of unmoved frames: a still frame
        nn.init.zeros_(self.out[2].bias)
        self.velocity = nn.Linear(text_dim, 2)  # latent cells per frame, x then y
        nn.init.zeros_(self.velocity.weight)
        nn.init.zeros_(self.velocity.bias)
        ys, xs = torch.meshgrid(torch.linspace(-1 + 1 / size, 1 - 1 / size, size),
                                torch.linspace(-1 + 1 / size, 1 - 1 / size, size), indexing="ij")
        self.register_buffer("grid", torch.stack([xs, ys], -1)[None])

    def forward(self, x, t, text, first, recent, history, has):
        g = has.reshape(-1, 1, 1, 1)
        ctx = torch.cat([first, recent, pack_history(history)], 1) * g
        temb = self.t_mlp(timestep_embedding(t, self.temb_dim)) + self.text_pool(text.mean(1)) \
            + has.reshape(-1, 1) * self.ctx_emb
        h = self.inp(torch.cat([self.unshuffle(torch.cat([x, ctx], 1)), self.coords.expand(x.shape[0], -1, -1, -1)], 1))
        h1 = self.d1x(self.d1(h, temb), text)
        h2 = self.m1(self.down(h1), temb)
        h2 = self.m2(self.mx(self.ms(h2), text), temb)
        u = self.up(F.interpolate(h2, scale_factor=2.0, mode="nearest"))
        u = self.u1x(self.u1(torch.cat([u, h1], 1), temb), text)
        u = self.u2(u, temb)
        out = self.out(u)
        c = LATENT_CHANNELS
        anchor = torch.sigmoid(out[:, c:c + 1])
        flow = self.velocity(text.mean(1))[:, :, None, None] * torch.sigmoid(out[:, c + 1:c + 2])
        base = anchor * first + (1 - anchor) * moved(recent[:, :c], flow, self.grid.expand(x.shape[0], -1, -1, -1))
        return out[:, :c] + g * base


class VideoUNetExport(nn.Module):
    """The video contract's interface (README, "Bring your own model"): scaled sample, int64 timestep -> eps,
    x0 = x - sigma*eps."""

    def __init__(self, unet):
        super().__init__()
        self.unet = unet
        self.register_buffer("sigmas", SIGMAS.clone())

    def forward(self, sample, timestep, encoder_hidden_states, first_frame, recent_frames, history, has_context):
        sigma = self.sigmas[timestep][:, None, None, None]
        x = sample * (sigma ** 2 + 1).sqrt()
        x0 = self.unet(sample, timestep, encoder_hidden_states, first_frame, recent_frames, history, has_context)
        return (x - x0) / sigma
