package dev.livediffusion.infotext;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** A1111's infotext read back by parsers that are not the app's: Java's PNG reader, metadata-extractor's EXIF. */
public final class InfotextReaders {

    private InfotextReaders() {
    }

    /** tEXt and iTXt entries as Java's own PNG reader sees them. */
    public static Map<String, String> pngText(byte[] png) throws Exception {
        Map<String, String> text = new HashMap<>();
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in);
            Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
                String value = switch (chunk.getNodeName()) {
                    case "tEXt" -> "value";
                    case "iTXt" -> "text";
                    default -> null;
                };
                for (Node entry = chunk.getFirstChild(); value != null && entry != null; entry = entry.getNextSibling()) {
                    NamedNodeMap attributes = entry.getAttributes();
                    text.put(attributes.getNamedItem("keyword").getNodeValue(),
                            attributes.getNamedItem(value).getNodeValue());
                }
            }
        } finally {
            reader.dispose();
        }
        return text;
    }

    /**
     * The JPEG's EXIF UserComment as metadata-extractor finds it, decoded as EXIF says: after the 8-byte code
     * "UNICODE\0", UCS-2 in the file's byte order (big-endian here, as piexif writes and A1111 reads). The
     * library's own description would take it as little-endian, so the raw bytes are decoded here.
     */
    public static String exifUserComment(byte[] jpeg) throws Exception {
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        byte[] comment = exif.getByteArray(ExifDirectoryBase.TAG_USER_COMMENT);
        String code = new String(comment, 0, 8, StandardCharsets.US_ASCII);
        if (!code.equals("UNICODE\0")) {
            throw new AssertionError("character code " + code);
        }
        return new String(Arrays.copyOfRange(comment, 8, comment.length), StandardCharsets.UTF_16BE);
    }
}
