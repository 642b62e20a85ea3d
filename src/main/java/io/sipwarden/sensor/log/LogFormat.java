package io.sipwarden.sensor.log;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How the Asterisk log files are written: logger.conf's {@code dateformat} and the zone the
 * timestamps are in. The line prefix (default, {@code [plain]}, {@code [json]}, syslog) is
 * detected per line, so mixed files work.
 */
public record LogFormat(LogDateFormat dateFormat, ZoneId zone) {
    public LogFormat {
        Objects.requireNonNull(dateFormat, "dateFormat");
        Objects.requireNonNull(zone, "zone");
    }

    /** Asterisk's default {@code %b %e %T} in the system zone. */
    public static LogFormat defaults() {
        return new LogFormat(LogDateFormat.compile(LogDateFormat.DEFAULT), ZoneId.systemDefault());
    }

    public static LogFormat of(String dateformat, ZoneId zone) {
        return new LogFormat(LogDateFormat.compile(dateformat), zone);
    }
}
