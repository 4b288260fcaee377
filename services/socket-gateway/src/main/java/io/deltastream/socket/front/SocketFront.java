package io.deltastream.socket.front;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.AuthorizationResult;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.listener.DefaultExceptionListener;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.auth.AuthenticatedUser;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.service.FrontServer;
import io.deltastream.socket.SocketGatewayConfig;
import io.deltastream.socket.delivery.ClientDirectory;
import io.deltastream.socket.delivery.ClientSession;
import io.deltastream.socket.delivery.DeliveryMetrics;
import io.deltastream.socket.protocol.Events;
import io.deltastream.socket.protocol.GatewayProtocol;
import io.deltastream.socket.protocol.Payloads;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public port: Socket.IO (netty-socketio, Engine.IO v3/v4 over long-polling and WebSocket) at
 * {@code /socket.io/}, every other HTTP request forwarded to the platform's listener. Wires the library's callbacks
 * to {@link GatewayProtocol}: client requests run per client in order on virtual threads, never on I/O threads.
 *
 * <p>Tokens: a Socket.IO v4 client sends {@code auth: {token}} with its namespace connect; any client may put
 * {@code ?token=} in the handshake query. A valid token puts the client in its user room; an invalid one is
 * refused (handshake 401, or a v4 {@code connect_error} followed by a disconnect).
 */
public final class SocketFront implements FrontServer {
    private static final Logger LOG = LoggerFactory.getLogger(SocketFront.class);
    private static final String PATH = "/socket.io";
    private static final String SESSION_KEY = "deltastream.session";
    private static final String CONNECTION_KEY = "deltastream.connection";
    private static final String NAMESPACE_CONNECTED_KEY = "deltastream.namespace-connected";
    /** How long a client refused for its token keeps its connection, so that it receives the reason first. */
    private static final long REFUSED_CLIENT_GRACE_MS = 200;

    private final SocketGatewayConfig config;
    private final GatewayProtocol protocol;
    private final ClientDirectory clients;
    private final DeliveryMetrics metrics;
    private final AccessTokens tokens;
    private final TokenStanding standing;
    private final ChannelGroup channels = new DefaultChannelGroup("socket-gateway", GlobalEventExecutor.INSTANCE);
    private final BackendForwarder forwarder = new BackendForwarder(PATH + "/");
    private final NamespaceConnectWatcher namespaceWatcher = new NamespaceConnectWatcher();
    private final HonestConnectionHeader connectionHeader = new HonestConnectionHeader();
    private final PostAnswerAfterPackets postAnswer = new PostAnswerAfterPackets();
    private final SocketCors cors;
    private final EngineSessions sessions;
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, SerialTasks> tasks = new ConcurrentHashMap<>();
    private SocketIOServer server;

    public SocketFront(SocketGatewayConfig config, GatewayProtocol protocol, ClientDirectory clients,
                       DeliveryMetrics metrics, AccessTokens tokens, TokenStanding standing) {
        this.config = config;
        this.protocol = protocol;
        this.clients = clients;
        this.metrics = metrics;
        this.tokens = tokens;
        this.standing = standing;
        this.cors = new SocketCors(config.corsOrigins());
        this.sessions = new EngineSessions(PATH + "/", cors);
    }

    @Override
    public int start(InetAddress address, int port, int backendPort) throws java.net.BindException {
        forwarder.backendPort(backendPort);
        Configuration configuration = configuration(port);
        configuration.setHostname(address.getHostAddress());
        server = new SocketIOServer(configuration);
        server.setPipelineFactory(new Initializer());
        server.addConnectListener(this::onConnect);
        server.addDisconnectListener(this::onDisconnect);
        server.getNamespace("").addAuthTokenListener(this::onAuthToken);
        server.addEventListener(Events.SUBSCRIBE, JsonNode.class,
                (client, data, ack) -> request(client, ack, s -> protocol.subscribe(s, data)));
        server.addEventListener(Events.UNSUBSCRIBE, JsonNode.class,
                (client, data, ack) -> request(client, ack, s -> protocol.unsubscribe(s, data)));
        server.addEventListener(Events.GET_PRODUCTS, JsonNode.class,
                (client, data, ack) -> request(client, ack, protocol::products));
        ChannelFuture bound = (ChannelFuture) server.startAsync().awaitUninterruptibly();
        if (!bound.isSuccess()) {
            // Netty's native transport reports a taken port as its own IOException; the host expects a BindException
            java.net.BindException taken = new java.net.BindException(String.valueOf(bound.cause().getMessage()));
            taken.initCause(bound.cause());
            throw taken;
        }
        return ((InetSocketAddress) bound.channel().localAddress()).getPort();
    }

