package dev.oldbuffer.adapter.process;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.RuntimeProvider;
import dev.oldbuffer.spi.RuntimeRequest;
import java.util.Map;
import org.apiguardian.api.API;

/** Makes a real interpreter selectable as {@code capi-process}; see {@link ProcessRuntime}. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ProcessRuntimeProvider implements RuntimeProvider {

    public static final String ID = "capi-process";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a CPython-C-API interpreter (CPython 3.9+, PyPy3) in a child process, called through a C extension";
    }

    @Override
    public Map<String, String> options() {
        return LaunchConfig.OPTIONS;
    }

    /** A real runtime has one behaviour: the run's profile does not change what it does. */
    @Override
    public OldBufferRuntime open(RuntimeRequest request) {
        return ProcessRuntime.open(request.options());
    }
}
