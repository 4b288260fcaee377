package io.deltastream.socket.front;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * netty-socketio answers long-polling requests with {@code Connection: keep-alive} and then closes the connection.
 * A client that believes the header reuses the closed connection for its next request, which then fails ("unexpected
 * end of stream" in OkHttp, a reconnect in others). Saying {@code close} makes clients open a fresh connection, as
 * the server behaves anyway. WebSocket upgrades (101) are left alone.
 */
@ChannelHandler.Sharable
final class HonestConnectionHeader extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse res && !HttpResponseStatus.SWITCHING_PROTOCOLS.equals(res.status())) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        super.write(ctx, msg, promise);
    }
}
