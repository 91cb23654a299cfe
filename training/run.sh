#!/bin/sh
# Both embedded models, one after the other (the video model works in the image model's latent space):
# render, tokenizer, autoencoder, text prior, teacher, ADD student, evaluation, export; then the video model.
# Arguments go to both scripts (--scale 0.01 for a smoke test).
set -e
cd "$(dirname "$0")/.."
# Debian's torch, onnx and PIL. libopenblas0-pthread takes over libblas.so.3: without it torch's matrix products
# run on the reference BLAS (a 1024x1024 float matmul on one thread here: 3.6 GFLOP/s, 44.5 with OpenBLAS).
PACKAGES="python3-torch python3-onnx python3-pil libopenblas0-pthread"
if ! dpkg -s $PACKAGES >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "training/run.sh needs these Debian packages; as root: apt-get install $PACKAGES" >&2
        exit 1
    fi
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $PACKAGES
fi
nice -n 10 /usr/bin/python3 training/train_image.py "$@"
nice -n 10 /usr/bin/python3 training/train_video.py "$@"
