package io.deltastream.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.auth.AuthenticatedUser;
import io.deltastream.platform.auth.IssuedToken;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.JsonBody;
import io.deltastream.platform.http.Reply;
import io.deltastream.platform.http.SecurityHeaders;
import io.deltastream.platform.http.Routes;
import io.deltastream.platform.json.Json;
import io.deltastream.store.StoreGuard;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /register}, {@code /login}, {@code /verify}, {@code /refresh}, {@code /logout}. Keeps the reference's
 * statuses, texts and fields ({@code token}, {@code user}) and adds {@code refresh_token}, {@code expires_in}
 * (seconds) and {@code token_type}.
 */
final class AuthRoutes {
    static final String MISSING = "Email and password required";
    static final String BAD_CREDENTIALS = "Invalid credentials";
    static final String EXISTS = "User already exists";
    static final String TOO_MANY = "Too many login attempts, try again later";

    private final Users users;
    private final RefreshTokens refresh;
    private final AccessTokens access;
    private final PasswordHasher hasher;
    private final Credentials credentials;
    private final LoginThrottle throttle;
    private final ClientAddress clients;
    private final TokenStanding standing;
    private final Clock clock;

    AuthRoutes(Users users, RefreshTokens refresh, AccessTokens access, PasswordHasher hasher, Credentials credentials,
               LoginThrottle throttle, ClientAddress clients, TokenStanding standing, Clock clock) {
        this.users = users;
        this.refresh = refresh;
        this.access = access;
        this.hasher = hasher;
        this.credentials = credentials;
        this.throttle = throttle;
        this.clients = clients;
        this.standing = standing;
        this.clock = clock;
    }

    /** Answers that carry tokens ({@code /register}, {@code /login}, {@code /refresh}) are never cached. */
    void register(Routes routes) {
        routes.post("/register", SecurityHeaders.noStore(StoreGuard.guarded(this::registerUser)))
                .post("/login", SecurityHeaders.noStore(StoreGuard.guarded(this::login)))
                .post("/verify", StoreGuard.guarded(this::verify))
                .post("/refresh", SecurityHeaders.noStore(StoreGuard.guarded(this::refreshToken)))
                .post("/logout", StoreGuard.guarded(this::logout));
    }

    private Object registerUser(ApiRequest req) {
        JsonBody body = req.jsonBody().allowOnly(Set.of("email", "password", "name"));
        String rawEmail = body.optionalString("email").orElse("");
        String password = body.optionalString("password").orElse("");
        if (rawEmail.isBlank() || password.isEmpty()) {
            throw ApiException.badRequest(MISSING);
        }
        String email = Credentials.email(rawEmail);
        credentials.checkNewPassword(password);
        String name = Credentials.name(body.optionalString("name").orElse(""));
        throttle.checkClient(clients.of(req));
        Users.User user = users.create(email, hasher.hash(password), name, clock.instant())
                .orElseThrow(() -> ApiException.conflict(EXISTS));
        return Reply.created(session("User registered successfully", user));
    }

