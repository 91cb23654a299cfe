#!/usr/bin/env bash
# Builds TensorRT engines from an optimum ONNX export (sd-turbo / sdxl-turbo layout) for DJL's
# TensorRT engine: fp16, static shapes for 512x512 images (latent 64x64), one batch size.
#
#   tensorrt-engines/build.sh <model-folder> [--batch N]
#
# writes tensorrt-engines/<model>/{text_encoder,text_encoder_2,unet,vae_decoder}[_bN].plan
# (_bN only for N > 1). Needs trtexec on PATH and a python3 with the onnx package.
set -euo pipefail

usage() { echo "usage: $0 <model-folder> [--batch N]" >&2; exit 2; }
[ $# -ge 1 ] || usage
model=${1%/}
shift
batch=1
while [ $# -gt 0 ]; do
  case $1 in
    --batch) [ $# -ge 2 ] || usage; batch=$2; shift 2 ;;
    *) usage ;;
  esac
done
[[ $batch =~ ^[1-9][0-9]*$ ]] || { echo "--batch must be a positive integer" >&2; exit 2; }
[ -f "$model/model_index.json" ] || { echo "$model: no model_index.json, not an optimum export" >&2; exit 1; }
command -v trtexec > /dev/null || { echo "trtexec not found: add TensorRT's bin/ to PATH" >&2; exit 1; }

# TensorRT 8.6 renamed --buildOnly to --skipInference; DJL 0.33's engine needs plans from TensorRT 8.4
build_only=--skipInference
trtexec --help 2>&1 | grep -q -- --skipInference || build_only=--buildOnly

here=$(cd "$(dirname "$0")" && pwd)
out="$here/$(basename "$model")"
suffix=""
[ "$batch" -gt 1 ] && suffix="_b$batch"
mkdir -p "$out"

for stage in text_encoder text_encoder_2 unet vae_decoder; do
  [ -f "$model/$stage/model.onnx" ] || continue
  # int64 inputs -> int32, rank-0 timestep -> [1]; writes model_trt.onnx, prints the shapes
  shapes=$("${PYTHON:-python3}" "$here/../training/tensorrt/retype_for_tensorrt.py" \
    "$model/$stage/model.onnx" --batch "$batch" --latent 64)
  precision=(--fp16)
  # SDXL's VAE overflows in fp16 (its config says force_upcast): keep that decoder in fp32
  if [ "$stage" = vae_decoder ] && grep -q '"force_upcast": *true' "$model/$stage/config.json" 2> /dev/null; then
    precision=()
  fi
  echo "== $stage$suffix: $shapes ${precision[*]}"
  trtexec --onnx="$model/$stage/model_trt.onnx" "${precision[@]}" --shapes="$shapes" \
    --saveEngine="$out/$stage$suffix.plan" "$build_only"
done
echo "engines in $out"
