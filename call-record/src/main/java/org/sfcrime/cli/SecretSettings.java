package org.sfcrime.cli;

import java.util.List;
import java.util.Locale;

/** The one rule for which client settings are secret and how they are shown: never their value. */
public final class SecretSettings {

    /** What is printed instead of a secret value. */
    public static final String HIDDEN = "[hidden]";

    private static final List<String> SECRET_KEY_PARTS = List.of("password", "secret", "jaas", "token");
    /** The same rule as a regular expression without flags, for tools that take one (Spark's redaction). */
    public static final String REDACTION_PATTERN = String.join("|", SECRET_KEY_PARTS);

    private SecretSettings() {
    }

    /** True when the key names a credential (password, secret, JAAS config, token), in any case. */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_KEY_PARTS.stream().anyMatch(lower::contains);
    }

    /** The value as it may be printed: {@link #HIDDEN} for a secret key. */
    public static String printable(String key, String value) {
        return isSecret(key) ? HIDDEN : value;
    }
}
