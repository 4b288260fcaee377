package io.deltastream.socket.front;

import io.deltastream.platform.json.Json;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every HTTP request outside the Socket.IO path to the platform's HTTP listener on loopback and relays its
 * answer, so {@code /health}, {@code /metrics}, CORS and the JSON errors (404 for unknown paths) are the platform's.
 * Responses close the connection: netty-socketio closes idle connections that never spoke Socket.IO after a few
 * seconds, so keeping them alive would only race that.
 */
@ChannelHandler.Sharable
final class BackendForwarder extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BackendForwarder.class);
    /** Headers the JDK client sets itself or refuses, and hop-by-hop headers. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String socketPath;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private volatile int backendPort;

    /** @param socketPath the Socket.IO path with its trailing slash, e.g. {@code /socket.io/} */
    BackendForwarder(String socketPath) {
        this.socketPath = socketPath;
    }

    void backendPort(int port) {
        this.backendPort = port;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req) || new QueryStringDecoder(req.uri()).path().startsWith(socketPath)) {
            ctx.fireChannelRead(msg);
            return;
        }
        HttpRequest forwarded;
        try {
            forwarded = toBackend(ctx, req);
        } catch (IllegalArgumentException e) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, Map.of(), Json.bytes(Map.of("error", "Bad request")));
            return;
        } finally {
            req.release();
        }
        http.sendAsync(forwarded, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((res, error) -> {
            if (error != null) {
                LOG.warn("HTTP listener unreachable on port {}: {}", backendPort, error.toString());
                respond(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, Map.of(),
                        Json.bytes(Map.of("error", "Service unavailable")));
            } else {
                respond(ctx, HttpResponseStatus.valueOf(res.statusCode()), res.headers().map(), res.body());
            }
        });
    }

    private HttpRequest toBackend(ChannelHandlerContext ctx, FullHttpRequest req) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backendPort + req.uri()))
                .timeout(TIMEOUT);
        for (Map.Entry<String, String> h : req.headers()) {
            if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                b.header(h.getKey(), h.getValue());
            }
        }
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress peer && !req.headers().contains("X-Forwarded-For")) {
            b.header("X-Forwarded-For", peer.getAddress().getHostAddress());
        }
        byte[] body = ByteBufUtil.getBytes(req.content());
        b.method(req.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return b.build();
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, Map<String, List<String>> headers,
                                byte[] body) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        headers.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                res.headers().add(name, values);
            }
        });
        if (!res.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        }
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.channel().writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
}
