package dev.livediffusion.gallery;

import org.jcodec.api.awt.AWTSequenceEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Rational;
import org.jcodec.containers.mp4.boxes.MetaValue;
import org.jcodec.movtool.MetadataEditor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A flipbook as an H.264 MP4 (JCodec, pure Java) at the flipbook's frame rate, with the prompt timeline as the iTunes-style
 * comment ({@code moov/udta/meta/ilst/©cmt}) that players and tagging tools show.
 */
final class Mp4Flipbook {

    /** The {@code ©cmt} atom name as JCodec's metadata map keys it. */
    static final int COMMENT_ATOM = (0xA9 << 24) | ('c' << 16) | ('m' << 8) | 't';

    private Mp4Flipbook() {
    }

    static byte[] write(Flipbook flipbook) throws IOException {
        // JCodec's muxer seeks back to patch sizes, and its metadata editor works on files: a temporary one it is
        Path file = Files.createTempFile("live-diffusion-flipbook", ".mp4");
        try {
            // H.264 in 4:2:0 needs even sizes: an odd side gets one black line
            int width = flipbook.width() + flipbook.width() % 2;
            int height = flipbook.height() + flipbook.height() % 2;
            try (SeekableByteChannel channel = NIOUtils.writableChannel(file.toFile())) {
                AWTSequenceEncoder encoder = new AWTSequenceEncoder(channel, rate(flipbook.frameRate()));
                for (int i = 0; i < flipbook.frames().size(); i++) {
                    encoder.encodeImage(flipbook.image(i, width, height, BufferedImage.TYPE_3BYTE_BGR));
                }
                encoder.finish();
            }
            MetadataEditor metadata = MetadataEditor.createFrom(file.toFile());
            metadata.getItunesMeta().put(COMMENT_ATOM, MetaValue.createString(flipbook.timeline()));
            metadata.save(false);
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Each frame lasts whole milliseconds, as on the gallery page: 8/s → 125 ms → 8/1; 6.67/s → 150 ms → 20/3. */
    private static Rational rate(double frameRate) {
        return Rational.reduce(1000, (int) Math.round(1000 / frameRate));
    }
}
