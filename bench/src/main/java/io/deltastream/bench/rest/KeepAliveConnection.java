package io.deltastream.bench.rest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One persistent HTTP/1.1 connection doing GETs back to back, the way wrk does: a pre-encoded request, a response
 * read up to its {@code Content-Length}. Cheap enough that the load generator leaves the CPU to the server.
 */
final class KeepAliveConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];

    KeepAliveConnection(URI base) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    static byte[] request(URI base, String pathAndQuery) {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends the request and reads the whole response; returns the status code. */
    int exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int status = -1;
        long length = -1;
        boolean chunked = false;
        StringBuilder line = new StringBuilder(128);
        while (true) {
            readLine(line);
            if (status < 0) {
                status = Integer.parseInt(line.substring(9, 12));
            } else if (line.isEmpty()) {
                break;
            } else {
                String l = line.toString().toLowerCase(java.util.Locale.ROOT);
                if (l.startsWith("content-length:")) {
                    length = Long.parseLong(l.substring(15).trim());
                } else if (l.startsWith("transfer-encoding:") && l.contains("chunked")) {
                    chunked = true;
                }
            }
        }
        if (chunked) {
            while (true) {
                readLine(line);
                long size = Long.parseLong(line.toString().trim(), 16);
                skip(size + 2);
                if (size == 0) {
                    break;
                }
            }
        } else if (length > 0) {
            skip(length);
        }
        return status;
    }

    private void readLine(StringBuilder line) throws IOException {
        line.setLength(0);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (r < 0) {
                throw new IOException("connection closed by the server");
            }
            left -= r;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
