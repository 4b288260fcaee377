package io.deltastream.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;

/**
 * Issues and verifies the platform's access tokens: JWT, HS256, signed with {@code JWT_SECRET}, with
 * the reference's claims {@code user_id}, {@code email}, {@code exp}, {@code iat} (seconds since the
 * epoch) plus {@code jti} (the token's id, for logout) and {@code sid} (the login session, i.e. the refresh-token
 * family, so that revoking a session revokes its access tokens). Any service holding the secret verifies tokens
 * locally, without a call to the auth service.
 *
 * <p>Only tokens this platform could have issued verify: a token without {@code jti} or {@code sid} (the reference's
 * tokens have neither, so they cannot be revoked), without {@code iat}, issued in the future, or whose lifetime
 * {@code exp - iat} exceeds the configured {@code ACCESS_TOKEN_TTL_SECONDS} is invalid. Every service that verifies
 * tokens must therefore use the auth service's TTL.
 *
 * <p>Errors are the reference's 401 texts: {@code No token provided}, {@code Invalid authorization
 * header}, {@code Token expired}, {@code Invalid token}. Only a correctly signed token can be called
 * expired; anything else (malformed, forged, another algorithm, no {@code user_id}) is invalid.
 *
 * <p>Thread-safe; create one per service.
 */
public final class AccessTokens {
    /** The variable holding the shared HS256 secret. */
    public static final String SECRET_VARIABLE = "JWT_SECRET";
    /** The variable holding the access-token lifetime in seconds. */
    public static final String TTL_VARIABLE = "ACCESS_TOKEN_TTL_SECONDS";
    /** Default lifetime: short, because an access token cannot be revoked before it expires. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    public static final String NO_TOKEN = "No token provided";
    public static final String BAD_HEADER = "Invalid authorization header";
    public static final String EXPIRED = "Token expired";
    public static final String INVALID = "Invalid token";

    private static final String BEARER = "bearer ";
    /** HS256 needs a key of at least 256 bits. */
    private static final int MIN_SECRET_BYTES = 32;
    /** How far ahead of this clock an issuing service's clock may run. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final String SESSION_CLAIM = "sid";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param secret the shared HS256 secret, at least 32 bytes
     * @param ttl    lifetime of issued tokens (whole seconds, at least one)
     * @param clock  the time source for {@code iat}, {@code exp} and expiry checks
     */
    public AccessTokens(byte[] secret, Duration ttl, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new ConfigException(SECRET_VARIABLE + " must be at least " + MIN_SECRET_BYTES
                    + " bytes long (HS256 needs a 256-bit key), got " + secret.length);
        }
        if (ttl.getSeconds() < 1) {
            throw new IllegalArgumentException("token lifetime must be at least one second: " + ttl);
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new ConfigException(SECRET_VARIABLE + " is not usable as an HS256 key: " + e.getMessage());
        }
        this.ttl = Duration.ofSeconds(ttl.getSeconds());
        this.clock = clock;
    }

    /**
     * From {@code JWT_SECRET} (see {@link Secret#JWT_SECRET}: generated under {@code DATA_DIR} when unset in
     * embedded mode, the published default refused) and {@code ACCESS_TOKEN_TTL_SECONDS} (default 900, at most one
     * day).
     */
    public static AccessTokens fromEnv(Env env) {
        byte[] secret = Secret.JWT_SECRET.value(env).getBytes(StandardCharsets.UTF_8);
        Duration ttl = Duration.ofSeconds(env.longValue(TTL_VARIABLE, DEFAULT_TTL.getSeconds(), 1, 86_400));
        return new AccessTokens(secret, ttl, Clock.systemUTC());
    }

    /** The lifetime of issued tokens. */
    public Duration ttl() {
        return ttl;
    }

    /**
     * Signs a new access token for this user, valid from now for {@link #ttl()}.
     *
     * @param sessionId the login session it belongs to (the refresh-token family), its {@code sid} claim
     */
    public IssuedToken issue(String userId, String email, String sessionId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(ttl);
        String jti = UUID.randomUUID().toString();
        // Claim order as in the reference: user_id, email, exp, iat (then ours).
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("user_id", userId)
                .claim("email", email)
                .expirationTime(Date.from(expires))
                .issueTime(Date.from(now))
                .jwtID(jti)
                .claim(SESSION_CLAIM, sessionId)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return new IssuedToken(jwt.serialize(), jti, now, expires);
    }

    /**
     * Verifies a compact token: HS256 signature with the shared secret, a non-empty {@code user_id}, {@code jti}
     * and {@code sid}, an {@code iat} not in the future, a lifetime {@code exp - iat} of at most {@link #ttl()}, an
     * {@code exp} in the future.
     *
     * @throws ApiException 401 {@code Token expired} or {@code Invalid token}
     */
    public AuthenticatedUser verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token.trim());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw ApiException.unauthorized(INVALID);
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw ApiException.unauthorized(INVALID);
        }
        Object userId = claims.getClaim("user_id");
        Object sessionId = claims.getClaim(SESSION_CLAIM);
        String jti = claims.getJWTID();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (!(userId instanceof String id) || id.isBlank() || !(sessionId instanceof String sid) || sid.isBlank()
                || jti == null || jti.isBlank() || exp == null || iat == null) {
            throw ApiException.unauthorized(INVALID);
        }
        Instant now = clock.instant();
        Instant expiresAt = exp.toInstant();
        Instant issuedAt = iat.toInstant();
        if (issuedAt.isAfter(now.plus(CLOCK_SKEW)) || Duration.between(issuedAt, expiresAt).compareTo(ttl) > 0) {
            throw ApiException.unauthorized(INVALID);
        }
        if (!now.isBefore(expiresAt)) {
            throw ApiException.unauthorized(EXPIRED);
        }
        Object email = claims.getClaim("email");
        return new AuthenticatedUser(id, email instanceof String e ? e : "", jti, sid, expiresAt);
    }

    /**
     * The guard for protected routes: the user named by {@code Authorization: Bearer <token>}.
     *
     * @throws ApiException 401 {@code No token provided} (no header), {@code Invalid authorization
     *                      header} (another scheme), {@code Token expired} or {@code Invalid token}
     */
    public AuthenticatedUser authenticate(ApiRequest request) {
        return authenticateHeader(request.header("Authorization").orElse(null));
    }

    /** {@link #authenticate(ApiRequest)} for a raw {@code Authorization} header value (null when absent). */
    public AuthenticatedUser authenticateHeader(String authorization) {
        return verify(bearerToken(authorization));
    }

    /**
     * The token of a {@code Bearer} header (scheme case-insensitive, as RFC 7235 says).
     *
     * @throws ApiException 401 {@code No token provided} or {@code Invalid authorization header}
     */
    public static String bearerToken(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized(NO_TOKEN);
        }
        String value = authorization.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER) || value.substring(BEARER.length()).isBlank()) {
            throw ApiException.unauthorized(BAD_HEADER);
        }
        return value.substring(BEARER.length()).trim();
    }
}
