package dev.livediffusion.engine;

/** The tensor element types model inputs use; numbered as in ONNX's TensorProto.DataType. */
public enum ElementType {
    FLOAT32(1), INT32(6), INT64(7), FLOAT16(10);

    private final int onnxCode;

    ElementType(int onnxCode) {
        this.onnxCode = onnxCode;
    }

    public static ElementType fromOnnx(int code) {
        for (ElementType type : values()) {
            if (type.onnxCode == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unsupported ONNX element type " + code);
    }
}
