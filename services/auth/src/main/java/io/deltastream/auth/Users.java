package io.deltastream.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import io.deltastream.store.CollectionSpec;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Documents;
import io.deltastream.store.DuplicateKeyException;
import io.deltastream.store.Filter;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code users} collection (the reference's): {@code {_id (24 hex), email (unique), password_hash, name,
 * created_at, updated_at}}. The unique index on {@code email} is what makes concurrent registrations of one address
 * end in exactly one account.
 */
final class Users {
    /** One account. */
    record User(String id, String email, String passwordHash, String name) {
    }

    static final CollectionSpec SPEC = CollectionSpec.builder("users")
            .time("created_at")
            .fields("email")
            .unique("email")
            .build();

    private final DocumentCollection users;

    Users(DocumentStore store) {
        this.users = store.collection(SPEC);
    }

    /** Creates the account; empty when the email is taken. */
    Optional<User> create(String email, String passwordHash, String name, Instant now) {
        ObjectNode d = Json.object();
        String id = Documents.newId();
        d.put(Documents.ID, id);
        d.put("email", email);
        d.put("password_hash", passwordHash);
        d.put("name", name);
        d.put("created_at", Documents.format(now));
        d.put("updated_at", Documents.format(now));
        try {
            users.insert(d);
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        return Optional.of(new User(id, email, passwordHash, name));
    }

    Optional<User> byEmail(String email) {
        return users.findOne(Filter.eq("email", email), io.deltastream.store.Order.OLDEST_FIRST).map(Users::user);
    }

    Optional<User> byId(String id) {
        return users.findById(id).map(Users::user);
    }

    private static User user(ObjectNode d) {
        return new User(d.path(Documents.ID).asText(), d.path("email").asText(), d.path("password_hash").asText(),
                d.path("name").asText(""));
    }
}
