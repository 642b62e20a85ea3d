package io.sipwarden.enforce;

/**
 * A backend's last outcome, for {@link Enforcer#health()}: a failure degrades with its message,
 * the next success heals. Bad input (an {@link IllegalArgumentException}) fails the call
 * without degrading the backend.
 */
public final class HealthRecord {
    private final String backend;
    private volatile String problem = "not started yet";

    /** One step of backend work. */
    public interface Step<T> {
        T run() throws EnforcementException;
    }

    public HealthRecord(String backend) {
        this.backend = backend;
    }

    /** Runs {@code step} and records how it went. */
    public <T> T run(Step<T> step) throws EnforcementException {
        try {
            T t = step.run();
            problem = null;
            return t;
        } catch (EnforcementException e) {
            problem = e.getMessage();
            throw e;
        } catch (IllegalArgumentException e) {
            throw new EnforcementException(e.getMessage(), e);
        } catch (RuntimeException e) {
            problem = backend + " backend failed: " + e;
            throw new EnforcementException(problem, e);
        }
    }

    /** Degraded with the last problem, or ok with {@code okDetail}. */
    public Enforcer.Health health(String okDetail) {
        String p = problem;
        return p == null ? Enforcer.Health.ok(okDetail) : Enforcer.Health.degraded(p);
    }
}
