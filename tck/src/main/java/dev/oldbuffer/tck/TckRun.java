package dev.oldbuffer.tck;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.spi.Implementations;
import dev.oldbuffer.spi.OldBufferRuntime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * One run of the kit: its configuration and the implementation it opened, shared by both engines (Jupiter's
 * specifications and jqwik's properties), so that a child process starts once per run. {@link dev.oldbuffer.tck.run.TckRunListener}
 * makes one from the launch's configuration parameters when a test plan starts and closes it when the plan ends;
 * nothing else sets it, so a run's settings cannot leak into another run.
 */
@API(status = INTERNAL, since = "0.2")
public final class TckRun implements AutoCloseable {

    /** The runs of this thread, innermost first: a run may start another (the kit's own tests run the kit). */
    private static final ThreadLocal<Deque<TckRun>> BOUND = ThreadLocal.withInitial(ArrayDeque::new);
    /** Every run in progress in this JVM, for engines that execute on threads of their own. */
    private static final Set<TckRun> ACTIVE = ConcurrentHashMap.newKeySet();

    private final TckConfig config;
    private OldBufferRuntime runtime;
    private RuntimeException failure;
    /** Whether {@link #close()} closes the implementation: not when the run was handed one its caller closes. */
    private final boolean owned;

    public TckRun(TckConfig config) {
        this.config = config;
        this.owned = true;
    }

    /**
     * A run on an implementation its caller opened and closes ({@link dev.oldbuffer.tck.run.TckRunner}, which surveys the
     * same interpreter after the specifications, so that a run starts one, not two).
     */
    public TckRun(TckConfig config, OldBufferRuntime opened) {
        this.config = config;
        this.runtime = opened;
        this.owned = false;
    }

    public TckConfig config() {
        return config;
    }

    /**
     * The implementation, opened on first use through the context class loader. A failure to open is remembered, so
     * that every test reports it without retrying a start that cannot work.
     */
    public synchronized OldBufferRuntime runtime() {
        if (failure != null) {
            throw failure;
        }
        if (runtime == null) {
            try {
                runtime = Implementations.open(Implementations.find(config.implementation(),
                        Thread.currentThread().getContextClassLoader()), config.options(), config.profile());
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return runtime;
    }

    /** Closes the implementation, if this run opened it. */
    @Override
    public synchronized void close() {
        if (runtime != null && owned) {
            closeBestEffort(runtime);
            runtime = null;
        }
    }

    /**
     * Closes an implementation at the end of a run, whatever its state: the run's results stand when a crashed child
     * process cannot be closed cleanly.
     */
    public static void closeBestEffort(OldBufferRuntime runtime) {
        try {
            runtime.close();
        } catch (RuntimeException ignored) {
            // best effort: a crashed child process is already gone
        }
    }

    /** Makes this the current run of the calling thread until {@link #unbind()}. */
    public void bind() {
        BOUND.get().push(this);
        ACTIVE.add(this);
    }

    /** Ends {@link #bind()}: the thread's previous run, if any, is current again. */
    public void unbind() {
        BOUND.get().remove(this);
        ACTIVE.remove(this);
    }

    /**
     * The run the calling thread takes part in: the one it bound, else the only run in progress.
     *
     * @throws IllegalStateException when no run is in progress (the listener is not registered)
     */
    public static TckRun current() {
        TckRun run = BOUND.get().peek();
        if (run != null) {
            return run;
        }
        if (ACTIVE.size() == 1) {
            return ACTIVE.iterator().next();
        }
        throw new IllegalStateException(ACTIVE.isEmpty()
                ? "no run of the kit is in progress: the specifications run through dev.oldbuffer.tck.run.TckRunner, or under a "
                        + "JUnit Platform launcher with dev.oldbuffer.tck.run.TckRunListener registered (the tck jar registers it)"
                : ACTIVE.size() + " runs of the kit are in progress and this thread belongs to none of them");
    }
}
