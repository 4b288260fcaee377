package io.deltastream.socket.front;

import com.corundumstudio.socketio.handler.ClientHead;
import io.deltastream.platform.json.Json;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The Engine.IO sessions that exist, and the guard that answers every request naming another one at once.
 * netty-socketio 2.0.14 never answers a {@code sid} that is not a UUID (its parser throws on the I/O thread and the
 * connection stays open until the client gives up: a way to exhaust connections), answers a well-formed unknown one
 * with an empty 500, and likewise hangs on a non-numeric {@code j} or {@code b64}. The guard runs before the library's
 * handlers and answers those with the Engine.IO protocol's errors: 400 {@code {"code":1,"message":"Session ID
 * unknown"}} and 400 {@code {"code":3,"message":"Bad request"}}.
 *
 * <p>Sessions are recorded by {@link #recorder()} when the library has just created one for a handshake (before its
 * answer carrying the sid is written, so a client can never present a sid the guard does not know yet) and forgotten
 * through {@link #ended(UUID)} when the library ends one.
 */
final class EngineSessions {
    private static final Pattern INTEGER = Pattern.compile("\\d{1,9}");
    private static final Set<String> BOOLEANS = Set.of("0", "1", "true", "false");

    private final Set<UUID> live = ConcurrentHashMap.newKeySet();
    private final String socketPath;
    private final SocketCors cors;
    private final Guard guard = new Guard();
    private final Recorder recorder = new Recorder();

    /** @param socketPath the Socket.IO path with its trailing slash, e.g. {@code /socket.io/} */
    EngineSessions(String socketPath, SocketCors cors) {
        this.socketPath = socketPath;
        this.cors = cors;
    }

    ChannelHandler guard() {
        return guard;
    }

    ChannelHandler recorder() {
        return recorder;
    }

    void ended(UUID sessionId) {
        live.remove(sessionId);
    }


    @ChannelHandler.Sharable
    private final class Guard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest req)) {
                ctx.fireChannelRead(msg);
                return;
            }
            cors.remember(ctx.channel(), req);
            QueryStringDecoder query = new QueryStringDecoder(req.uri());
            if (!query.path().startsWith(socketPath)) {
                ctx.fireChannelRead(msg);
                return;
            }
            Map<String, List<String>> params = query.parameters();
            if (!wellFormed(params.get("j"), INTEGER) || !wellFormed(params.get("b64"), null)) {
                refuse(ctx, req, 3, "Bad request");
                return;
            }
            List<String> sid = params.get("sid");
            if (sid != null && !known(sid.getFirst())) {
                refuse(ctx, req, 1, "Session ID unknown");
                return;
            }
            ctx.fireChannelRead(msg);
        }

        private boolean known(String sid) {
            try {
                return live.contains(UUID.fromString(sid));
            } catch (IllegalArgumentException notUuid) {
                return false;
            }
        }

        /** A parameter that is absent, or an integer ({@code pattern}) / one of the boolean spellings (null). */
        private static boolean wellFormed(List<String> values, Pattern pattern) {
            if (values == null) {
                return true;
            }
            String v = values.getFirst();
            return pattern == null ? BOOLEANS.contains(v) : pattern.matcher(v).matches();
        }

        private void refuse(ChannelHandlerContext ctx, FullHttpRequest req, int code, String message) {
            req.release();
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                    Unpooled.wrappedBuffer(Json.bytes(body(code, message))));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The Engine.IO error body, {@code code} first as the reference server writes it. */
    private static Map<String, Object> body(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return body;
    }

    @ChannelHandler.Sharable
    private final class Recorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest req && !new QueryStringDecoder(req.uri()).parameters().containsKey("sid")) {
                ClientHead created = ctx.channel().attr(ClientHead.CLIENT).get();
                if (created != null) {
                    live.add(created.getSessionId());
                }
            }
            ctx.fireChannelRead(msg);
        }
    }
}
