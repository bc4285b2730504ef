package dev.herald.core.internal;

import java.time.Duration;
import org.slf4j.Logger;

/** Work that a thread runs again and again, and must outlive. Not part of the API. Stateless and thread-safe. */
public final class Periodic {
    private Periodic() {}

    /**
     * Runs {@code work}, which runs again after {@code every}: anything it throws but a {@link VirtualMachineError}
     * (out of memory, a stack overflow: the JVM may be in no state to go on) is logged to {@code log}, an exception at
     * WARN, an {@link Error} (a bug) at ERROR with its stack trace, and not thrown. A periodic task of a {@link
     * java.util.concurrent.ScheduledExecutorService} that throws is never run again, and a worker's loop ends.
     */
    public static void survive(Logger log, String what, Duration every, Runnable work) {
        try {
            work.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Exception e) {
            log.warn("{} failed, trying again in {}: {}", what, every, e.toString());
        } catch (Error e) {
            log.error("{} failed, trying again in {}", what, every, e);
        }
    }
}
