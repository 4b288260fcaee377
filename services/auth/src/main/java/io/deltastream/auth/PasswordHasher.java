package io.deltastream.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt with a configurable cost ({@code BCRYPT_COST}, default 12 as the reference). Verifying against an unknown
 * user runs the same work on a dummy hash, so a login takes as long whether or not the account exists.
 */
final class PasswordHasher {
    private final int cost;
    private final String dummyHash;

    PasswordHasher(int cost) {
        this.cost = cost;
        this.dummyHash = hash("not a real password 0");
    }

    String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /** True when {@code password} matches {@code hash}; a null hash (no such user) burns the same time and fails. */
    boolean verify(String password, String hash) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        if (pw.length > Credentials.MAX_PASSWORD_BYTES) {
            BCrypt.verifyer().verify(new byte[0], dummyHash.getBytes(StandardCharsets.UTF_8));
            return false;
        }
        boolean known = hash != null;
        BCrypt.Result r = BCrypt.verifyer().verify(pw, (known ? hash : dummyHash).getBytes(StandardCharsets.UTF_8));
        return known && r.verified;
    }
}
