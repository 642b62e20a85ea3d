package io.sipwarden.sensor.log;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sipwarden.sensor.dedup.Deduplicator;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The {@code log:} section of the configuration (snake_case keys). Every key is optional;
 * missing keys take the defaults below, and a bad value fails construction with a message
 * naming the key.
 *
 * @param files        followed/replayed files; default {@code /var/log/asterisk/messages},
 *                     {@code /var/log/asterisk/security}
 * @param dateformat   logger.conf {@code dateformat}; default {@code %b %e %T}
 * @param timezone     zone of the log timestamps; default the system zone
 * @param pollInterval how often followed files are checked ({@code 250ms}, {@code 1s}); default 250ms
 * @param maxLineBytes longer lines are skipped and counted; default 65536
 * @param startAt      where to start a file that has no saved cursor: {@code end} (default, like
 *                     tail -F) or {@code beginning}
 * @param dedupWindow  event-time idle window of the de-duplicator; default 5s
 * @param dedupMaxKeys bound on the de-duplicator's memory; default 100000
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record LogSettings(
        @JsonProperty("files") List<String> files,
        @JsonProperty("dateformat") String dateformat,
        @JsonProperty("timezone") String timezone,
        @JsonProperty("poll_interval") String pollInterval,
        @JsonProperty("max_line_bytes") Integer maxLineBytes,
        @JsonProperty("start_at") String startAt,
        @JsonProperty("dedup_window") String dedupWindow,
        @JsonProperty("dedup_max_keys") Integer dedupMaxKeys) {

    public static final List<String> DEFAULT_FILES = List.of("/var/log/asterisk/messages", "/var/log/asterisk/security");

    public LogSettings {
        files = files == null ? DEFAULT_FILES : List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("log.files: at least one file is required");
        }
        dateformat = dateformat == null ? LogDateFormat.DEFAULT : dateformat;
        try {
            LogDateFormat.compile(dateformat);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("log.dateformat: " + e.getMessage(), e);
        }
        timezone = timezone == null ? ZoneId.systemDefault().getId() : timezone;
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("log.timezone: unknown zone '" + timezone + "'", e);
        }
        pollInterval = pollInterval == null ? "250ms" : pollInterval;
        Duration poll = duration("log.poll_interval", pollInterval);
        if (poll.toMillis() < 10 || poll.toSeconds() > 60) {
            throw new IllegalArgumentException("log.poll_interval: must be between 10ms and 60s, got " + pollInterval);
        }
        maxLineBytes = maxLineBytes == null ? LogReplaySource.DEFAULT_MAX_LINE_BYTES : maxLineBytes;
        if (maxLineBytes < 1024 || maxLineBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("log.max_line_bytes: must be between 1024 and 16777216, got " + maxLineBytes);
        }
        startAt = startAt == null ? "end" : startAt.toLowerCase(Locale.ROOT);
        if (!startAt.equals("end") && !startAt.equals("beginning")) {
            throw new IllegalArgumentException("log.start_at: must be 'end' or 'beginning', got '" + startAt + "'");
        }
        dedupWindow = dedupWindow == null ? "5s" : dedupWindow;
        if (duration("log.dedup_window", dedupWindow).isZero()) {
            throw new IllegalArgumentException("log.dedup_window: must be positive");
        }
        dedupMaxKeys = dedupMaxKeys == null ? Deduplicator.DEFAULT_MAX_KEYS : dedupMaxKeys;
        if (dedupMaxKeys < 1) {
            throw new IllegalArgumentException("log.dedup_max_keys: must be at least 1, got " + dedupMaxKeys);
        }
    }

    /** All defaults. */
    public static LogSettings defaults() {
        return new LogSettings(null, null, null, null, null, null, null, null);
    }

    public List<Path> paths() {
        return files.stream().map(Path::of).toList();
    }

    public LogFormat format() {
        return LogFormat.of(dateformat, ZoneId.of(timezone));
    }

    public Duration poll() {
        return duration("log.poll_interval", pollInterval);
    }

    public boolean fromBeginning() {
        return startAt.equals("beginning");
    }

    public Deduplicator deduplicator() {
        return Deduplicator.create(duration("log.dedup_window", dedupWindow), dedupMaxKeys);
    }

    /** {@code 250ms}, {@code 5s}, {@code 2m}, or ISO-8601 {@code PT5S}. */
    static Duration duration(String key, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).strip()));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).strip()));
            }
        } catch (NumberFormatException | DateTimeException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(key + ": not a duration: '" + text + "' (use e.g. 250ms, 5s, 1m)");
    }
}
