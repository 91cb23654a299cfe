"""Builds a tiny random-weight video model in the packed-context layout the Java video pipeline loads,
with reference frames from an independent implementation of the sampling loop (notes in README.md).

Run: /usr/bin/python3 training/tiny_video_model.py   (seeded; rewrites src/test/resources/models/tiny-video/)
"""
import json
import math
import shutil

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

import tiny_models as tiny
import turbo_reference as ref

FOLDER = tiny.OUT / "tiny-video"
TIMESTEPS = [999, 499]
HISTORY_DECAY = 0.75
GOLDEN = 0x9E3779B97F4A7C15
CASE = {"prompts": ["a photo of a cat", "a photo of a cat", "the painting of a city", "the painting of a city"],
        "seed": 5, "width": 64, "height": 64}


class TinyVideoUNet(nn.Module):
    """eps from the noisy frame, the text, the timestep and the packed context (anchor, two recent frames at
    full detail, the history average pooled 4x4), the context gated by has_context."""

    def __init__(self, text_dim, channels=16):
        super().__init__()
        self.image = tiny.TinyUNet(text_dim, channels)
        self.context = nn.Conv2d(4 * tiny.LATENT_CHANNELS, tiny.LATENT_CHANNELS, 3, padding=1)

    def forward(self, sample, timestep, encoder_hidden_states, first_frame, recent_frames, history, has_context):
        pooled = F.interpolate(F.avg_pool2d(history, 4), scale_factor=4.0, mode="nearest")
        packed = torch.cat([first_frame, recent_frames, pooled], dim=1)
        return self.image(sample, timestep, encoder_hidden_states) \
            + has_context.reshape(-1, 1, 1, 1) * self.context(packed)


def noise_seed(seed, frame, step):
    return (seed + GOLDEN * (frame * 16 + step + 1)) & ref.MASK64


def sigma(t):
    return ref.turbo_sigma(t=t)


