package io.sipwarden.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * A/B of two or more builds of the replay in one JVM, for changes of a few per cent that
 * separate runs cannot resolve on this VM (its speed moves by up to 1.5× within seconds).
 *
 * <p>Each build's classes are loaded by a class loader of their own, together with the
 * dependencies of this one. The file is cut into slices of 100,000 lines, and every slice is
 * replayed by each build in turn, the order rotating, before the next slice: a pair of
 * measurements is a few tens of milliseconds apart and sees the same speed of the machine.
 * Reported: the median of the per-slice CPU-time ratios against the first build, its
 * quartiles, and the ratio of the total CPU times (docs/bench-log.md, round 7: identical classes
 * give 1.002 and 0.993, quartiles 0.97–1.04 over 80 slices).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
 * -XX:+UseParallelGC -Xmx1500m -cp target/test-classes:DEPS io.sipwarden.bench.ReplayAB
 * FILE ROUNDS CLASSES_A CLASSES_B...} where each CLASSES is a compiled {@code target/classes}
 * copy and DEPS the test classpath ({@code mvn dependency:build-classpath}).
 */
public final class ReplayAB {
    private static final int SLICE_LINES = 100_000;
    private static final int WARM_UP_ROUNDS = 4;

    private ReplayAB() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 4) {
            System.err.println("usage: ReplayAB FILE ROUNDS CLASSES_A CLASSES_B [CLASSES_C ...]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<String> builds = Arrays.asList(args).subList(2, args.length);
        Path sliceDir = Files.createTempDirectory("replay-ab");
        try {
            List<Path> slices = slice(file, sliceDir);
            List<MethodHandle> replays = new ArrayList<>();
            for (String build : builds) {
                replays.add(replayOf(Path.of(build)));
            }
            compare(builds, replays, slices, rounds);
        } finally {
            try (var s = Files.list(sliceDir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(sliceDir);
        }
    }

    private static void compare(List<String> builds, List<MethodHandle> replays, List<Path> slices, int rounds)
            throws Throwable {
        var mx = ManagementFactory.getThreadMXBean();
        int k = builds.size();
        List<List<Double>> ratios = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            ratios.add(new ArrayList<>());
        }
        double[] total = new double[k];
        long events = -1;
        for (int round = 0; round < rounds + WARM_UP_ROUNDS; round++) {
            for (Path slice : slices) {
                double[] cpu = new double[k];
                for (int turn = 0; turn < k; turn++) {
                    int i = (turn + round) % k; // the order rotates: no build always runs first
                    long c0 = mx.getCurrentThreadCpuTime();
                    long n = (long) replays.get(i).invokeExact(slice);
                    cpu[i] = mx.getCurrentThreadCpuTime() - c0;
                    if (round == 0 && i == 0) {
                        events = Math.max(events, 0) + n;
                    }
                }
                if (round >= WARM_UP_ROUNDS) {
                    for (int i = 0; i < k; i++) {
                        ratios.get(i).add(cpu[i] / cpu[0]);
                        total[i] += cpu[i];
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d slices, %d measured rounds, %d events per pass of %s%n",
                slices.size(), rounds, events, builds.get(0));
        for (int i = 1; i < k; i++) {
            double[] q = ratios.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = q.length;
            System.out.printf(Locale.ROOT, "%s / %s: median slice ratio %.3f (quartiles %.3f..%.3f, n=%d), total CPU ratio %.3f%n",
                    builds.get(i), builds.get(0), q[n / 2], q[n / 4], q[3 * n / 4], n, total[i] / total[0]);
        }
    }

    /**
     * Cuts the file into slices of {@link #SLICE_LINES} lines; the rest goes with the last slice
     * (a slice of a few lines would measure opening a file, not reading one).
     */
    private static List<Path> slice(Path file, Path dir) throws IOException {
        long lines;
        try (var all = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            lines = all.count();
        }
        long count = Math.max(1, lines / SLICE_LINES);
        List<Path> slices = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (int k = 0; k < count; k++) {
                Path slice = dir.resolve(String.format(Locale.ROOT, "messages-%03d", k));
                long take = k == count - 1 ? Long.MAX_VALUE : SLICE_LINES;
                try (BufferedWriter out = Files.newBufferedWriter(slice, StandardCharsets.ISO_8859_1)) {
                    String line;
                    for (long i = 0; i < take && (line = in.readLine()) != null; i++) {
                        out.write(line);
                        out.write('\n');
                    }
                }
                slices.add(slice);
            }
        }
        return slices;
    }

    /**
     * {@code (Path) -> long}: replays one file with the build's {@code LogReplaySource} (default
     * de-duplication, UTC, the default date format) and counts its events.
     */
    private static MethodHandle replayOf(Path classes) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.contains("test-classes") && !entry.endsWith("/classes")) {
                urls.add(Path.of(entry).toUri().toURL()); // the dependencies, not this build's classes
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Class<?> dateFormat = loader.loadClass("io.sipwarden.sensor.log.LogDateFormat");
        Class<?> logFormat = loader.loadClass("io.sipwarden.sensor.log.LogFormat");
        Class<?> source = loader.loadClass("io.sipwarden.sensor.log.LogReplaySource");
        Object pattern = dateFormat.getField("DEFAULT").get(null);
        Object compiled = dateFormat.getMethod("compile", String.class).invoke(null, pattern);
        Object format = logFormat.getConstructor(dateFormat, java.time.ZoneId.class).newInstance(compiled, ZoneOffset.UTC);
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z"));
        MethodHandle open = MethodHandles.publicLookup().findStatic(source, "open",
                MethodType.methodType(source, List.class, logFormat, InstantSource.class));
        MethodHandle run = MethodHandles.lookup().findStatic(ReplayAB.class, "run",
                MethodType.methodType(long.class, MethodHandle.class, Object.class, InstantSource.class, Path.class));
        return MethodHandles.insertArguments(run, 0, open, format, clock)
                .asType(MethodType.methodType(long.class, Path.class));
    }

    private static long run(MethodHandle open, Object format, InstantSource clock, Path file) throws Throwable {
        long n = 0;
        Object src = open.invoke(List.of(file), format, clock);
        try {
            Iterator<?> it = (Iterator<?>) src;
            while (it.hasNext()) {
                it.next();
                n++;
            }
        } finally {
            ((AutoCloseable) src).close();
        }
        return n;
    }
}
