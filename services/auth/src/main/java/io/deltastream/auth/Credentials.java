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
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-z0-9]([a-z0-9-]*[a-z0-9])?"
                    + "(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.[a-z]{2,}");

    private final int minLength;

    Credentials(int minLength) {
        this.minLength = minLength;
    }

    /** The canonical form of an email address; 400 when it is not one. */
    static String email(String raw) {
        String e = raw.trim().toLowerCase(Locale.ROOT);
        if (e.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(e).matches()) {
            throw ApiException.badRequest("Invalid email address");
        }
        return e;
    }

    /** Checks a new password against the policy; 400 saying which rule it breaks. */
    void checkNewPassword(String password) {
        if (password.codePointCount(0, password.length()) < minLength) {
            throw ApiException.badRequest("Password must be at least " + minLength + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.badRequest("Password must be at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)");
        }
        if (password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit)) {
            throw ApiException.badRequest("Password must contain at least one letter and one digit");
        }
    }

    /** A display name: optional, trimmed, at most {@value #MAX_NAME_LENGTH} characters. */
    static String name(String raw) {
        String n = raw == null ? "" : raw.trim();
        if (n.length() > MAX_NAME_LENGTH) {
            throw ApiException.badRequest("Field 'name' must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return n;
    }
}
