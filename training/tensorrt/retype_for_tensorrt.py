"""Prepares one ONNX stage of an optimum export for a TensorRT engine that DJL can drive.

DJL's TensorRT engine binds only float32, float16, int8, int32 and bool tensors, so every int64
graph input (input_ids, an int64 timestep) becomes int32 and is cast back to int64 inside the
graph; a rank-0 input (the float timestep of newer exports) becomes shape [1]. Weights stay where
they are: the result is written beside the input, so external weight files still resolve.

    /usr/bin/python3 training/tensorrt/retype_for_tensorrt.py <stage>/model.onnx [--batch N] [--latent L]

writes <stage>/model_trt.onnx and prints the `trtexec --shapes=` value for that batch size and
latent size (64 for 512x512 images).
"""
import argparse
from pathlib import Path

import onnx
from onnx import TensorProto, helper

# Values for the dynamic axis names optimum writes (older exports also leave channels dynamic).
SEQUENCE_LENGTH, LATENT_CHANNELS = 77, 4


def rename_uses(graph, old, new):
    """Points every use of `old` at `new`, in subgraphs (If, Loop bodies) too."""
    for node in graph.node:
        node.input[:] = [new if name == old else name for name in node.input]
        for attribute in node.attribute:
            for subgraph in [attribute.g] + list(attribute.graphs):
                rename_uses(subgraph, old, new)


def retype(graph):
    """Gives int64 inputs the type int32 and rank-0 inputs the shape [1], with the nodes that
    turn them back into what the rest of the graph was exported for."""
    prologue, initializers = [], []
    for value in graph.input:
        tensor_type = value.type.tensor_type
        steps = []
        if len(tensor_type.shape.dim) == 0:
            tensor_type.shape.dim.add().dim_value = 1
            scalar = value.name + "_scalar_shape"
            initializers.append(helper.make_tensor(scalar, TensorProto.INT64, [0], []))
            steps.append(lambda src, dst, shape=scalar: helper.make_node("Reshape", [src, shape], [dst]))
        if tensor_type.elem_type == TensorProto.INT64:
            tensor_type.elem_type = TensorProto.INT32
            steps.append(lambda src, dst: helper.make_node("Cast", [src], [dst], to=TensorProto.INT64))
        if not steps:
            continue
        inner = value.name + "_as_exported"
        rename_uses(graph, value.name, inner)
        source = value.name
        for i, step in enumerate(steps):
            target = inner if i == len(steps) - 1 else f"{value.name}_step{i}"
            prologue.append(step(source, target))
            source = target
    nodes = prologue + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    graph.initializer.extend(initializers)


def trtexec_shapes(graph, batch, latent):
    axes = {"batch_size": batch, "sequence_length": SEQUENCE_LENGTH, "steps": 1,
            "num_channels": LATENT_CHANNELS, "num_channels_latent": LATENT_CHANNELS,
            "height": latent, "width": latent, "height_latent": latent, "width_latent": latent}
    shapes = []
    for value in graph.input:
        dims = []
        for dim in value.type.tensor_type.shape.dim:
            if dim.dim_param and dim.dim_param not in axes:
                raise SystemExit(f"{value.name}: unknown dynamic axis '{dim.dim_param}'")
            dims.append(axes[dim.dim_param] if dim.dim_param else dim.dim_value)
        shapes.append(f"{value.name}:" + "x".join(map(str, dims)))
    return ",".join(shapes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--latent", type=int, default=64)
    args = parser.parse_args()
    model = onnx.load(str(args.model), load_external_data=False)
    retype(model.graph)
    target = args.model.with_name(args.model.stem + "_trt.onnx")
    onnx.save(model, str(target))
    onnx.checker.check_model(str(target))
    print(trtexec_shapes(model.graph, args.batch, args.latent))


if __name__ == "__main__":
    main()
