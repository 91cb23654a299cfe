#!/bin/sh
# Both embedded models in one resumable run (training/train/embedded.py): tokenizer, renderer, motion rates,
# text-to-scene, evaluation, export. Killed and run again, it goes on from its last checkpoint (training/out/).
# Arguments go to the script (--scale 0.05 for a smoke test, --fresh to start over).
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
cd training && exec nice -n 10 /usr/bin/python3 -m train.embedded "$@"
