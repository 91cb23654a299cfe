package dev.livediffusion.engine.onnx;

import dev.livediffusion.engine.ElementType;
import dev.livediffusion.engine.TensorSpec;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The declared inputs and outputs of an ONNX graph, read from the file itself. Exporters differ (int32 or
 * int64 ids, scalar or [1] timesteps, static or dynamic sizes), so the pipeline asks the file, not a table.
 */
public record OnnxSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {

    // Field numbers from onnx.proto.
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int TENSOR_NAME = 8;

    public static OnnxSignature read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ProtoReader reader = new ProtoReader(channel);
            long end = reader.size();
            while (reader.position() < end) {
                long tag = reader.readVarint();
                if ((int) (tag >>> 3) == MODEL_GRAPH && (tag & 7) == ProtoReader.LENGTH_DELIMITED) {
                    long length = reader.readVarint();
                    return readGraph(reader, reader.position() + length);
                }
                reader.skipValue((int) (tag & 7));
            }
            throw new IOException("no graph in " + file);
        }
    }

    public TensorSpec input(String name) {
        return inputs.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    public TensorSpec output(String name) {
        return outputs.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    private static OnnxSignature readGraph(ProtoReader reader, long end) throws IOException {
        List<TensorSpec> inputs = new ArrayList<>();
        List<TensorSpec> outputs = new ArrayList<>();
        Set<String> initializers = new HashSet<>();
        while (reader.position() < end) {
            long tag = reader.readVarint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (wire != ProtoReader.LENGTH_DELIMITED) {
                reader.skipValue(wire);
                continue;
            }
            long length = reader.readVarint();
            long fieldEnd = reader.position() + length;
            switch (field) {
                case GRAPH_INPUT -> inputs.add(ValueInfo.read(reader, fieldEnd));
                case GRAPH_OUTPUT -> outputs.add(ValueInfo.read(reader, fieldEnd));
                case GRAPH_INITIALIZER -> initializers.add(readTensorName(reader, fieldEnd));
                default -> { }
            }
            reader.seek(fieldEnd);
        }
        // Older exporters also list weights as graph inputs; those are not inputs a caller feeds.
        inputs.removeIf(spec -> initializers.contains(spec.name()));
        return new OnnxSignature(List.copyOf(inputs), List.copyOf(outputs));
    }

    private static String readTensorName(ProtoReader reader, long end) throws IOException {
        while (reader.position() < end) {
            long tag = reader.readVarint();
            if ((int) (tag >>> 3) == TENSOR_NAME && (tag & 7) == ProtoReader.LENGTH_DELIMITED) {
                return reader.readString(reader.readVarint());
            }
            reader.skipValue((int) (tag & 7));
        }
        return "";
    }

    /** ValueInfoProto → TypeProto.tensor_type → elem_type and TensorShapeProto. */
    private static final class ValueInfo {

        static TensorSpec read(ProtoReader reader, long end) throws IOException {
            String name = "";
            int elementType = 0;
            List<Long> dims = new ArrayList<>();
            while (reader.position() < end) {
                long tag = reader.readVarint();
                int field = (int) (tag >>> 3);
                if (field == 1 && (tag & 7) == ProtoReader.LENGTH_DELIMITED) {
                    name = reader.readString(reader.readVarint());
                } else if (field == 2 && (tag & 7) == ProtoReader.LENGTH_DELIMITED) {
                    long typeEnd = reader.readVarint() + reader.position();
                    elementType = readTensorType(reader, typeEnd, dims);
                    reader.seek(typeEnd);
                } else {
                    reader.skipValue((int) (tag & 7));
                }
            }
            return new TensorSpec(name, ElementType.fromOnnx(elementType),
                    dims.stream().mapToLong(Long::longValue).toArray());
        }

        private static int readTensorType(ProtoReader reader, long end, List<Long> dims) throws IOException {
            while (reader.position() < end) {
                long tag = reader.readVarint();
                if ((int) (tag >>> 3) == 1 && (tag & 7) == ProtoReader.LENGTH_DELIMITED) {
                    long tensorEnd = reader.readVarint() + reader.position();
                    int elementType = 0;
                    while (reader.position() < tensorEnd) {
                        long inner = reader.readVarint();
                        int field = (int) (inner >>> 3);
                        if (field == 1 && (inner & 7) == ProtoReader.VARINT) {
                            elementType = (int) reader.readVarint();
                        } else if (field == 2 && (inner & 7) == ProtoReader.LENGTH_DELIMITED) {
                            long shapeEnd = reader.readVarint() + reader.position();
                            readShape(reader, shapeEnd, dims);
                        } else {
                            reader.skipValue((int) (inner & 7));
                        }
                    }
                    return elementType;
                }
                reader.skipValue((int) (tag & 7));
            }
            return 0;
        }

        private static void readShape(ProtoReader reader, long end, List<Long> dims) throws IOException {
            while (reader.position() < end) {
                long tag = reader.readVarint();
                if ((int) (tag >>> 3) == 1 && (tag & 7) == ProtoReader.LENGTH_DELIMITED) {
                    long dimEnd = reader.readVarint() + reader.position();
                    long value = TensorSpec.DYNAMIC;
                    while (reader.position() < dimEnd) {
                        long inner = reader.readVarint();
                        if ((int) (inner >>> 3) == 1 && (inner & 7) == ProtoReader.VARINT) {
                            value = reader.readVarint();
                        } else {
                            reader.skipValue((int) (inner & 7));
                        }
                    }
                    dims.add(value);
                } else {
                    reader.skipValue((int) (tag & 7));
                }
            }
        }
    }
}
