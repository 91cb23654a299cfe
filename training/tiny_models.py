"""Builds tiny random-weight SD-Turbo / SDXL-Turbo model folders and their reference outputs.

The folders copy the layout, file names and ONNX input/output names, dtypes and ranks of a
Hugging Face optimum export of stabilityai/sd-turbo and stabilityai/sdxl-turbo, with tiny
sizes, so the Java pipeline can be tested through the real engine. Reference images come from
the torch source modules plus turbo_reference.py, not from ONNX Runtime.

Run: /usr/bin/python3 training/tiny_models.py   (seeded; rewrites src/test/resources/models/)
"""
import json
import math
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import onnx
import torch
from torch import nn
from torch.nn import functional as F

import turbo_reference as ref

OUT = Path(__file__).resolve().parent.parent / "src" / "test" / "resources" / "models"
OPSET = 14
SEQ = ref.MAX_LENGTH
LATENT_CHANNELS = 4
TIMESTEP = 999
GAIN_TIME, GAIN_Q, GAIN_TEXT = 4.0, 3.0, 4.0
VAE_SPREAD = 0.7

# Text the tiny BPE vocabulary learns its merges from (byte symbols cover everything else).
MERGE_CORPUS = """a photo of a cat sitting on a red chair in the garden, highly detailed, 4k.
an astronaut riding a horse on the moon; the painting of a city at night with lights.
a portrait of an old man with a beard, oil painting, trending on artstation.
the quick brown fox jumps over the lazy dog near the river and the mountains."""
MERGES = 120


def learn_merges(text, count):
    """Greedy byte-level BPE training; ties go to the smallest pair so the result is stable."""
    byte_encoder = ref.bytes_to_unicode()
    words = Counter(ref.word_symbols("".join(byte_encoder[b] for b in piece.encode("utf-8")))
                    for piece in ref.pretokenize(ref.clean_text(text)))
    merges, known = [], set()
    while len(merges) < count:
        pairs = Counter()
        for word, freq in words.items():
            for pair in zip(word, word[1:]):
                if "".join(pair) not in known:
                    pairs[pair] += freq
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        known.add("".join(best))
        words = Counter({_merge(word, best): freq for word, freq in words.items()})
    return merges


def _merge(word, pair):
    out, i = [], 0
    while i < len(word):
        if i < len(word) - 1 and (word[i], word[i + 1]) == pair:
            out.append(word[i] + word[i + 1])
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


