package dev.livediffusion.engine.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the protobuf wire format to walk an ONNX file's structure while seeking past weights,
 * so reading a multi-gigabyte UNet's signature costs a few kilobytes of I/O.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private long bufferStart;

    ProtoReader(FileChannel channel) {
        this.channel = channel;
        buffer.limit(0);
    }

    long position() {
        return bufferStart + buffer.position();
    }

    long size() throws IOException {
        return channel.size();
    }

    long readVarint() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed varint at byte " + position());
    }

    String readString(long length) throws IOException {
        byte[] bytes = new byte[Math.toIntExact(length)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) readByte();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Skips the value of a field whose tag was just read. */
    void skipValue(int wireType) throws IOException {
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> seek(position() + 8);
            case LENGTH_DELIMITED -> {
                long length = readVarint();
                seek(position() + length);
            }
            case FIXED32 -> seek(position() + 4);
            default -> throw new IOException("unsupported protobuf wire type " + wireType + " at byte " + position());
        }
    }

    void seek(long target) throws IOException {
        if (target >= bufferStart && target <= bufferStart + buffer.limit()) {
            buffer.position((int) (target - bufferStart));
        } else {
            bufferStart = target;
            buffer.limit(0);
        }
    }

    private int readByte() throws IOException {
        if (!buffer.hasRemaining()) {
            bufferStart += buffer.limit();
            buffer.clear();
            if (channel.read(buffer, bufferStart) <= 0) {
                throw new IOException("unexpected end of file at byte " + bufferStart);
            }
            buffer.flip();
        }
        return buffer.get() & 0xff;
    }
}
