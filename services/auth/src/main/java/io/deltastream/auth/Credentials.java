package io.deltastream.auth;

import io.deltastream.platform.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The email and password rules. Emails are trimmed and lower-cased (as the reference) and must look like
 * {@code local@domain.tld}; passwords must have at least {@code minLength} characters, a letter and a digit, and at
 * most 72 UTF-8 bytes (bcrypt ignores anything beyond, so a longer password is refused rather than silently cut).
 */
final class Credentials {
    static final int MAX_PASSWORD_BYTES = 72;
    static final int MAX_EMAIL_LENGTH = 254;
    static final int MAX_NAME_LENGTH = 100;
    /** Ours are 43 characters; the bound keeps hostile input out of hashing and lookups. */
    static final int MAX_REFRESH_TOKEN_LENGTH = 128;
    /** An access token is about 400 characters; this leaves room for long emails and future claims. */
    static final int MAX_AUTHORIZATION_LENGTH = 4096;
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-z0-9]([a-z0-9-]*[a-z0-9])?"
                    + "(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.[a-z]{2,}");

    private final int minLength;

    Credentials(int minLength) {
        this.minLength = minLength;
    }

    /**
     * {@code value} when it has at most {@code max} characters.
     *
     * @throws ApiException 400 naming {@code field} and the bound
     */
    static String bounded(String field, String value, int max) {
        if (value.length() > max) {
            throw ApiException.badRequest("Field '" + field + "' must be at most " + max + " characters")
                    .with("field", field);
        }
        return value;
    }

    /**
     * A password as typed at login: at most {@value #MAX_PASSWORD_BYTES} UTF-8 bytes (no registered password is
     * longer).
     *
     * @throws ApiException 400 naming the field
     */
    static String boundedPassword(String password) {
        // A cheap character bound first, so that a huge value is never encoded.
        if (password.length() > MAX_PASSWORD_BYTES || password.getBytes(StandardCharsets.UTF_8).length
                > MAX_PASSWORD_BYTES) {
            throw ApiException.badRequest("Field 'password' must be at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)")
                    .with("field", "password");
        }
        return password;
    }

    /** The lookup form of an email as typed at login: bounded, trimmed, lower-cased. */
    static String loginEmail(String raw) {
        return bounded("email", raw, MAX_EMAIL_LENGTH).trim().toLowerCase(Locale.ROOT);
    }

    /** The canonical form of an email address; 400 when it is not one. */
    static String email(String raw) {
        String e = bounded("email", raw, MAX_EMAIL_LENGTH).trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(e).matches()) {
            throw ApiException.badRequest("Invalid email address");
        }
        return e;
    }

    /** Checks a new password against the policy; 400 saying which rule it breaks. */
    void checkNewPassword(String password) {
        boundedPassword(password);
        if (password.codePointCount(0, password.length()) < minLength) {
            throw ApiException.badRequest("Password must be at least " + minLength + " characters");
        }
        if (password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit)) {
            throw ApiException.badRequest("Password must contain at least one letter and one digit");
        }
    }

    /** A display name: optional, trimmed, at most {@value #MAX_NAME_LENGTH} characters. */
    static String name(String raw) {
        String n = raw == null ? "" : raw.trim();
        return bounded("name", n, MAX_NAME_LENGTH);
    }
}
