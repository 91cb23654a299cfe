#!/bin/sh
# The whole embedded image model: render, tokenizer, autoencoder, teacher, ADD student, evaluation, export.
cd "$(dirname "$0")/.." && exec nice -n 10 /usr/bin/python3 training/train_image.py "$@"
