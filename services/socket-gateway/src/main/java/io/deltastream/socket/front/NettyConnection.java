package io.deltastream.socket.front;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.deltastream.socket.delivery.ClientConnection;
import io.deltastream.socket.delivery.Outgoing;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * A netty-socketio client as a {@link ClientConnection}. netty-socketio itself queues without limit (its packet
 * queue, then the channel's outbound buffer), so readiness is judged here: the WebSocket channel below its
 * write-buffer high-water mark, and few packets waiting for the I/O thread (for long-polling, waiting for the next
 * poll).
 */
final class NettyConnection implements ClientConnection {
    /** Packets that may wait in netty-socketio's queue for a WebSocket client. */
    private static final int WEBSOCKET_QUEUE_LIMIT = 32;
    /** Packets that may wait for a long-polling client's next poll (a poll takes up to 50). */
    private static final int POLLING_QUEUE_LIMIT = 100;

    private final NamespaceClient client;
    private final ClientHead head;
    private final ChannelGroup channels;
    private volatile Channel webSocket;

    NettyConnection(NamespaceClient client, ChannelGroup channels) {
        this.client = client;
        this.head = client.getBaseClient();
        this.channels = channels;
    }

    /** The client's WebSocket, once it speaks over one (set from its I/O thread). */
    void webSocket(Channel ch) {
        webSocket = ch;
    }

    @Override
    public Executor executor() {
        Channel ch = webSocket;
        return ch != null && ch.isActive() && head.getCurrentTransport() == Transport.WEBSOCKET ? ch.eventLoop() : null;
    }

    @Override
    public boolean ready() {
        Transport transport = head.getCurrentTransport();
        Queue<?> queue = head.getPacketsQueue(transport);
        if (transport == Transport.WEBSOCKET) {
            return head.isWritable() && (queue.isEmpty() || queue.size() < WEBSOCKET_QUEUE_LIMIT);
        }
        return queue.isEmpty() || queue.size() < POLLING_QUEUE_LIMIT;
    }

    /**
     * On the WebSocket's own I/O thread with nothing queued in netty-socketio, the pre-built event packet goes
     * straight into a frame (no per-client encoding, no queue, no task); otherwise netty-socketio encodes and queues
     * it, and what it already queued stays ahead.
     */
    @Override
    public void send(Outgoing message) {
        Channel ch = webSocket;
        if (ch != null && ch.eventLoop().inEventLoop() && head.getCurrentTransport() == Transport.WEBSOCKET
                && head.getPacketsQueue(Transport.WEBSOCKET).isEmpty() && ch.isActive()) {
            ch.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(message.eventPacket())));
        } else {
            client.sendEvent(message.event(), message.payload());
        }
    }

    /** Closes the client's connections outright: a polite disconnect packet would wait behind its backlog. */
    @Override
    public void close() {
        List<Channel> own = new ArrayList<>(2);
        for (Channel ch : channels) {
            if (head.isTransportChannel(ch, Transport.WEBSOCKET) || head.isTransportChannel(ch, Transport.POLLING)) {
                own.add(ch);
            }
        }
        head.disconnect();
        own.forEach(Channel::close);
    }
}
