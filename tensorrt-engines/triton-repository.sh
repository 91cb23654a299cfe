#!/usr/bin/env bash
# Lays out a Triton model repository from a model folder in the optimum ONNX layout: one Triton model
# per stage, named <model folder>_<stage> (the names app.model.engine=kserve asks for), each with its
# config.pbtxt and version 1.
#
#   tensorrt-engines/triton-repository.sh MODEL_DIR OUT_DIR [--plans DIR]
#
# --plans DIR   where build.sh wrote this model's batch-1 plans (tensorrt-engines/<model>): a stage
#               with DIR/<stage>.plan is served as tensorrt_plan, the others as onnxruntime_onnx
# MAX_BATCH=8            the UNet's max_batch_size (0: no dynamic batching)
# QUEUE_DELAY_US=2000    how long Triton holds a UNet request for others to batch with it
#
# Names, dtypes and dims are read from each model.onnx by the app's own reader, so build the app first
# (./mvnw compile); CLASSES=... points elsewhere.
set -euo pipefail

usage() { echo "usage: $0 MODEL_DIR OUT_DIR [--plans DIR]" >&2; exit 2; }
[ $# -ge 2 ] || usage
model_dir=${1%/}
out_dir=$2
shift 2
plans=""
while [ $# -gt 0 ]; do
  case $1 in
    --plans) [ $# -ge 2 ] || usage; plans=$2; shift 2 ;;
    *) usage ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
classes=${CLASSES:-$root/target/classes}
if [ ! -f "$classes/dev/livediffusion/engine/kserve/TritonModelConfig.class" ]; then
  echo "no compiled app in $classes: run ./mvnw compile first (or set CLASSES)" >&2
  exit 1
fi
[ -f "$model_dir/model_index.json" ] || { echo "$model_dir is no model folder (no model_index.json)" >&2; exit 1; }

model=$(basename "$model_dir")
for onnx in "$model_dir"/*/model.onnx; do
  stage_dir=$(dirname "$onnx")
  stage=$(basename "$stage_dir")
  name="${model}_${stage}"
  mkdir -p "$out_dir/$name/1"
  if [ -n "$plans" ] && [ -f "$plans/$stage.plan" ]; then
    cp "$plans/$stage.plan" "$out_dir/$name/1/model.plan"
    platform=tensorrt_plan
  else
    # weights over 2 GB sit in files beside model.onnx; Triton needs them beside it too
    find "$stage_dir" -maxdepth 1 -type f ! -name config.json -exec cp {} "$out_dir/$name/1/" \;
    platform=onnxruntime_onnx
  fi
  java -cp "$classes" dev.livediffusion.engine.kserve.TritonModelConfig "$name" "$stage" "$onnx" "$platform" \
    "${MAX_BATCH:-8}" "${QUEUE_DELAY_US:-2000}" > "$out_dir/$name/config.pbtxt"
  echo "$out_dir/$name ($platform)"
done
