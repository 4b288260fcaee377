package io.deltastream.feed;

import io.deltastream.bus.Bus;
import io.deltastream.bus.Buses;
import io.deltastream.feed.provider.FeedProvider;
import io.deltastream.feed.provider.Pacer;
import io.deltastream.feed.replay.Recorder;
import io.deltastream.feed.replay.ReplayProvider;
import io.deltastream.feed.synthetic.SyntheticProvider;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.health.HealthCheck;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces market data (synthetic or replayed, {@code FEED_PROVIDER}) onto the work queues
 * {@code market:underlying}, {@code market:option_chain} and {@code market:option_quote}. {@code /health} reports the
 * provider, run id and messages sent.
 */
public final class FeedGeneratorService implements Service {
    public static final String NAME = "feed-generator";
    private static final Logger LOG = LoggerFactory.getLogger(FeedGeneratorService.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8008;
    }

    @Override
    public void install(ServiceContext ctx) throws IOException {
        FeedConfig config = FeedConfig.from(ctx.env());
        FeedProvider provider = provider(config, new Pacer(Clock.systemUTC()));
        ctx.onStop(provider);
        Optional<Recorder> recorder = Optional.empty();
        if (config.record().isPresent()) {
            recorder = Optional.of(new Recorder(config.record().get()));
            ctx.onStop(recorder.get());
        }
        Bus bus = Buses.open(ctx);
        FeedPublisher publisher = new FeedPublisher(provider, bus.work(), recorder);
        ctx.healthDetail("provider", provider::name);
        ctx.healthDetail("run_id", publisher::runId);
        ctx.healthDetail("messages_sent", publisher::sent);
        ctx.healthDetail("finished", publisher::finished);
        ctx.healthCheck(HealthCheck.of("feed", () -> {
            if (publisher.failure().isPresent()) {
                throw new IllegalStateException("the feed loop stopped: " + publisher.failure().get());
            }
        }));
        ctx.metrics().gauge("feed_messages_sent", publisher, FeedPublisher::sent);
        Thread thread = ctx.thread("publisher", publisher);
        ctx.onStarted(thread::start);
        ctx.onStop(() -> {
            publisher.stop();
            thread.interrupt();
            thread.join(5_000);
        });
        if (config.provider().equals(FeedConfig.SYNTHETIC)) {
            LOG.info("synthetic feed: seed {}, {} products, {} strikes per chain ({} products sized by the preset), "
                    + "interval {} ms, chains every {} intervals", config.synthetic().seed(),
                    config.universe().names().size(), config.synthetic().strikesPerChain(),
                    config.synthetic().strikesByProduct().size(), config.interval().toMillis(), config.chainEvery());
        }
    }

    /** The provider {@code config} selects; configuration problems are {@link ConfigException}s naming the variable. */
    static FeedProvider provider(FeedConfig config, Pacer pacer) {
        return switch (config.provider()) {
            case FeedConfig.SYNTHETIC -> new SyntheticProvider(config.universe(), config.synthetic(), config.interval(),
                    config.quotePairs(), config.chainEvery(), pacer);
            case FeedConfig.REPLAY -> {
                try {
                    yield new ReplayProvider(config.replayFile().orElseThrow(), config.replaySpeed(),
                            config.replayLoop(), pacer);
                } catch (IOException e) {
                    throw new ConfigException("FEED_REPLAY_FILE: " + e.getMessage());
                }
            }
            default -> throw new ConfigException("FEED_PROVIDER '" + config.provider() + "' is not supported");
        };
    }

    /** Runs the feed alone; {@code Env} from the process environment. */
    public static void main(String[] args) {
        ServiceMain.runStandalone(new FeedGeneratorService());
    }

}
