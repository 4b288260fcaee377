package io.deltastream.app;

import io.deltastream.ai.AiAnalystService;
import io.deltastream.analytics.AnalyticsService;
import io.deltastream.auth.AuthService;
import io.deltastream.enricher.WorkerEnricherService;
import io.deltastream.feed.FeedGeneratorService;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.logs.LoggingService;
import io.deltastream.platform.service.Service;
import io.deltastream.socket.SocketGatewayService;
import io.deltastream.storage.StorageService;
import io.deltastream.trading.TradeSimulatorService;
import java.util.List;
import java.util.Optional;

/** Every service of the platform, in start order: consumers before producers, the gateway last. */
public final class ServiceCatalog {
    private ServiceCatalog() {
    }

    public static List<Service> all() {
        return List.of(
                new StorageService(),
                new AuthService(),
                new AnalyticsService(),
                new LoggingService(),
                new TradeSimulatorService(),
                new AiAnalystService(),
                new SocketGatewayService(),
                new WorkerEnricherService(),
                new FeedGeneratorService(),
                new ApiGatewayService());
    }

    public static Optional<Service> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return all().stream().map(Service::name).toList();
    }
}
