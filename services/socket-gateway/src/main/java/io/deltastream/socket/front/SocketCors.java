package io.deltastream.socket.front;

import io.deltastream.platform.http.CorsOrigins;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import java.util.List;

/**
 * CORS for the Socket.IO answers, following {@code SOCKET_CORS_ORIGINS} as the platform's listener follows
 * {@code CORS_ORIGINS} (netty-socketio's own CORS, turned off, echoed any {@code Origin} with
 * {@code Access-Control-Allow-Credentials: true}, letting any web page make credentialed calls). With {@code *}, any
 * page may poll without credentials: {@code Access-Control-Allow-Origin: *}, which is all socket.io-client 4 needs
 * (it sends no cookies unless told {@code withCredentials}, and WebSocket is outside CORS). With a list, a listed
 * origin is echoed with credentials allowed and {@code Vary: Origin}; any other gets no CORS headers. Every answer
 * also gets {@code X-Content-Type-Options: nosniff}.
 */
@ChannelHandler.Sharable
final class SocketCors extends ChannelOutboundHandlerAdapter {
    private static final AttributeKey<String> ORIGIN = AttributeKey.valueOf("deltastream.request-origin");

    private final CorsOrigins origins;

    SocketCors(List<String> origins) {
        this.origins = new CorsOrigins(origins);
    }

    /** Notes the {@code Origin} of the request being answered on {@code channel} (null when it has none). */
    void remember(Channel channel, HttpRequest req) {
        channel.attr(ORIGIN).set(req.headers().get(HttpHeaderNames.ORIGIN));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse res && !HttpResponseStatus.SWITCHING_PROTOCOLS.equals(res.status())
                && !res.headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)) {
            decorate(res.headers(), ctx.channel().attr(ORIGIN).get());
        }
        super.write(ctx, msg, promise);
    }

    private void decorate(HttpHeaders headers, String origin) {
        headers.set("X-Content-Type-Options", "nosniff");
        if (origin == null || !origins.allows(origin)) {
            return;
        }
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origins.allowOriginValue(origin));
        if (!origins.any()) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true").add(HttpHeaderNames.VARY, "Origin");
        }
    }
}