    private Configuration configuration(int port) {
        Configuration c = new Configuration();
        c.setPort(port);
        c.setContext(PATH);
        c.setTransports(Transport.WEBSOCKET, Transport.POLLING);
        c.setPingInterval((int) config.pingInterval().toMillis());
        c.setPingTimeout((int) config.pingTimeout().toMillis());
        c.setMaxHttpContentLength(config.maxPayloadBytes());
        c.setMaxFramePayloadLength(config.maxPayloadBytes());
        c.setWorkerThreads(config.workerThreads());
        c.setBossThreads(1);
        // The native transport does fewer system calls and allocations per write than NIO.
        c.setUseLinuxNativeEpoll(Epoll.isAvailable());
        c.setAckMode(AckMode.MANUAL);
        c.setRandomSession(true);
        c.setHttpCompression(config.compression());
        c.setWebsocketCompression(config.compression());
        c.setAddVersionHeader(false);
        c.setAllowCustomRequests(true);
        // CORS follows SOCKET_CORS_ORIGINS (see SocketCors); the allow-list is also checked at the handshake below.
        c.setEnableCors(false);
        c.setAuthorizationListener(this::authorizeHandshake);
        c.setExceptionListener(new DefaultExceptionListener() {
            /** A malformed packet or a reset connection is the client's affair: no stack trace per occurrence. */
            @Override
            public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
                LOG.debug("connection error from {}: {}", ctx.channel().remoteAddress(), e.toString());
                return true;
            }
        });
        c.getSocketConfig().setReuseAddress(true);
        c.getSocketConfig().setTcpNoDelay(true);
        c.getSocketConfig().setWriteBufferWaterMarkHigh(config.writeBufferBytes());
        c.getSocketConfig().setWriteBufferWaterMarkLow(config.writeBufferBytes() / 2);
        c.getSocketConfig().setAcceptBackLog(4096);
        return c;
    }

    private AuthorizationResult authorizeHandshake(HandshakeData data) {
        String origin = data.getHttpHeaders().get("Origin");
        if (origin != null && !config.anyOrigin() && !config.corsOrigins().contains(origin)) {
            LOG.debug("refused handshake from origin {}", origin);
            return AuthorizationResult.FAILED_AUTHORIZATION;
        }
        String token = data.getSingleUrlParam("token");
        if (token != null && verify(token).isEmpty()) {
            return AuthorizationResult.FAILED_AUTHORIZATION;
        }
        return AuthorizationResult.SUCCESSFUL_AUTHORIZATION;
    }

    /** The user of a token, given bare or as {@code Bearer <token>}; empty when invalid, expired or logged out. */
    private Optional<AuthenticatedUser> verify(String token) {
        String bare = token.regionMatches(true, 0, "Bearer ", 0, 7) ? token.substring(7) : token;
        AuthenticatedUser user;
        try {
            user = tokens.verify(bare);
        } catch (ApiException e) {
            return Optional.empty();
        }
        return standing.revoked(user) ? Optional.empty() : Optional.of(user);
    }

    /**
     * Called when the Engine.IO session binds, which for Socket.IO v4 clients is before their namespace connect
     * (and its auth token) arrives: the session starts then, see {@link NamespaceConnectWatcher}. Socket.IO v2
     * clients are connected to the namespace at once.
     */
    private void onConnect(SocketIOClient client) {
        ClientHead head = ((NamespaceClient) client).getBaseClient();
        synchronized (head) {
            session(client);
            if (client.getEngineIOVersion() != EngineIOVersion.V4) {
                client.set(NAMESPACE_CONNECTED_KEY, Boolean.TRUE);
            }
            startIfReady(head);
        }
    }

    /**
     * The client's session, created by whichever comes first: {@link #onConnect}, {@link #onAuthToken}, the namespace
     * connect ({@link NamespaceConnectWatcher}) or a request. A long-polling client's namespace connect (with its auth
     * token), and then its first event, come on requests of their own, as soon as the answer before them is written,
     * and other I/O threads can run them before the handshake's thread has called {@link #onConnect}.
     */
    private ClientSession session(SocketIOClient client) {
        NamespaceClient nc = (NamespaceClient) client;
        synchronized (nc.getBaseClient()) {
            ClientSession s = client.get(SESSION_KEY);
            if (s != null) {
                return s;
            }
            NettyConnection connection = new NettyConnection(nc, channels);
            s = new ClientSession(client.getSessionId().toString(), connection, config.clientBuffer(), metrics,
                    clients::behind);
            client.set(CONNECTION_KEY, connection);
            String token = client.getHandshakeData().getSingleUrlParam("token");
            if (token != null) {
                verify(token).ifPresent(s::user);
            }
            tasks.put(s.id(), new SerialTasks(requests));
            client.set(SESSION_KEY, s);
            return s;
        }
    }

    /**
     * Starts the client's session once both have happened, in whichever order the I/O threads ran them: the session
     * exists ({@link #session}) and the namespace connect was processed ({@link NamespaceConnectWatcher}).
     */
    private void startIfReady(ClientHead head) {
        synchronized (head) {
            ClientSession s = head.getStore().get(SESSION_KEY);
            if (s != null && head.getStore().has(NAMESPACE_CONNECTED_KEY) && !s.isClosed()
                    && clients.get(s.id()) == null) {
                protocol.connected(s);
                SerialTasks t = tasks.get(s.id());
                if (t != null) {
                    t.start();
                }
            }
        }
    }

    private void onDisconnect(SocketIOClient client) {
        ClientSession s = client.get(SESSION_KEY);
        if (s != null) {
            tasks.remove(s.id());
            protocol.disconnected(s);
        }
    }

    private AuthTokenResult onAuthToken(Object auth, SocketIOClient client) {
        Object token = auth instanceof Map<?, ?> m ? m.get("token") : null;
        if (token == null) {
            return AuthTokenResult.AuthTokenResultSuccess;
        }
        Optional<AuthenticatedUser> user = token instanceof String t ? verify(t) : Optional.empty();
        ClientSession s = session(client);
        if (user.isEmpty()) {
            tasks.remove(s.id());
            protocol.disconnected(s);
            // The library has already counted the client as connected: let the error packet go, then drop it.
            CompletableFuture.delayedExecutor(REFUSED_CLIENT_GRACE_MS, TimeUnit.MILLISECONDS, requests)
                    .execute(() -> ((NamespaceClient) client).getBaseClient().disconnect());
            return new AuthTokenResult(false, new RawValue(new SerializedString(
                    Payloads.error(AccessTokens.INVALID, "the token in auth.token is invalid or expired"))));
        }
        s.user(user.get());
        return AuthTokenResult.AuthTokenResultSuccess;
    }

    private void request(SocketIOClient client, AckRequest ack, Function<ClientSession, String> handler) {
        ClientSession s = session(client);
        SerialTasks t = tasks.get(s.id());
        if (t == null) {
            return;
        }
        t.submit(() -> {
            String reply = handler.apply(s);
            if (ack.isAckRequested()) {
                ack.sendAckData(new RawValue(new SerializedString(reply)));
            }
        });
    }

    /** Connected clients of this instance. */
    public int clientCount() {
        return clients.size();
    }

    @Override
    public void close() {
        if (server != null) {
            channels.close().awaitUninterruptibly();
            server.stop();
            server = null;
        }
        requests.close();
    }

    /**
     * netty-socketio's pipeline plus the HTTP forwarder, the session guard, CORS and the POST answer's deferral, with
     * every connection tracked for forced closes.
     */
    private final class Initializer extends SocketIOChannelInitializer {
        @Override
        protected void initChannel(Channel ch) throws Exception {
            channels.add(ch);
            super.initChannel(ch);
        }

        @Override
        protected void addSocketioHandlers(ChannelPipeline pipeline) {
            super.addSocketioHandlers(pipeline);
            pipeline.addBefore(PACKET_HANDLER, "deltastreamHttp", forwarder);
            pipeline.addBefore(PACKET_HANDLER, "deltastreamNamespaceConnect", namespaceWatcher);
            pipeline.addAfter(HTTP_ENCODER, "deltastreamConnectionHeader", connectionHeader);
            pipeline.addAfter(SOCKETIO_ENCODER, "deltastreamPostAnswer", postAnswer);
            pipeline.addAfter(HTTP_ENCODER, "deltastreamCors", cors);
            pipeline.addBefore(AUTHORIZE_HANDLER, "deltastreamSessionGuard", sessions.guard());
            pipeline.addAfter(AUTHORIZE_HANDLER, "deltastreamSessionRecorder", sessions.recorder());
        }

        @Override
        public void onDisconnect(ClientHead client) {
            super.onDisconnect(client);
            sessions.ended(client.getSessionId());
        }
    }

    /**
     * Starts the session of a Socket.IO v4 client once its namespace connect packet has been processed (the library
     * has then queued its connect acknowledgement, so {@code connected} and everything after it follow the ack, as
     * the protocol requires). netty-socketio replaces the client's namespace handle when it processes that packet,
     * which is how it is recognised here.
     */
    @ChannelHandler.Sharable
    private final class NamespaceConnectWatcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (!(msg instanceof PacketsMessage packets)) {
                ctx.fireChannelRead(msg);
                return;
            }
            ClientHead head = packets.getClient();
            if (packets.getTransport() == Transport.WEBSOCKET) {
                NettyConnection connection = head.getStore().get(CONNECTION_KEY);
                if (connection != null) {
                    connection.webSocket(ctx.channel());
                }
            }
            Namespace ns = (Namespace) server.getNamespace(Namespace.DEFAULT_NAME);
            NamespaceClient before = head.getChildClient(ns);
            ctx.fireChannelRead(msg);
            NamespaceClient after = head.getChildClient(ns);
            if (after != null && after != before) {
                synchronized (head) {
                    session(after);
                    head.getStore().set(NAMESPACE_CONNECTED_KEY, Boolean.TRUE);
                    startIfReady(head);
                }
            }
        }
    }
}