def write_json(path, obj):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_tokenizer(folder, merges, pad_token):
    """vocab.json / merges.txt in CLIP's id order: bytes, bytes+'</w>', merges, specials."""
    symbols = list(ref.bytes_to_unicode().values())
    tokens = symbols + [s + "</w>" for s in symbols] + ["".join(m) for m in merges] \
        + list(ref.SPECIAL_TOKENS)
    write_json(folder / "vocab.json", {t: i for i, t in enumerate(tokens)})
    (folder / "merges.txt").write_text(
        "#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges), encoding="utf-8")
    special = lambda t: {"content": t, "lstrip": False, "normalized": True, "rstrip": False,
                         "single_word": False}
    write_json(folder / "special_tokens_map.json", {
        "bos_token": special("<|startoftext|>"), "eos_token": special("<|endoftext|>"),
        "pad_token": pad_token, "unk_token": special("<|endoftext|>")})
    write_json(folder / "tokenizer_config.json", {
        "add_prefix_space": False, "bos_token": "<|startoftext|>", "clean_up_tokenization_spaces": True,
        "do_lower_case": True, "eos_token": "<|endoftext|>", "errors": "replace",
        "model_max_length": SEQ, "pad_token": pad_token, "tokenizer_class": "CLIPTokenizer",
        "unk_token": "<|endoftext|>"})
    return len(tokens)


# ---------------------------------------------------------------- networks


class ClipLayer(nn.Module):
    def __init__(self, dim, heads=2):
        super().__init__()
        self.heads = heads
        self.ln1, self.ln2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.qkv, self.out = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
        self.fc1, self.fc2 = nn.Linear(dim, 2 * dim), nn.Linear(2 * dim, dim)

    def forward(self, h, mask):
        b, s, d = h.shape
        q, k, v = (t.reshape(b, s, self.heads, d // self.heads).transpose(1, 2)
                   for t in self.qkv(self.ln1(h)).chunk(3, dim=-1))
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // self.heads) + mask, dim=-1)
        h = h + self.out((att @ v).transpose(1, 2).reshape(b, s, d))
        x = self.fc1(self.ln2(h))
        return h + self.fc2(x * torch.sigmoid(1.702 * x))  # quick_gelu, as CLIP


class TinyClipText(nn.Module):
    """CLIP text encoder in miniature: causal pre-LN layers, final LayerNorm, pooled output
    at the end token (argmax of the ids, as transformers does), optional projection."""

    def __init__(self, vocab, dim, layers, projection=None):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.pos = nn.Parameter(torch.randn(SEQ, dim) * 0.1)
        self.layers = nn.ModuleList(ClipLayer(dim) for _ in range(layers))
        self.final_ln = nn.LayerNorm(dim)
        self.projection = nn.Linear(dim, projection, bias=False) if projection else None
        self.register_buffer("mask", torch.full((SEQ, SEQ), -1e4).triu(1))

    def forward(self, input_ids):
        s = input_ids.shape[1]
        h = self.embed(input_ids) + self.pos[:s]
        hidden = [h]
        for layer in self.layers:
            h = layer(h, self.mask[:s, :s])
            hidden.append(h)
        last = self.final_ln(h)
        eot = input_ids.to(torch.float32).argmax(-1).reshape(-1, 1, 1).expand(-1, 1, last.shape[2])
        pooled = last.gather(1, eot)[:, 0]  # not squeeze: that exports as an If node
        if self.projection is not None:  # CLIPTextModelWithProjection: text_embeds first
            return (self.projection(pooled), last, *hidden)
        return (last, pooled, *hidden)


def sinusoid(t, dim):
    """diffusers' timestep embedding with flip_sin_to_cos: [cos, sin] of t * 10000^(-i/half)."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    args = t.reshape(-1, 1) * freqs
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)


class TinyUNet(nn.Module):
    """Predicts eps as sample + a small correction that depends on the text (cross-attention),
    the timestep (sinusoidal embedding) and, for SDXL, text_embeds and time_ids, so that
    x0 = x - sigma * eps stays in a usable range while every input changes the image."""

    def __init__(self, text_dim, channels=16, sdxl_pooled=None):
        super().__init__()
        c = channels
        self.time1, self.time2 = nn.Linear(32, c), nn.Linear(c, c)
        self.sdxl = sdxl_pooled is not None
        if self.sdxl:
            self.add1, self.add2 = nn.Linear(sdxl_pooled + 6 * 8, c), nn.Linear(c, c)
        self.conv_in = nn.Conv2d(LATENT_CHANNELS, c, 3, padding=1)
        self.conv1, self.conv2 = nn.Conv2d(c, c, 3, padding=1), nn.Conv2d(c, c, 3, padding=1)
        self.to_q, self.to_k, self.to_v = nn.Linear(c, c), nn.Linear(text_dim, c), nn.Linear(text_dim, c)
        self.to_out = nn.Linear(c, c)
        self.conv_out = nn.Conv2d(c, LATENT_CHANNELS, 3, padding=1)
        with torch.no_grad():  # louder text and time paths, so that changing them shows
            louder = [(self.time2, GAIN_TIME), (self.to_q, GAIN_Q), (self.to_out, GAIN_TEXT)]
            for layer, gain in louder + ([(self.add2, GAIN_TIME)] if self.sdxl else []):
                layer.weight.mul_(gain)

    def forward(self, sample, timestep, encoder_hidden_states, text_embeds=None, time_ids=None):
        emb = self.time2(F.silu(self.time1(sinusoid(timestep.to(torch.float32), 32))))
        if self.sdxl:
            added = torch.cat([text_embeds, sinusoid(time_ids, 8).reshape(time_ids.shape[0], -1)], -1)
            emb = emb + self.add2(F.silu(self.add1(added)))
        h = self.conv_in(sample) + emb[:, :, None, None]
        h = h + self.conv2(F.silu(self.conv1(F.silu(h))))
        b, c, height, width = h.shape
        q = self.to_q(h.flatten(2).transpose(1, 2))
        att = torch.softmax(q @ self.to_k(encoder_hidden_states).transpose(1, 2) / math.sqrt(c), -1)
        h = h + self.to_out(att @ self.to_v(encoder_hidden_states)).transpose(1, 2).reshape(b, c, height, width)
        return sample + self.conv_out(F.silu(h))


class TinyVaeDecoder(nn.Module):
    """post_quant_conv, then three nearest x2 upsamplings with convolutions: 8x the latent."""

    def __init__(self, channels=8):
        super().__init__()
        c = channels
        self.post_quant_conv = nn.Conv2d(LATENT_CHANNELS, LATENT_CHANNELS, 1)
        self.conv_in = nn.Conv2d(LATENT_CHANNELS, c, 3, padding=1)
        self.ups = nn.ModuleList(nn.Conv2d(c, c, 3, padding=1) for _ in range(3))
        self.conv_out = nn.Conv2d(c, 3, 3, padding=1)

    def forward(self, latent_sample):
        h = self.conv_in(self.post_quant_conv(latent_sample))
        for conv in self.ups:
            h = conv(F.interpolate(F.silu(h), scale_factor=2.0, mode="nearest"))
        return self.conv_out(F.silu(h))


class TinyTaesdDecoder(nn.Module):
    """TAESD's decoder (madebyollin/taesd) in miniature: a soft clamp tanh(x/3)*3 of the latent,
    which TAESD takes unscaled (scaling_factor 1), convolutions with ReLU around three nearest x2
    upsamplings, and an image in [0, 1] (diffusers' AutoencoderTiny adds *2-1 to give [-1, 1])."""

    def __init__(self, channels=8):
        super().__init__()
        c = channels
        self.conv_in = nn.Conv2d(LATENT_CHANNELS, c, 3, padding=1)
        self.ups = nn.ModuleList(nn.Conv2d(c, c, 3, padding=1) for _ in range(3))
        self.conv_out = nn.Conv2d(c, 3, 3, padding=1)

    def forward(self, latent_sample):
        h = F.relu(self.conv_in(torch.tanh(latent_sample / 3) * 3))
        for conv in self.ups:
            h = F.relu(conv(F.interpolate(h, scale_factor=2.0, mode="nearest")))
        return self.conv_out(h)


# ---------------------------------------------------------------- ONNX export


def export(module, args, path, inputs, outputs, dynamic_axes):
    path.parent.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(module, tuple(args), str(path), input_names=inputs, output_names=outputs,
                          dynamic_axes=dynamic_axes, opset_version=OPSET, do_constant_folding=True)
        results = module(*args)
    model = onnx.load(str(path))
    # torch leaves some output dims as made-up names ("Addlast_hidden_state_dim_2"): every axis
    # not declared dynamic gets its static size, so hidden sizes can be read from the file
    for value, result in zip(model.graph.output, results if isinstance(results, tuple) else [results]):
        for axis, dim in enumerate(value.type.tensor_type.shape.dim):
            if axis not in dynamic_axes.get(value.name, {}):
                dim.dim_value = result.shape[axis]
    onnx.save(model, str(path))
    onnx.checker.check_model(model, full_check=True)
    return model


def signature(model):
    """{name: (dtype, dims)} of a graph's inputs and outputs, dims as ints or axis names."""
    sig = {}
    for v in list(model.graph.input) + list(model.graph.output):
        t = v.type.tensor_type
        sig[v.name] = (onnx.TensorProto.DataType.Name(t.elem_type),
                       [d.dim_param or d.dim_value for d in t.shape.dim])
    return sig


def export_text_encoder(module, folder, ids_dtype, hidden_states):
    layers = len(module.layers)
    ids = torch.zeros(1, SEQ, dtype=ids_dtype)
    names = ["text_embeds", "last_hidden_state"] if module.projection is not None \
        else ["last_hidden_state", "pooler_output"]
    outputs = names + ([f"hidden_states.{i}" for i in range(layers + 1)] if hidden_states else [])
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "last_hidden_state": {0: "batch_size", 1: "sequence_length"},
            "pooler_output": {0: "batch_size"},
            # optimum names text_embeds' second axis "sequence_length" too: it is not static
            "text_embeds": {0: "batch_size", 1: "sequence_length"}}
    axes.update({f"hidden_states.{i}": {0: "batch_size", 1: "sequence_length"} for i in range(layers + 1)})
    wrapper = _FirstOutputs(module, len(outputs))
    return export(wrapper, [ids], folder / "model.onnx", ["input_ids"], outputs,
                  {k: v for k, v in axes.items() if k in outputs + ["input_ids"]})


class _FirstOutputs(nn.Module):
    """Keeps the first `count` outputs (the hidden states only where the export has them)."""

    def __init__(self, module, count):
        super().__init__()
        self.module, self.count = module, count

    def forward(self, *args):
        return self.module(*args)[:self.count]


def export_unet(module, folder, text_dim, timestep_example, pooled=None):
    args = [torch.zeros(1, LATENT_CHANNELS, 8, 8), timestep_example, torch.zeros(1, SEQ, text_dim)]
    inputs = ["sample", "timestep", "encoder_hidden_states"]
    axes = {"sample": {0: "batch_size", 2: "height", 3: "width"},
            "encoder_hidden_states": {0: "batch_size", 1: "sequence_length"},
            "out_sample": {0: "batch_size", 2: "height", 3: "width"}}
    if timestep_example.dim() == 1:
        axes["timestep"] = {0: "steps"}
    if pooled:
        args += [torch.zeros(1, pooled), torch.zeros(1, 6)]
        inputs += ["text_embeds", "time_ids"]
        axes.update({"text_embeds": {0: "batch_size"}, "time_ids": {0: "batch_size"}})
    return export(module, args, folder / "model.onnx", inputs, ["out_sample"], axes)


def export_vae_decoder(module, folder):
    return export(module, [torch.zeros(1, LATENT_CHANNELS, 8, 8)], folder / "model.onnx",
                  ["latent_sample"], ["sample"],
                  {"latent_sample": {0: "batch_size", 2: "height_latent", 3: "width_latent"},
                   "sample": {0: "batch_size", 2: "height", 3: "width"}})


# ---------------------------------------------------------------- fixtures

SD_CASES = [("a photo of a cat", 42, 64, 64),
            ("", 7, 64, 64),
            (" ".join(["an astronaut riding a horse on the moon, oil painting of the city at night"] * 6),
             9007199254740993, 64, 64),  # > 77 tokens; seed > 2^53 (not exact as a double)
            ("Caf\u00e9  &amp;amp; cr\u00e8me, THE quick\tbrown FOX!!", 3, 64, 32)]
# Euler ancestral cases: (model folder, prompt, seed, width, height, steps)
MULTI_STEP_CASES = [("tiny-sd-turbo", "a photo of a cat", 42, 64, 64, 2),
                    ("tiny-sd-turbo", "an astronaut riding a horse", 5, 64, 32, 4),
                    ("tiny-sdxl-turbo", "a photo of a cat", 42, 64, 64, 3)]


def pipeline_config(sdxl, scaling_factor, taesd=False):
    """model_index.json, scheduler config and component configs as the real exports carry them."""
    components = {"scheduler": ["diffusers", "EulerAncestralDiscreteScheduler" if sdxl else "EulerDiscreteScheduler"],
                  "text_encoder": ["transformers", "CLIPTextModel"],
                  "tokenizer": ["transformers", "CLIPTokenizer"],
                  "unet": ["diffusers", "UNet2DConditionModel"],
                  "vae": ["diffusers", "AutoencoderKL"]}
    if sdxl:
        components.update({"text_encoder_2": ["transformers", "CLIPTextModelWithProjection"],
                           "tokenizer_2": ["transformers", "CLIPTokenizer"]})
        extra = {"force_zeros_for_empty_prompt": True}
    else:
        components.update({"feature_extractor": [None, None], "safety_checker": [None, None]})
        extra = {"requires_safety_checker": False}
    index = {"_class_name": "StableDiffusionXLPipeline" if sdxl else "StableDiffusionPipeline",
             "_diffusers_version": "0.24.0.dev0", **extra, **dict(sorted(components.items()))}
    scheduler = {"_class_name": components["scheduler"][1], "_diffusers_version": "0.24.0.dev0",
                 "beta_end": 0.012, "beta_schedule": "scaled_linear", "beta_start": 0.00085,
                 "interpolation_type": "linear", "num_train_timesteps": 1000,
                 "prediction_type": "epsilon", "steps_offset": 1, "timestep_spacing": "trailing",
                 "trained_betas": None}
    vae = {"_class_name": "AutoencoderKL", "act_fn": "silu", "block_out_channels": [8, 8, 8, 8],
           "in_channels": 3, "latent_channels": LATENT_CHANNELS, "layers_per_block": 1,
           "out_channels": 3, "sample_size": 64, "scaling_factor": scaling_factor,
           **({"force_upcast": True} if sdxl else {})}  # SDXL's VAE overflows in fp16
    if taesd:  # the raw TAESD decoder: its [0, 1] output is declared with the project's output_range
        vae = {"_class_name": "AutoencoderTiny", "decoder_block_out_channels": [8, 8, 8, 8],
               "latent_channels": LATENT_CHANNELS, "out_channels": 3, "scaling_factor": scaling_factor,
               "output_range": [0, 1]}
    return index, scheduler, vae


class Fixture:
    """One tiny model: its torch modules, tokenizers and the folder they are exported to."""

    def __init__(self, name, sdxl, vocab, seed):
        torch.manual_seed(seed)
        self.name, self.sdxl = name, sdxl
        self.scaling = 0.13025 if sdxl else 0.18215
        if sdxl:
            self.encoders = [TinyClipText(vocab, 16, 2), TinyClipText(vocab, 24, 3, projection=20)]
            self.unet = TinyUNet(16 + 24, sdxl_pooled=20)
            self.pads = ["<|endoftext|>", "!"]
        else:
            self.encoders = [TinyClipText(vocab, 32, 2)]
            self.unet = TinyUNet(32)
            self.pads = ["!"]
        self.vae = TinyVaeDecoder()
        self.taesd = False
        for m in self.encoders + [self.unet, self.vae]:
            m.eval()

    def with_taesd(self, name, seed):
        """The same text encoders and UNet with a TAESD-style decoder: x0 decoded unscaled, to [0, 1]."""
        torch.manual_seed(seed)
        copy = object.__new__(Fixture)
        copy.__dict__.update(self.__dict__)
        copy.name, copy.scaling, copy.taesd = name, 1.0, True
        copy.vae = TinyTaesdDecoder().eval()
        return copy

    @torch.no_grad()
    def text_conditioning(self, tokenizer, prompt):
        """(ids per tokenizer, encoder_hidden_states, text_embeds or None) as diffusers builds them."""
        ids = [tokenizer.encode_padded(prompt, pad) for pad in self.pads]
        outs = [enc(torch.tensor([i])) for enc, i in zip(self.encoders, ids)]
        if not self.sdxl:
            return ids, outs[0][0], None
        # SDXL: penultimate hidden state of each encoder, concatenated; pooled from encoder 2
        penultimate = [o[2 + len(enc.layers) - 1] for o, enc in zip(outs, self.encoders)]
        return ids, torch.cat(penultimate, dim=-1), outs[1][0]

    @torch.no_grad()
    def eps(self, latent_in, timestep, hidden, pooled, width, height):
        extra = [pooled, torch.tensor([[height, width, 0, 0, height, width]], dtype=torch.float32)] \
            if self.sdxl else []
        return self.unet(torch.from_numpy(latent_in), timestep, hidden, *extra).numpy()

    def generate(self, tokenizer, prompt, seed, width, height, timestep=TIMESTEP, steps=1):
        """The one-step Turbo math of generation/FewStepSampler (scalars in doubles, tensors float32), and
        for steps > 1 Euler ancestral over trailing timesteps, the latent float32 between steps."""
        ids, hidden, pooled = self.text_conditioning(tokenizer, prompt)
        timesteps = [timestep] if steps == 1 else ref.trailing_timesteps(steps)
        sigmas = [ref.turbo_sigma(t) for t in timesteps] + [0.0]
        noises = ref.step_noises(seed, steps, (1, LATENT_CHANNELS, height // 8, width // 8))
        x = noises[0].astype(np.float64) * sigmas[0]
        for k, t in enumerate(timesteps):
            unet_in = (x / math.sqrt(sigmas[k] ** 2 + 1.0)).astype(np.float32)
            eps = self.eps(unet_in, torch.tensor([t]), hidden, pooled, width, height).astype(np.float64)
            x0 = x - sigmas[k] * eps
            if k + 1 < steps:
                up, down = ref.ancestral_sigmas(sigmas[k], sigmas[k + 1])
                x = (x0 + down * eps + up * noises[k + 1]).astype(np.float32).astype(np.float64)
        with torch.no_grad():
            decoded = self.vae(torch.from_numpy((x0 / self.scaling).astype(np.float32))).numpy()
        unit = decoded[0].astype(np.float64) if self.taesd else decoded[0].astype(np.float64) / 2 + 0.5
        pixels = (np.clip(unit, 0, 1) * 255).astype(np.float32)
        return {"ids": ids, "noise": noises[0], "unet_in": unet_in, "hidden": hidden.numpy(), "pooled": pooled,
                "timesteps": timesteps, "sigmas": sigmas[:-1],
                "x0": x0.astype(np.float32), "decoded": decoded, "image": pixels.transpose(1, 2, 0)}

    @torch.no_grad()
    def calibrate(self, tokenizer):
        """Rescales the UNet's and the decoder's last convolutions so that x0 / s has unit
        spread and decoded channels have mean 0 and spread VAE_SPREAD (some pixels clamp)."""
        r = self.generate(tokenizer, "calibration", 0, 64, 64)
        correction = self.eps(r["unet_in"], torch.tensor([TIMESTEP]), torch.from_numpy(r["hidden"]),
                              r["pooled"], 64, 64) - r["unet_in"]
        k = self.scaling / (ref.turbo_sigma() * float(correction.std()))
        self.unet.conv_out.weight.mul_(k)
        self.unet.conv_out.bias.mul_(k)
        self.calibrate_decoder(tokenizer)

    @torch.no_grad()
    def calibrate_decoder(self, tokenizer):
        """Decoded channels get mean 0 and spread VAE_SPREAD in [-1, 1] units (half both in [0, 1])."""
        decoded = self.generate(tokenizer, "calibration", 0, 64, 64)["decoded"]
        mean, std = decoded.mean(axis=(0, 2, 3)), decoded.std(axis=(0, 2, 3))
        spread, centre = (VAE_SPREAD / 2, 0.5) if self.taesd else (VAE_SPREAD, 0.0)
        self.vae.conv_out.weight.mul_(torch.from_numpy(spread / std)[:, None, None, None])
        self.vae.conv_out.bias.sub_(torch.from_numpy(mean)).mul_(torch.from_numpy(spread / std)).add_(centre)

    def export(self, folder, merges, ids_dtypes, timestep_example):
        index, scheduler, vae_config = pipeline_config(self.sdxl, self.scaling, self.taesd)
        write_json(folder / "model_index.json", index)
        write_json(folder / "scheduler" / "scheduler_config.json", scheduler)
        write_json(folder / "vae_decoder" / "config.json", vae_config)
        sigs = {}
        for i, (enc, pad, dtype) in enumerate(zip(self.encoders, self.pads, ids_dtypes)):
            suffix = f"_{i + 1}" if i else ""
            vocab = write_tokenizer(folder / f"tokenizer{suffix}", merges, pad)
            write_json(folder / f"text_encoder{suffix}" / "config.json", {
                "architectures": ["CLIPTextModelWithProjection" if enc.projection else "CLIPTextModel"],
                "hidden_size": enc.final_ln.normalized_shape[0], "max_position_embeddings": SEQ,
                "num_hidden_layers": len(enc.layers), "vocab_size": vocab,
                **({"projection_dim": enc.projection.out_features} if enc.projection else {})})
            sigs[f"text_encoder{suffix}"] = signature(
                export_text_encoder(enc, folder / f"text_encoder{suffix}", dtype, self.sdxl))
        text_dim = self.unet.to_k.in_features
        pooled = self.unet.add1.in_features - 48 if self.sdxl else None
        write_json(folder / "unet" / "config.json", {
            "_class_name": "UNet2DConditionModel", "cross_attention_dim": text_dim,
            "in_channels": LATENT_CHANNELS, "out_channels": LATENT_CHANNELS, "sample_size": 8,
            **({"addition_embed_type": "text_time", "projection_class_embeddings_input_dim": pooled + 48}
               if self.sdxl else {})})
        sigs["unet"] = signature(export_unet(self.unet, folder / "unet", text_dim, timestep_example, pooled))
        sigs["vae_decoder"] = signature(export_vae_decoder(self.vae, folder / "vae_decoder"))
        return sigs


def head(array, n=8):
    return [float(v) for v in np.asarray(array, dtype=np.float32).reshape(-1)[:n]]


def reference_line(fixture, model_name, prompt, seed, width, height, result, image_file):
    line = {"model": model_name, "prompt": prompt, "seed": seed, "width": width, "height": height,
            "input_ids": result["ids"][0]}
    if fixture.sdxl:
        line["input_ids_2"] = result["ids"][1]
        line["time_ids"] = [height, width, 0, 0, height, width]
        line["text_embeds_head"] = head(result["pooled"].numpy())
    if len(result["timesteps"]) > 1:
        line.update({"steps": len(result["timesteps"]), "timesteps": result["timesteps"],
                     "sigmas": result["sigmas"]})
    else:
        line.update({"timestep": TIMESTEP, "sigma": ref.turbo_sigma()})
    line.update({"scaling_factor": fixture.scaling,
                 "noise_head": head(result["noise"]),
                 "encoder_hidden_states_head": head(result["hidden"]),
                 "denoised_head": head(result["x0"]),
                 "image": image_file, "image_shape": [height, width, 3]})
    return line


def check_sensitivity(fixture, tokenizer):
    """The tiny nets must not ignore an input: prompt, timestep and (SDXL) time_ids matter."""
    base = fixture.generate(tokenizer, "a photo of a cat", 42, 64, 64)
    for other in (fixture.generate(tokenizer, "a photo of a dog", 42, 64, 64),
                  fixture.generate(tokenizer, "a photo of a cat", 42, 64, 64, timestep=998)):
        diff = float(np.abs(other["image"] - base["image"]).mean())
        assert diff > 1.0, f"{fixture.name}: an input barely changes the image ({diff})"
    if fixture.sdxl:
        latent = (base["noise"] * 0.5).astype(np.float32)
        hidden = torch.from_numpy(base["hidden"])
        a = fixture.eps(latent, torch.tensor([TIMESTEP]), hidden, base["pooled"], 64, 64)
        b = fixture.eps(latent, torch.tensor([TIMESTEP]), hidden, base["pooled"], 32, 64)
        change = float(np.abs(a - b).mean() / np.abs(a - latent).mean())
        assert change > 0.1, f"time_ids barely change the UNet's correction ({change})"
    for steps in (2, 4):
        other = fixture.generate(tokenizer, "a photo of a cat", 42, 64, 64, steps=steps)
        diff = float(np.abs(other["image"] - base["image"]).mean())
        assert diff > 1.0, f"{fixture.name}: {steps} steps barely change the image ({diff})"
    clamped = float(np.mean((base["image"] == 0) | (base["image"] == 255)))
    assert 0.001 < clamped < 0.5, f"{fixture.name}: {clamped:.3f} of the pixels clamp"


def check_tokenizer_against_shared():
    """Where ../shared/clip is present, the tokenizer port must give the original CLIP ids."""
    clip = OUT.parents[3].parent / "shared" / "clip"
    if not clip.is_dir():
        print("../shared/clip not found: tokenizer conformance not checked")
        return
    tokenizer = ref.ClipTokenizer(clip / "vocab.json", clip / "merges.txt")
    cases = [json.loads(l) for l in (clip / "vectors.jsonl").read_text(encoding="utf-8").splitlines() if l]
    for case in cases:
        assert tokenizer.encode(case["prompt"]) == case["ids"], case["prompt"]
    print(f"tokenizer port matches the original CLIP ids on {len(cases)} shared vectors")


def main():
    check_tokenizer_against_shared()
    merges = learn_merges(MERGE_CORPUS, MERGES)
    for old in OUT.glob("tiny-*"):
        shutil.rmtree(old)
    shutil.rmtree(OUT / "reference", ignore_errors=True)
    (OUT / "reference").mkdir(parents=True)
    vocab = write_tokenizer(OUT / "tiny-sd-turbo" / "tokenizer", merges, "!")
    tokenizer = ref.ClipTokenizer(OUT / "tiny-sd-turbo" / "tokenizer" / "vocab.json",
                                  OUT / "tiny-sd-turbo" / "tokenizer" / "merges.txt")
    assert len(tokenizer.encode(SD_CASES[2][0])) > SEQ

    sd = Fixture("tiny-sd-turbo", False, vocab, seed=1)
    sdxl = Fixture("tiny-sdxl-turbo", True, vocab, seed=2)
    # (folder, fixture, input_ids dtypes per text encoder, timestep example: dtype and rank)
    exports = [("tiny-sd-turbo", sd, [torch.int64], torch.tensor([TIMESTEP], dtype=torch.int64)),
               ("tiny-sd-turbo-float-timestep", sd, [torch.int32], torch.tensor([float(TIMESTEP)])),
               ("tiny-sdxl-turbo", sdxl, [torch.int32, torch.int64], torch.tensor(float(TIMESTEP)))]
    signatures, lines = {}, []
    for fixture in (sd, sdxl):
        fixture.calibrate(tokenizer)
        check_sensitivity(fixture, tokenizer)
    taesd = sd.with_taesd("tiny-sd-turbo-taesd", seed=3)  # after calibration: the UNet is shared
    taesd.calibrate_decoder(tokenizer)
    clamped = float(np.mean(np.isin(taesd.generate(tokenizer, "a photo of a cat", 42, 64, 64)["image"], (0, 255))))
    assert 0.001 < clamped < 0.5, f"{taesd.name}: {clamped:.3f} of the pixels clamp"
    exports.append(("tiny-sd-turbo-taesd", taesd, [torch.int64], torch.tensor([TIMESTEP], dtype=torch.int64)))
    for folder, fixture, dtypes, timestep in exports:
        signatures[folder] = fixture.export(OUT / folder, merges, dtypes, timestep)
        for i, (prompt, seed, width, height) in enumerate(SD_CASES[:2] if fixture.taesd else SD_CASES):
            result = fixture.generate(tokenizer, prompt, seed, width, height)
            image_file = f"reference/{fixture.name}-{i}.f32"  # same module, same image
            path = OUT / image_file
            if path.exists():
                assert np.array_equal(np.fromfile(path, dtype="<f4"), result["image"].reshape(-1))
            else:
                result["image"].astype("<f4").tofile(path)
            lines.append(reference_line(fixture, folder, prompt, seed, width, height, result, image_file))
    fixtures = {"tiny-sd-turbo": sd, "tiny-sdxl-turbo": sdxl}
    for folder, prompt, seed, width, height, steps in MULTI_STEP_CASES:
        fixture = fixtures[folder]
        result = fixture.generate(tokenizer, prompt, seed, width, height, steps=steps)
        image_file = f"reference/{folder}-steps{steps}.f32"
        result["image"].astype("<f4").tofile(OUT / image_file)
        lines.append(reference_line(fixture, folder, prompt, seed, width, height, result, image_file))
    (OUT / "reference.jsonl").write_text(
        "".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines), encoding="utf-8")
    for folder, sigs in signatures.items():
        print(folder)
        for stage, sig in sigs.items():
            print(f"  {stage}: " + ", ".join(f"{n} {t} {d}" for n, (t, d) in sig.items()))
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"{len(lines)} reference cases, {total / 1024:.0f} KiB under {OUT}")


if __name__ == "__main__":
    main()
