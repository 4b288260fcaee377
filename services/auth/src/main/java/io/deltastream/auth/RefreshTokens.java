package io.deltastream.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.json.Json;
import io.deltastream.store.CollectionSpec;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Documents;
import io.deltastream.store.Filter;
import io.deltastream.store.Order;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Rotating, revocable refresh tokens, kept server-side in {@code refresh_tokens}. A token is 256 random bits
 * (base64url); only its SHA-256 is stored. Each use retires it and issues the next one of the same family (one login
 * session); presenting a retired token again means it leaked, so the whole family is revoked (refresh-token reuse
 * detection, OAuth 2.0 Security BCP §4.14). Claiming a token is a conditional delete, so two concurrent refreshes
 * with one token cannot both succeed. Revoking a family also ends its session in the shared cache ({@link
 * TokenStanding#revokeSession}), which revokes the access tokens issued under it (their {@code sid} is the family id).
 *
 * <p>Documents: {@code {_id, token_hash (unique), family_id, user_id, status: active|used, created_at, expires_at}}.
 */
final class RefreshTokens {
    static final String ACTIVE = "active";
    static final String USED = "used";
    static final String INVALID = "Invalid refresh token";
    static final String EXPIRED = "Refresh token expired";
    static final String REVOKED = "Refresh token revoked";

    /** A token as handed to the client. */
    record Issued(String token, String familyId, Instant expiresAt) {
    }

    /** The owner of a token that was just rotated, and its successor. */
    record Rotation(String userId, Issued next) {
    }

    private final DocumentCollection tokens;
    private final Duration ttl;
    private final TokenStanding standing;
    private final Duration accessTtl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param ttl       lifetime of a refresh token
     * @param standing  where ended sessions are marked
     * @param accessTtl lifetime of access tokens: how long an ended session's mark must last
     */
    RefreshTokens(DocumentStore store, Duration ttl, TokenStanding standing, Duration accessTtl, Clock clock) {
        this.tokens = store.collection(spec(ttl));
        this.ttl = ttl;
        this.standing = standing;
        this.accessTtl = accessTtl;
        this.clock = clock;
    }

    static CollectionSpec spec(Duration ttl) {
        return CollectionSpec.builder("refresh_tokens")
                .time("created_at")
                .fields("token_hash", "family_id", "user_id", "status")
                .unique("token_hash")
                .index("family_id", "status")
                .ttl(ttl.multipliedBy(2))
                .build();
    }

    Duration ttl() {
        return ttl;
    }

    /** Starts a new family (a login). */
    Issued issue(String userId) {
        return issue(userId, Documents.newId());
    }

    private Issued issue(String userId, String familyId) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        ObjectNode d = Json.object();
        d.put("token_hash", hash(token));
        d.put("family_id", familyId);
        d.put("user_id", userId);
        d.put("status", ACTIVE);
        d.put("created_at", Documents.format(now));
        d.put("expires_at", Documents.format(expires));
        tokens.insert(d);
        return new Issued(token, familyId, expires);
    }

    /**
     * Retires {@code presented} and issues its successor.
     *
     * @throws ApiException 401 when the token is unknown, expired, or retired (then its family is revoked)
     */
    Rotation rotate(String presented) {
        String hash = hash(presented);
        ObjectNode doc = find(hash).orElseThrow(() -> ApiException.unauthorized(INVALID));
        String family = doc.path("family_id").asText();
        String user = doc.path("user_id").asText();
        if (!ACTIVE.equals(doc.path("status").asText())) {
            revokeFamily(family);
            throw ApiException.unauthorized(REVOKED);
        }
        if (!clock.instant().isBefore(Documents.parse(doc.path("expires_at").asText()))) {
            tokens.delete(Filter.eq("token_hash", hash));
            throw ApiException.unauthorized(EXPIRED);
        }
        if (tokens.delete(Filter.eq("token_hash", hash).and("status", ACTIVE)) != 1) {
            // Another request used it at the same moment: one of the two is not the legitimate client.
            revokeFamily(family);
            throw ApiException.unauthorized(REVOKED);
        }
        doc.remove(Documents.ID);
        doc.put("status", USED);
        tokens.insertAllNew(java.util.List.of(doc));
        return new Rotation(user, issue(user, family));
    }

    /** The family of {@code presented} if it is a known token. */
    Optional<String> familyOf(String presented) {
        return find(hash(presented)).map(d -> d.path("family_id").asText());
    }

    /** Revokes every active token of the family and the access tokens of its session (logout, reuse). */
    void revokeFamily(String familyId) {
        standing.revokeSession(familyId, accessTtl);
        tokens.delete(Filter.eq("family_id", familyId).and("status", ACTIVE));
    }

    /** Deletes tokens created before {@code 2 × ttl} ago (retention). */
    long prune() {
        return tokens.deleteOlderThan(clock.instant().minus(ttl.multipliedBy(2)));
    }

    private Optional<ObjectNode> find(String hash) {
        return tokens.findOne(Filter.eq("token_hash", hash), Order.NEWEST_FIRST);
    }

    static String hash(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
