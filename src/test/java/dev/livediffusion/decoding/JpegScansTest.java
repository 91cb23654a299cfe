package dev.livediffusion.decoding;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JpegScansTest {

    @Test
    void aBaselineJpegHasOneScan() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "jpeg", out);
        assertEquals(1, JpegScans.count(out.toByteArray()));
    }

    @Test
    void progressiveJpegsHaveTheirEncodersScansAndBombsTheirRepeats() {
        int colour = JpegScans.count(JpegBombs.progressive(256, 256, BufferedImage.TYPE_3BYTE_BGR));
        int grey = JpegScans.count(JpegBombs.progressive(256, 256, BufferedImage.TYPE_BYTE_GRAY));
        assertTrue(colour >= 6 && colour <= 12 && grey >= 4 && grey <= 12, colour + " and " + grey + " scans");
        assertTrue(colour <= JpegScans.MAX && grey <= JpegScans.MAX);
        byte[] bomb = JpegBombs.withLastScanRepeated(JpegBombs.progressive(256, 256, BufferedImage.TYPE_BYTE_GRAY), 19_000);
        assertEquals(grey + 19_000, JpegScans.count(bomb));
    }

    @Test
    void markersInsideAnAppSegmentAreNotScans() {
        byte[] jpeg = JpegBombs.progressive(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        byte[] app = new byte[2 + 2 + 40];
        app[0] = (byte) 0xFF;
        app[1] = (byte) 0xE1;
        app[3] = 42;
        for (int i = 4; i + 1 < app.length; i += 2) {
            app[i] = (byte) 0xFF;
            app[i + 1] = (byte) 0xDA;
        }
        byte[] withApp = new byte[jpeg.length + app.length];
        System.arraycopy(jpeg, 0, withApp, 0, 2);
        System.arraycopy(app, 0, withApp, 2, app.length);
        System.arraycopy(jpeg, 2, withApp, 2 + app.length, jpeg.length - 2);
        assertEquals(JpegScans.count(jpeg), JpegScans.count(withApp));
    }
}
