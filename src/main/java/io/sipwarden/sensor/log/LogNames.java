package io.sipwarden.sensor.log;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The logical name of a log file, used as the sensor name in events: {@code messages},
 * {@code messages.1.gz}, {@code messages-20261121} and {@code messages-s04-svcrack.log} are all
 * "messages". De-duplication counts per channel, so every piece of one log must share a name.
 */
public final class LogNames {
    private LogNames() {
    }

    public static String logicalName(Path file) {
        Path f = file.getFileName();
        String n = f == null ? file.toString() : f.toString();
        int cut = n.length();
        for (int i = 1; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '.' || c == '-' || c == '_') {
                cut = i;
                break;
            }
        }
        String base = n.substring(0, cut);
        return base.isEmpty() ? n : base.toLowerCase(Locale.ROOT);
    }
}
