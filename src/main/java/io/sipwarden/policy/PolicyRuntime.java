package io.sipwarden.policy;

import io.sipwarden.config.Configuration;
import io.sipwarden.config.GeneralSettings;
import io.sipwarden.config.Sections;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The live policy: compiled once from the configuration, with this host's addresses and the
 * trusted host names refreshed on a schedule by one background thread. Close it to stop that
 * thread.
 */
public final class PolicyRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PolicyRuntime.class.getName());
    /** How long start waits for the first DNS answers before going on without them. */
    private static final Duration FIRST_RESOLUTION_WAIT = Duration.ofSeconds(5);

    private final StandardPolicy policy;
    private final ScheduledExecutorService scheduler;

    private PolicyRuntime(StandardPolicy policy, ScheduledExecutorService scheduler) {
        this.policy = policy;
        this.scheduler = scheduler;
    }

    /** Starts with the system's interfaces and resolver. */
    public static PolicyRuntime start(Configuration config) {
        return start(config, HostAddresses.system(), TrustedHosts.system());
    }

    static PolicyRuntime start(Configuration config, HostAddresses.Source interfaces, TrustedHosts.Resolver resolver) {
        return start(config, interfaces, resolver, config.section(Sections.GENERAL).hostAddressRefresh(),
                config.section(Sections.POLICY).trusted().resolveInterval());
    }

    /** With explicit intervals: tests run the schedule in milliseconds. */
    static PolicyRuntime start(Configuration config, HostAddresses.Source interfaces, TrustedHosts.Resolver resolver,
                               Duration hostRefresh, Duration resolveInterval) {
        PolicySettings settings = config.section(Sections.POLICY);
        GeneralSettings general = config.section(Sections.GENERAL);
        HostAddresses host = new HostAddresses(interfaces, general.hostAddresses());
        TrustedHosts names = new TrustedHosts(settings.trusted().hosts(), resolver);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "policy-refresh");
            t.setDaemon(true);
            return t;
        });
        host.refresh();
        Future<?> first = scheduler.submit(names::refresh);
        try {
            first.get(FIRST_RESOLUTION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "trusted host names not resolved within {0}s; going on, they are trusted once resolved",
                    FIRST_RESOLUTION_WAIT.toSeconds());
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "resolving trusted host names failed: {0}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long hostEvery = hostRefresh.toMillis();
        scheduler.scheduleWithFixedDelay(host::refresh, hostEvery, hostEvery, TimeUnit.MILLISECONDS);
        if (!names.isEmpty()) {
            long dnsEvery = resolveInterval.toMillis();
            scheduler.scheduleWithFixedDelay(names::refresh, dnsEvery, dnsEvery, TimeUnit.MILLISECONDS);
        }
        return new PolicyRuntime(StandardPolicy.compile(config, host, names), scheduler);
    }

    /**
     * The policy as of now, resolved once in the calling thread and never refreshed: for
     * one-shot commands ({@code explain}, {@code config check}).
     */
    public static StandardPolicy once(Configuration config) {
        return once(config, true);
    }

    /** @param resolveHosts false to skip DNS: trusted host names then match nothing */
    public static StandardPolicy once(Configuration config, boolean resolveHosts) {
        if (resolveHosts) {
            return once(config, HostAddresses.system(), TrustedHosts.system());
        }
        HostAddresses host = new HostAddresses(HostAddresses.system(), config.section(Sections.GENERAL).hostAddresses());
        host.refresh();
        TrustedHosts names = new TrustedHosts(config.section(Sections.POLICY).trusted().hosts(), name -> java.util.List.of());
        return StandardPolicy.compile(config, host, names);
    }

    static StandardPolicy once(Configuration config, HostAddresses.Source interfaces, TrustedHosts.Resolver resolver) {
        HostAddresses host = new HostAddresses(interfaces, config.section(Sections.GENERAL).hostAddresses());
        TrustedHosts names = new TrustedHosts(config.section(Sections.POLICY).trusted().hosts(), resolver);
        host.refresh();
        names.refresh();
        return StandardPolicy.compile(config, host, names);
    }

    public StandardPolicy policy() {
        return policy;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
