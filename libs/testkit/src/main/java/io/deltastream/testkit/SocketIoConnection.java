package io.deltastream.testkit;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.client.SocketOptionBuilder;
import java.net.URI;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * A real Socket.IO v4 client (io.socket:socket.io-client) on an HTTP client of its own, closed together. The
 * library's shared default HTTP client allows 5 requests per host, which the long-polls of a few polling clients use
 * up, so that further clients would wait; and its threads would outlive the test.
 */
public final class SocketIoConnection implements AutoCloseable {
    private final Socket socket;
    private final OkHttpClient http;

    private SocketIoConnection(Socket socket, OkHttpClient http) {
        this.socket = socket;
        this.http = http;
    }

    /**
     * A client of {@code url} over {@code transport} ({@code websocket} or {@code polling}), on a connection of its
     * own and without reconnection, not connected yet: register listeners on {@link #socket()}, then connect it.
     *
     * @param options further settings (auth, query) applied after those
     */
    public static SocketIoConnection create(String url, String transport, Consumer<SocketOptionBuilder> options) {
        SocketOptionBuilder b = SocketOptionBuilder.builder().setForceNew(true).setReconnection(false)
                .setTransports(new String[]{transport});
        options.accept(b);
        IO.Options o = b.build();
        OkHttpClient http = new OkHttpClient.Builder().build();
        o.callFactory = http;
        o.webSocketFactory = http;
        return new SocketIoConnection(IO.socket(URI.create(url), o), http);
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        socket.disconnect();
        socket.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
