#!/bin/sh
# Both embedded models, one after the other (the video model works in the image model's latent space):
# render, tokenizer, autoencoder, text prior, teacher, ADD student, evaluation, export; then the video model.
# Arguments go to both scripts (--scale 0.01 for a smoke test).
set -e
cd "$(dirname "$0")/.."
nice -n 10 /usr/bin/python3 training/train_image.py "$@"
nice -n 10 /usr/bin/python3 training/train_video.py "$@"
