package io.deltastream.bench.socket;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * A minimal Socket.IO v4 client over WebSocket for load tests: thousands share one Netty event loop group, where the
 * reference client library needs threads per connection. It speaks the protocol's subset a dashboard uses: Engine.IO
 * open and ping/pong, the namespace connect, emitting events, receiving {@code 42[...]} events.
 */
public final class EngineIoClient {
    /** Receives each server event's raw JSON array text ({@code ["name", payload]}) on an I/O thread. */
    @FunctionalInterface
    public interface EventSink {
        void onEvent(String eventArrayJson, long receivedNanos);
    }

    /** Engine.IO pings received (and answered) by all clients. */
    static final java.util.concurrent.atomic.LongAdder PINGS = new java.util.concurrent.atomic.LongAdder();
    /** Why connections failed, with counts (printed by the driver). */
    static final java.util.Map<String, Integer> ERRORS = new java.util.concurrent.ConcurrentHashMap<>();

    private final CompletableFuture<EngineIoClient> connected = new CompletableFuture<>();
    private final EventSink sink;
    private volatile Channel channel;

    private EngineIoClient(EventSink sink) {
        this.sink = sink;
    }

    /** Opens a client; the future completes once the server acknowledged the namespace connect. */
    public static CompletableFuture<EngineIoClient> connect(EventLoopGroup group, URI base, EventSink sink) {
        EngineIoClient client = new EngineIoClient(sink);
        URI ws = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/socket.io/?EIO=4&transport=websocket");
        Bootstrap b = new Bootstrap().group(group)
                .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                        ws, WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), 1 << 24)),
                                new WebSocketFrameAggregator(1 << 24),
                                client.new Handler());
                    }
                });
        ChannelFuture f = b.connect(ws.getHost(), ws.getPort());
        f.addListener(done -> {
            if (!done.isSuccess()) {
                client.connected.completeExceptionally(done.cause());
            } else {
                client.channel = f.channel();
                f.channel().closeFuture().addListener(c -> client.connected.completeExceptionally(
                        new IllegalStateException("closed before connecting")));
            }
        });
        return client.connected;
    }

    /** Emits {@code 42[name, payloadJson]}. */
    public void emit(String name, String payloadJson) {
        channel.writeAndFlush(new TextWebSocketFrame("42[\"" + name + "\"," + payloadJson + "]"));
    }

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    public void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            long now = System.nanoTime();
            String text = frame.text();
            if (text.startsWith("42")) {
                sink.onEvent(text.substring(2), now);
            } else if (text.equals("2")) {
                PINGS.increment();
                ctx.writeAndFlush(new TextWebSocketFrame("3"));
            } else if (text.startsWith("0")) {
                ctx.writeAndFlush(new TextWebSocketFrame("40"));
            } else if (text.startsWith("40")) {
                connected.complete(EngineIoClient.this);
            } else if (text.startsWith("44")) {
                connected.completeExceptionally(new IllegalStateException("connect refused: " + text));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ERRORS.merge(cause.getClass().getSimpleName() + ": " + cause.getMessage(), 1, Integer::sum);
            connected.completeExceptionally(cause);
            ctx.close();
        }
    }
}
