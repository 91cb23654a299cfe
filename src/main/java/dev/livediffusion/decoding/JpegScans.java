package dev.livediffusion.decoding;

/**
 * Counts a JPEG's scans from its markers, without decoding: a progressive JPEG is decoded scan by scan, so its
 * scan count bounds the work. A 194 KB file whose scan header repeats 19,000 times cost ImageIO 17-58 s; ordinary
 * progressive files have about 10 scans, baseline ones 1.
 */
public final class JpegScans {

    /** Far above the 6 to 12 scans encoders write; a 1-megapixel colour JPEG of 64 heavy scans took 0.4 s to decode. */
    public static final int MAX = 32;

    private static final int START_OF_SCAN = 0xDA;
    private static final int END_OF_IMAGE = 0xD9;

    private JpegScans() {
    }

    public static boolean isJpeg(byte[] bytes) {
        return bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF;
    }

    /** Whether the bytes are a JPEG with more than {@link #MAX} scans: a decode bomb to refuse before decoding. */
    public static boolean tooMany(byte[] bytes) {
        return isJpeg(bytes) && count(bytes) > MAX;
    }

    /**
     * The scans a decoder meets, walking the markers as libjpeg does: segments by their length, the entropy-coded
     * data after each scan header up to the next marker (FF 00 and restart markers belong to the data), bytes that
     * are no marker skipped. One pass, so the count costs nothing next to a decode.
     */
    public static int count(byte[] jpeg) {
        int scans = 0;
        int at = 2;
        while (at + 1 < jpeg.length) {
            int marker = jpeg[at + 1] & 0xFF;
            if ((jpeg[at] & 0xFF) != 0xFF || marker == 0xFF) {
                at++;
                continue;
            }
            if (marker == END_OF_IMAGE) {
                break;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7 || at + 3 >= jpeg.length) {
                at += 2;   // markers without a length
                continue;
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
            if (marker == START_OF_SCAN) {
                scans++;
                at = afterEntropyCodedData(jpeg, at);
            }
        }
        return scans;
    }

    private static int afterEntropyCodedData(byte[] jpeg, int at) {
        while (at + 1 < jpeg.length) {
            int next = jpeg[at + 1] & 0xFF;
            if ((jpeg[at] & 0xFF) == 0xFF && next != 0 && (next < 0xD0 || next > 0xD7)) {
                return at;
            }
            at += (jpeg[at] & 0xFF) == 0xFF ? 2 : 1;
        }
        return jpeg.length;
    }
}
