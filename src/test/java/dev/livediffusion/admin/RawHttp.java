package dev.livediffusion.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, the request line sent byte for byte: HTTP client libraries normalise paths
 * such as {@code /./admin} or {@code %3B} before sending, which would hide what an attacker can send.
 */
final class RawHttp {

    record Answer(int status, String location, String body) {
    }

    private RawHttp() {
    }

    static Answer send(int port, String method, String rawPath, String cookies, String formBody) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            byte[] body = formBody == null ? new byte[0] : formBody.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n");
            if (cookies != null) {
                head.append("Cookie: ").append(cookies).append("\r\n");
            }
            if (formBody != null) {
                head.append("Content-Type: application/x-www-form-urlencoded\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Answer parse(String response) {
        int headEnd = response.indexOf("\r\n\r\n");
        String[] lines = (headEnd < 0 ? response : response.substring(0, headEnd)).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String location = null;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("location:")) {
                location = line.substring("location:".length()).strip();
            }
        }
        return new Answer(status, location, headEnd < 0 ? "" : response.substring(headEnd + 4));
    }
}