    private Object login(ApiRequest req) {
        JsonBody body = req.jsonBody().allowOnly(Set.of("email", "password"));
        String rawEmail = body.optionalString("email").orElse("");
        String password = body.optionalString("password").orElse("");
        if (rawEmail.isBlank() || password.isEmpty()) {
            throw ApiException.badRequest(MISSING);
        }
        String email = Credentials.loginEmail(rawEmail);
        Credentials.boundedPassword(password);
        String client = clients.of(req);
        throttle.checkLogin(client, email);
        Optional<Users.User> user = users.byEmail(email);
        // The same bcrypt work whether or not the account exists, and the same answer: no enumeration.
        if (!hasher.verify(password, user.map(Users.User::passwordHash).orElse(null))) {
            throttle.failed(client, email);
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        throttle.succeeded(client, email);
        return session("Login successful", user.get());
    }

    private Object verify(ApiRequest req) {
        Optional<String> header = req.header("Authorization");
        if (header.isEmpty()) {
            throw ApiException.unauthorized(AccessTokens.BAD_HEADER);
        }
        AuthenticatedUser user;
        try {
            user = standing.require(access.authenticateHeader(boundedAuthorization(header.get())));
            if (users.byId(user.userId()).isEmpty()) {
                throw ApiException.unauthorized(AccessTokens.INVALID);
            }
        } catch (ApiException e) {
            throw e.status() == 401 && !AccessTokens.BAD_HEADER.equals(e.getMessage()) ? e.with("valid", false) : e;
        }
        ObjectNode body = Json.object();
        body.put("email", user.email());
        body.put("user_id", user.userId());
        body.put("valid", true);
        return body;
    }

    private Object refreshToken(ApiRequest req) {
        String presented = refreshTokenOf(req).orElseThrow(() -> ApiException.badRequest(
                "Field 'refresh_token' is required (the refresh token from login or register)"));
        RefreshTokens.Rotation rotation = refresh.rotate(presented);
        Users.User user = users.byId(rotation.userId()).orElseThrow(() -> {
            refresh.revokeFamily(rotation.next().familyId());
            return ApiException.unauthorized(RefreshTokens.INVALID);
        });
        IssuedToken token = issueAccess(user, rotation.next().familyId());
        ObjectNode body = Json.object();
        body.put("expires_in", access.ttl().toSeconds());
        body.put("refresh_token", rotation.next().token());
        body.put("token", token.token());
        body.put("token_type", "Bearer");
        return body;
    }

    private Object logout(ApiRequest req) {
        Optional<String> presented = refreshTokenOf(req);
        Optional<String> header = req.header("Authorization");
        if (presented.isEmpty() && header.isEmpty()) {
            throw ApiException.unauthorized(AccessTokens.NO_TOKEN);
        }
        if (presented.isPresent()) {
            String family = refresh.familyOf(presented.get())
                    .orElseThrow(() -> ApiException.unauthorized(RefreshTokens.INVALID));
            refresh.revokeFamily(family);
        }
        if (header.isPresent()) {
            // Logging out with the access token ends its whole session: its refresh tokens and sibling access tokens.
            AuthenticatedUser user = access.authenticateHeader(boundedAuthorization(header.get()));
            standing.revokeToken(user);
            refresh.revokeFamily(user.sessionId());
        }
        ObjectNode body = Json.object();
        body.put("message", "Logged out");
        return body;
    }

    /** The optional JSON body's {@code refresh_token}; an absent body is no token. */
    private static Optional<String> refreshTokenOf(ApiRequest req) {
        if (req.bodyBytes().length == 0) {
            return Optional.empty();
        }
        return req.jsonBody().allowOnly(Set.of("refresh_token")).optionalString("refresh_token")
                .filter(s -> !s.isBlank())
                .map(s -> Credentials.bounded("refresh_token", s, Credentials.MAX_REFRESH_TOKEN_LENGTH));
    }

    private static String boundedAuthorization(String header) {
        if (header.length() > Credentials.MAX_AUTHORIZATION_LENGTH) {
            throw ApiException.badRequest("Header 'Authorization' must be at most "
                    + Credentials.MAX_AUTHORIZATION_LENGTH + " characters").with("field", "Authorization");
        }
        return header;
    }

    /**
     * An access token of session {@code sessionId}; the cache then vouches for the user for as long as any of its
     * tokens or sessions can live, so services that keep per-user state can tell a real user from a made-up id.
     */
    private IssuedToken issueAccess(Users.User user, String sessionId) {
        standing.vouchFor(user.id(), access.ttl().compareTo(refresh.ttl()) > 0 ? access.ttl() : refresh.ttl());
        return access.issue(user.id(), user.email(), sessionId);
    }

    /** The login/register answer: access token, refresh token, user. Keys in alphabetical order, as the reference. */
    private ObjectNode session(String message, Users.User user) {
        RefreshTokens.Issued next = refresh.issue(user.id());
        IssuedToken token = issueAccess(user, next.familyId());
        ObjectNode body = Json.object();
        body.put("expires_in", access.ttl().toSeconds());
        body.put("message", message);
        body.put("refresh_token", next.token());
        body.put("token", token.token());
        body.put("token_type", "Bearer");
        ObjectNode u = body.putObject("user");
        u.put("email", user.email());
        u.put("id", user.id());
        u.put("name", user.name());
        return body;
    }
}
