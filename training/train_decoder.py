"""A new vae_decoder for the trained image model's latent space: the encoder stays frozen, so the text encoder,
the one-step student and the video model keep working unchanged (how TAESD gives SD a faster decoder). Trains
the decoder that models.Decoder now describes, scores the autoencoder and the one-step student through it on the
held-out prompts, and writes it into both model folders (they share the decoder byte for byte) and the checkpoint.

    nice -n 10 /usr/bin/python3 training/train_decoder.py [--steps 2000]
"""
import argparse
import json
import os
import time

import torch

import clip_tokenizer
import train_image

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(os.path.dirname(HERE), "src/main/resources/models")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--checkpoint", default=os.path.join(HERE, "out/image_model.pt"))
    ap.add_argument("--image-model", default=os.path.join(MODELS, "embedded-image"))
    ap.add_argument("--video-model", default=os.path.join(MODELS, "embedded-video"))
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    a = ap.parse_args()
    rng, log = train_image.start_run(a.seed, a.results, "decoder_train.log")

    start = time.time()
    saved, enc, _, text, student = train_image.load_checkpoint(a.checkpoint, with_decoder=False)
    text, student = text.to(train_image.DEVICE), student.to(train_image.DEVICE)
    scaling = saved["scaling"]
    _, dec = train_image.train_autoencoder(a.steps, rng, log, encoder=enc)
    trained = time.time() - start

    tok = clip_tokenizer.ClipTokenizer.load(os.path.join(a.image_model, "tokenizer"))
    scenes, ids, noise = train_image.heldout_set(tok, 96)
    with torch.no_grad():
        h, _ = text(ids)
        latents = {"autoencoder_reconstruction": train_image.encode_dataset(enc, scenes)[0] * scaling,
                   "student_add_1step": train_image.one_step(student, h, noise)}
    results = [train_image.evaluate(name, train_image.decode(dec, lat, scaling), scenes) for name, lat in latents.items()]
    for r in results:
        log(json.dumps(r))

    train_image.save_student_previews(tok, text, student, dec, scaling, a.results)
    train_image.export_decoder(a.image_model, dec, scaling)
    train_image.share_decoder(a.image_model, a.video_model)
    # the teacher stays in the checkpoint: continue_add.py distils from it
    train_image.save_checkpoint(a.checkpoint, enc, dec, scaling, text, student, saved["vocab_size"],
                                train_image.load_teacher(saved))
    json.dump({"command": "training/train_decoder.py", "steps": a.steps, "seed": a.seed,
               "threads": torch.get_num_threads(), "training_seconds": round(trained, 1),
               "heldout_eval": results}, open(os.path.join(a.results, "decoder.json"), "w"), indent=2)


if __name__ == "__main__":
    main()