@torch.no_grad()
def sample_clip(unet, encoder, vae, tokenizer, prompts, seed, width, height, scaling):
    """The Java sampling loop (VideoPipeline, VideoClip) in doubles where the Java side uses doubles."""
    shape = (1, tiny.LATENT_CHANNELS, height // 8, width // 8)
    count = int(np.prod(shape))
    frames, images = [], []
    history = np.zeros(shape, dtype=np.float32)
    for index, prompt in enumerate(prompts):
        ids = tokenizer.encode_padded(prompt, "!")
        hidden = encoder(torch.tensor([ids]))[0]
        if index == 0:
            first, recent, has = np.zeros(shape, np.float32), np.zeros((1, 8) + shape[2:], np.float32), 0.0
        else:
            first = frames[0]
            recent = np.concatenate([frames[-1], frames[-2] if index >= 2 else frames[-1]], axis=1)
            has = 1.0
        if index >= 3:
            history = (HISTORY_DECAY * history.astype(np.float64)
                       + (1 - HISTORY_DECAY) * frames[index - 3].astype(np.float64)).astype(np.float32)
        x = ref.splitmix64_normals(noise_seed(seed, index, 0), count).reshape(shape).astype(np.float64) \
            * sigma(TIMESTEPS[0])
        for k, t in enumerate(TIMESTEPS):
            s = sigma(t)
            unet_in = (x / math.sqrt(s * s + 1.0)).astype(np.float32)
            eps = unet(torch.from_numpy(unet_in), torch.tensor([t]), hidden, torch.from_numpy(first),
                       torch.from_numpy(recent), torch.from_numpy(history), torch.tensor([has])).numpy()
            x0 = x - s * eps.astype(np.float64)
            if k + 1 < len(TIMESTEPS):
                n = ref.splitmix64_normals(noise_seed(seed, index, k + 1), count).reshape(shape)
                x = x0 + sigma(TIMESTEPS[k + 1]) * n.astype(np.float64)
        frames.append(x0.astype(np.float32))
        decoded = vae(torch.from_numpy((x0 / scaling).astype(np.float32))).numpy()
        images.append((np.clip(decoded[0].astype(np.float64) / 2 + 0.5, 0, 1) * 255).astype(np.float32))
    return images


@torch.no_grad()
def calibrate(unet, encoder, vae, tokenizer, scaling):
    """Scales the correction paths so x0 / s has unit spread and the decoder's channels spread 0.7."""
    hidden = encoder(torch.tensor([tokenizer.encode_padded("calibration", "!")]))[0]
    latent = torch.from_numpy(ref.splitmix64_normals(0, 256).reshape(1, 4, 8, 8))
    context = [latent, torch.cat([latent, latent], 1), latent]
    base = unet.image(latent, torch.tensor([999]), hidden) - latent
    k = scaling / (sigma(999) * float(base.std()))
    unet.image.conv_out.weight.mul_(k)
    unet.image.conv_out.bias.mul_(k)
    extra = unet.context(torch.cat([context[0], context[1], context[2]], 1))
    unet.context.weight.mul_(scaling / (sigma(999) * float(extra.std())))
    unet.context.bias.zero_()
    decoded = vae(latent).numpy()
    mean, std = decoded.mean(axis=(0, 2, 3)), decoded.std(axis=(0, 2, 3))
    vae.conv_out.weight.mul_(torch.from_numpy(0.7 / std)[:, None, None, None])
    vae.conv_out.bias.sub_(torch.from_numpy(mean)).mul_(torch.from_numpy(0.7 / std))


def main():
    torch.manual_seed(11)
    shutil.rmtree(FOLDER, ignore_errors=True)
    source = tiny.OUT / "tiny-sd-turbo"
    shutil.copytree(source / "tokenizer", FOLDER / "tokenizer")
    tokenizer = ref.ClipTokenizer(FOLDER / "tokenizer" / "vocab.json", FOLDER / "tokenizer" / "merges.txt")
    vocab = len(tokenizer.encoder)
    encoder, unet, vae = tiny.TinyClipText(vocab, 32, 2), TinyVideoUNet(32), tiny.TinyVaeDecoder()
    for m in (encoder, unet, vae):
        m.eval()
    scaling = 0.18215
    calibrate(unet, encoder, vae, tokenizer, scaling)
    index, scheduler, vae_config = tiny.pipeline_config(False, scaling)
    index["_class_name"] = "PackedContextVideoPipeline"
    index["frame_rate"] = 8
    scheduler["video_timesteps"] = TIMESTEPS
    tiny.write_json(FOLDER / "model_index.json", index)
    tiny.write_json(FOLDER / "scheduler" / "scheduler_config.json", scheduler)
    tiny.write_json(FOLDER / "vae_decoder" / "config.json", vae_config)
    tiny.export_text_encoder(encoder, FOLDER / "text_encoder", torch.int64, False)
    tiny.export_vae_decoder(vae, FOLDER / "vae_decoder")
    latent = torch.zeros(1, tiny.LATENT_CHANNELS, 8, 8)
    axes = {name: {0: "batch_size", 2: "height", 3: "width"}
            for name in ["sample", "first_frame", "recent_frames", "history", "out_sample"]}
    tiny.export(unet, [latent, torch.tensor([999]), torch.zeros(1, tiny.SEQ, 32), latent,
                       torch.zeros(1, 8, 8, 8), latent, torch.tensor([1.0])],
                FOLDER / "unet" / "model.onnx",
                ["sample", "timestep", "encoder_hidden_states", "first_frame", "recent_frames", "history",
                 "has_context"], ["out_sample"],
                {**axes, "encoder_hidden_states": {0: "batch_size", 1: "sequence_length"}})
    images = sample_clip(unet, encoder, vae, tokenizer, CASE["prompts"], CASE["seed"], CASE["width"],
                         CASE["height"], scaling)
    reference = dict(CASE, frames=[])
    for i, image in enumerate(images):
        name = f"frame-{i}.f32"
        image.transpose(1, 2, 0).astype("<f4").tofile(FOLDER / name)
        reference["frames"].append({"image": name, "shape": [CASE["height"], CASE["width"], 3]})
    assert np.abs(images[1] - images[2]).mean() > 0.5, "the prompt change must change the next frame"
    (FOLDER / "reference.json").write_text(json.dumps(reference, indent=1) + "\n")
    print("wrote", FOLDER)


if __name__ == "__main__":
    main()
