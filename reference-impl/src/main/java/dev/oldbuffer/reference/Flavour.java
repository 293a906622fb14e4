package dev.oldbuffer.reference;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.oldbuffer.reference.capi.CPythonFunctions;
import dev.oldbuffer.reference.capi.DocumentedFunctions;
import dev.oldbuffer.reference.capi.OldBufferFunctions;
import dev.oldbuffer.spi.ImplementationUnavailableException;
import java.util.Arrays;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/** Which behaviour the model reproduces: the page's promise, or CPython 3.12's code. */
@API(status = MAINTAINED, since = "0.1")
public enum Flavour {
    DOCUMENTED("documented", DocumentedFunctions::new),
    CPYTHON("cpython", CPythonFunctions::new);

    private final String id;
    private final Supplier<OldBufferFunctions> functions;

    Flavour(String id, Supplier<OldBufferFunctions> functions) {
        this.id = id;
        this.functions = functions;
    }

    public String id() {
        return id;
    }

    public OldBufferFunctions functions() {
        return functions.get();
    }

    /** The flavour named by the provider option; the exception lists the accepted values. */
    public static Flavour ofOption(String value) {
        for (Flavour f : values()) {
            if (f.id.equals(value)) {
                return f;
            }
        }
        throw new ImplementationUnavailableException("implementation 'reference': unknown profile '" + value
                + "'; accepted: " + String.join(", ", Arrays.stream(values()).map(Flavour::id).toList()));
    }
}
