package io.sipwarden.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a large Asterisk {@code messages} log made only of real lines: the captured scenarios'
 * {@code messages-s*.log} (Asterisk 20.20.1 under sipvicious, sipp and an AMI guesser, see
 * ../shared/data/asterisk-20/captures/README.txt), in scenario order, copied again and again with
 * every date one day apart per copy (the {@code [Nov 21 …]} prefix and the security events'
 * {@code EventTV}), so that no copy's attempts fall in another copy's de-duplication window and
 * every copy counts in full. The last copy keeps the recorded day and the earlier ones go back
 * from it: the prefix has no year, and a reader takes a day after today for last year's (the
 * benchmark's clock is the day after the recording), which would put a copy's NOTICE lines a
 * year away from their own security reports. The second input of the replay benchmark beside
 * {@link AsteriskLogGenerator}'s synthetic mix (docs/bench-log.md, round 9): its sources are the
 * captures' few addresses, where the synthetic file spreads attempts over 181,411 of them.
 *
 * <p>Usage: {@code CaptureLogRepeater <captures-dir> <out-file> [lines=1000000]}. Bytes other
 * than the dates are copied unchanged (read and written as ISO-8859-1).
 */
public final class CaptureLogRepeater {
    private static final Pattern PREFIX = Pattern.compile("^\\[([A-Z][a-z]{2}) ([ \\d]\\d) ");
    private static final Pattern EVENT_TV = Pattern.compile("EventTV=\"(\\d{4}-\\d{2}-\\d{2})T");
    private static final DateTimeFormatter LOG_DAY = DateTimeFormatter.ofPattern("MMM ppd", Locale.ROOT);
    /** The day the captures were recorded: their prefixes carry no year. */
    private static final LocalDate RECORDED = LocalDate.of(2026, 11, 21);

    private CaptureLogRepeater() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: CaptureLogRepeater <captures-dir> <out-file> [lines]");
            System.exit(2);
        }
        long n = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        Result r = write(Path.of(args[0]), Path.of(args[1]), n);
        System.out.printf("wrote %d lines (%d copies of %d captured lines, the last one cut) to %s%n",
                r.lines(), r.copies(), r.linesPerCopy(), args[1]);
    }

    /** What was written: {@code copies} started, the last one possibly cut at {@code lines}. */
    public record Result(long lines, int copies, int linesPerCopy) {
    }

    public static Result write(Path captures, Path out, long lines) throws IOException {
        List<String> captured = new ArrayList<>();
        try (var files = Files.list(captures)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("messages-s\\d+-.*\\.log")).sorted().toList()) {
                captured.addAll(Files.readAllLines(f, StandardCharsets.ISO_8859_1));
            }
        }
        if (captured.isEmpty()) {
            throw new IOException("no messages-s*.log in " + captures);
        }
        long written = 0;
        int copy = 0;
        long copies = (lines + captured.size() - 1) / captured.size();
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.ISO_8859_1)) {
            for (; written < lines; copy++) {
                LocalDate day = RECORDED.minusDays(copies - 1 - copy);
                for (int i = 0; i < captured.size() && written < lines; i++, written++) {
                    w.write(shift(captured.get(i), day));
                    w.write('\n');
                }
            }
        }
        return new Result(written, copy, captured.size());
    }

    /** The line with its dates on {@code day} (the captures span minutes of one day). */
    static String shift(String line, LocalDate day) {
        Matcher m = PREFIX.matcher(line);
        String s = m.find() ? "[" + LOG_DAY.format(day) + " " + line.substring(m.end()) : line;
        Matcher tv = EVENT_TV.matcher(s);
        return tv.find() ? s.substring(0, tv.start(1)) + day + s.substring(tv.end(1)) : s;
    }
}
