package io.deltastream.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Bytes on a plain socket, for requests no HTTP client will send (broken chunked framing, conflicting length headers):
 * what came back, and whether the server closed the connection after it.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /**
     * @param text    what came back before the server closed the connection or went quiet (ISO-8859-1)
     * @param closed  true when the server closed the connection; false when it kept it open past the read timeout
     */
    public record Exchange(String text, boolean closed) {
        /** The status code of the first response, or -1 when none came. */
        public int status() {
            return text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
        }

        /** The first value of a header of the first response (case-insensitive name), or null. */
        public String header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.isEmpty()) {
                    return null;
                }
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        /** The body of the first response (everything after its header block). */
        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }

    /**
     * Sends {@code request} (ISO-8859-1) to 127.0.0.1:{@code port} and reads until the server closes the connection
     * or sends nothing for {@code quietMillis}.
     */
    public static Exchange send(int port, String request, int quietMillis) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(quietMillis);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            boolean closed;
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException e) {
                closed = false;
            } catch (IOException e) {
                closed = true; // reset by the server
            }
            return new Exchange(out.toString(StandardCharsets.ISO_8859_1), closed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
