package io.sipwarden.config;

import java.util.Objects;

/**
 * A password, AMI secret or token from the configuration, given inline ({@code secret: ...}) or
 * as a file ({@code secret_file: /etc/sipwarden/ami.secret}, read when the configuration is
 * loaded). Its text is only available through {@link #reveal()}; it never appears in
 * {@code toString}, logs or error messages.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value);
    }

    /** The secret text, for the one place that must send it (an AMI login, an SMTP AUTH). */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
