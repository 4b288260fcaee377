package io.deltastream.socket.front;

import com.corundumstudio.socketio.messages.XHRPostMessage;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Answers a long-polling POST only once its packets have been handed to their listeners. netty-socketio 2.0.14 writes
 * the {@code ok} first; the client then sends its next POST at once, on a new connection that another I/O thread may
 * handle first, so that a client's events could be handled out of order. The {@code ok} is written on the channel's
 * next event-loop turn instead: the read that carries the packets dispatches them before it returns.
 */
@ChannelHandler.Sharable
final class PostAnswerAfterPackets extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof XHRPostMessage && ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> ctx.writeAndFlush(msg, promise));
        } else {
            ctx.write(msg, promise);
        }
    }
}
