package io.deltastream.feed.replay;

import io.deltastream.feed.provider.FeedMessage;
import io.deltastream.feed.provider.FeedProvider;
import io.deltastream.feed.provider.Pacer;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.UnderlyingTick;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.market.wire.WireTime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code FEED_PROVIDER=replay}: plays a recording ({@code FEED_REPLAY_FILE}) back. Messages recorded at the same
 * market time form one batch; batches are due at their recorded distance from the first message divided by
 * {@code FEED_REPLAY_SPEED} (1 = original pace, 10 = ten times faster, 0 = as fast as possible). Times in the
 * messages are shifted to the replay's own clock (a replayed tick is "now", not last week), so downstream latency,
 * candles and retention behave as live. With {@code FEED_REPLAY_LOOP} the recording starts over at its end.
 */
public final class ReplayProvider implements FeedProvider {
    private final Path file;
    private final double speed;
    private final boolean loop;
    private final Pacer pacer;
    private BufferedReader reader;
    private long lineNumber;
    private FeedMessage pending;
    private Instant recordingStart;
    private Instant passStart;
    private Instant lastReplayTime;
    private int passes;
    /** A bad line found while reading ahead: reported after the batch before it has been played. */
    private IOException readAhead;

    /** Opens {@code file}; an {@link IOException} when it cannot be read or its first line is not a recorded message. */
    public ReplayProvider(Path file, double speed, boolean loop, Pacer pacer) throws IOException {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("replay speed must be >= 0, got " + speed);
        }
        this.file = file;
        this.speed = speed;
        this.loop = loop;
        this.pacer = pacer;
        open();
        if (pending == null) {
            throw new IOException("recording " + file + " is empty");
        }
    }

    private void open() throws IOException {
        if (reader != null) {
            reader.close();
        }
        reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        lineNumber = 0;
        pending = read();
        recordingStart = pending == null ? null : pending.time();
        Instant now = WireTime.truncate(pacer.now());
        // A later pass starts after the previous one's last message, so replayed times never go backwards.
        passStart = lastReplayTime != null && !now.isAfter(lastReplayTime) ? lastReplayTime.plusNanos(1000) : now;
        passes++;
    }

    private FeedMessage read() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (!line.isBlank()) {
                return Recording.parse(line, lineNumber);
            }
        }
        return null;
    }

    @Override
    public String name() {
        return "replay";
    }

    /** How many times the recording has been started (1 during the first pass). */
    public int passes() {
        return passes;
    }

    @Override
    public Optional<List<FeedMessage>> next() throws InterruptedException {
        try {
            if (readAhead != null) {
                throw readAhead;
            }
            if (pending == null) {
                if (!loop) {
                    return Optional.empty();
                }
                open();
                if (pending == null) {
                    return Optional.empty();
                }
            }
            Instant batchTime = pending.time();
            Instant replayTime = replayTime(batchTime);
            if (speed > 0) {
                pacer.sleepUntil(replayTime);
            }
            List<FeedMessage> batch = new ArrayList<>();
            while (pending != null && pending.time().equals(batchTime)) {
                batch.add(restamp(pending, replayTime));
                try {
                    pending = read();
                } catch (IOException e) {
                    pending = null;
                    readAhead = e;
                }
            }
            lastReplayTime = replayTime;
            return Optional.of(batch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + file + ": " + e.getMessage(), e);
        }
    }

    private Instant replayTime(Instant recorded) {
        long nanos = Duration.between(recordingStart, recorded).toNanos();
        long scaled = speed > 0 ? Math.round(nanos / speed) : 0;
        Instant t = WireTime.truncate(passStart.plusNanos(Math.max(0, scaled)));
        return lastReplayTime != null && t.isBefore(lastReplayTime) ? lastReplayTime : t;
    }

    /** The message with its market time(s) replaced by {@code time}; messages of unknown queues pass unchanged. */
    private FeedMessage restamp(FeedMessage m, Instant time) throws IOException {
        try {
            return switch (m.queue()) {
                case MarketQueues.UNDERLYING -> {
                    UnderlyingTick t = WireCodec.decodeTick(m.payload());
                    yield FeedMessage.of(new UnderlyingTick(t.product(), t.price(), time, t.tickId()));
                }
                case MarketQueues.OPTION_QUOTE -> FeedMessage.of(at(WireCodec.decodeQuote(m.payload()), time));
                case MarketQueues.OPTION_CHAIN -> {
                    OptionChain c = WireCodec.decodeChain(m.payload());
                    yield FeedMessage.of(new OptionChain(c.product(), c.expiry(), c.spotPrice(), c.strikes(),
                            c.calls().stream().map(q -> at(q, time)).toList(),
                            c.puts().stream().map(q -> at(q, time)).toList(), time));
                }
                default -> new FeedMessage(m.queue(), m.payload(), time);
            };
        } catch (MalformedMessageException e) {
            throw new IOException("recorded message before line " + lineNumber + " is malformed: " + e.getMessage(), e);
        }
    }

    private static OptionQuote at(OptionQuote q, Instant time) {
        return new OptionQuote(q.symbol(), q.product(), q.strike(), q.expiry(), q.optionType(), q.bid(), q.ask(),
                q.last(), q.volume(), q.openInterest(), q.delta(), q.gamma(), q.vega(), q.theta(), q.iv(), time);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
