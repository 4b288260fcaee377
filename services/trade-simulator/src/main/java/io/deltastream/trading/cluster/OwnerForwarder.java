package io.deltastream.trading.cluster;

import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.RawJson;
import io.deltastream.platform.http.Reply;
import io.deltastream.platform.http.RequestIds;
import io.deltastream.platform.http.TextBody;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Sends a call for a user whose partition another instance serves to that instance (found in the partition's
 * lease), with the internal credential, and relays its answer. The receiving instance forwards, rather than the
 * gateway routing, so that any load balancer in front of the instances works and the partition table stays private
 * to the simulator. While a partition is between owners (its holder died and the lease has not expired yet) the call
 * waits up to {@code patience} for a new owner; a call that reached an owner which then failed is not repeated (it
 * may have been applied): the client retries it, with its client order id.
 */
public final class OwnerForwarder {
    /** Marks a forwarded call, which is never forwarded again (ownership moved meanwhile: the client retries). */
    public static final String FORWARDED_HEADER = "X-Trading-Forwarded";
    private static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "X-Forwarded-For",
            "traceparent");
    private static final List<String> RESPONSE_HEADERS = List.of("Retry-After", "Content-Disposition");
    private static final Duration POLL = Duration.ofMillis(100);

    private final PartitionLeases leases;
    private final Credential internal;
    private final Duration patience;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param patience how long a call waits for a partition between owners before a 503 */
    public OwnerForwarder(PartitionLeases leases, Credential internal, Duration patience) {
        this.leases = leases;
        this.internal = internal;
        this.patience = patience;
    }

    /**
     * The answer of {@code partition}'s owner to {@code req}; empty once {@code servedHere} turns true (this
     * instance took the partition meanwhile), for the caller to answer itself.
     */
    public Optional<Reply> forward(ApiRequest req, int partition, BooleanSupplier servedHere) {
        if (req.header(FORWARDED_HEADER).isPresent()) {
            throw busy("This user's account moved while the call was forwarded; retry");
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            if (servedHere.getAsBoolean()) {
                return Optional.empty();
            }
            Optional<String> owner = leases.ownerUrl(partition).filter(u -> !leases.token().endsWith(" " + u));
            if (owner.isPresent()) {
                try {
                    return Optional.of(send(owner.get(), req));
                } catch (ConnectException e) {
                    // the holder is gone (its lease not yet expired): nothing was sent, wait for its successor
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw busy("No trade-simulator instance serves this account right now; retry");
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy("Interrupted while waiting for the account's instance");
            }
        }
    }

    private Reply send(String ownerUrl, ApiRequest req) throws ConnectException {
        String query = req.raw().query().rawValue();
        URI uri = URI.create(ownerUrl + req.raw().path().rawPath() + (query.isEmpty() ? "" : "?" + query));
        byte[] body = req.bodyBytes();
        HttpRequest.Builder out = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(req.raw().prologue().method().text(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : REQUEST_HEADERS) {
            req.header(h).ifPresent(v -> out.header(h, v));
        }
        out.header(RequestIds.HEADER, req.requestId());
        out.header(internal.header(), internal.token());
        out.header(FORWARDED_HEADER, "1");
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw e;
        } catch (HttpTimeoutException e) {
            throw new ApiException(504, "The account's trade-simulator instance timed out; retry with the same "
                    + "client_order_id");
        } catch (IOException e) {
            throw busy("The account's trade-simulator instance failed during the call; retry with the same "
                    + "client_order_id");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy("Interrupted while forwarding");
        }
        String type = answer.headers().firstValue("Content-Type").orElse("application/json");
        Object relayed = type.toLowerCase(Locale.ROOT).contains("json") ? new RawJson(answer.body())
                : new TextBody(type.split(";")[0].trim(), new String(answer.body(), StandardCharsets.UTF_8));
        Reply reply = Reply.status(answer.statusCode(), answer.body().length == 0 ? null : relayed);
        for (String h : RESPONSE_HEADERS) {
            Optional<String> v = answer.headers().firstValue(h);
            if (v.isPresent()) {
                reply = reply.withHeader(h, v.get());
            }
        }
        return reply;
    }

    private static ApiException busy(String message) {
        return ApiException.unavailable(message).withHeader("Retry-After", "1");
    }
}
