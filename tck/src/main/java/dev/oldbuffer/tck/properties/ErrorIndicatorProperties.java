package dev.oldbuffer.tck.properties;

import static org.apiguardian.api.API.Status.MAINTAINED;
import static dev.oldbuffer.spi.Function.AS_CHAR_BUFFER;
import static dev.oldbuffer.spi.Function.AS_READ_BUFFER;
import static dev.oldbuffer.spi.Function.AS_WRITE_BUFFER;
import static dev.oldbuffer.spi.Function.CHECK_READ_BUFFER;

import dev.oldbuffer.catalogue.Expected;
import dev.oldbuffer.catalogue.RefusalCause;
import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.tck.RequiresFeature;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.arbitraries.AcceptedBy;
import dev.oldbuffer.tck.arbitraries.OldBufferDomain;
import dev.oldbuffer.tck.arbitraries.RefusedBy;
import dev.oldbuffer.tck.assertions.TckMessages;
import dev.oldbuffer.tck.oracle.Layout;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apiguardian.api.API;

/**
 * The error indicator after every call: one exception of the profile's type after a failure, none after a
 * success or any CheckReadBuffer call; and what becomes of an error that was set before the call. The error types
 * come from the catalogue's {@code expected} entries of the assertions checked.
 */
@Domain(OldBufferDomain.class)
@API(status = MAINTAINED, since = "0.1")
@AddLifecycleHook(PropertyHook.class)
@Label("Error indicator")
public class ErrorIndicatorProperties {

    /** What the tests set before a call: not an error any function would raise itself. */
    static final PyError PRESET = new PyError("RuntimeError", "set before the call");

    @Property
    @SpecAssertion("char31")
    void required_char31_anErrorIsSetExactlyWhenTheCallFails(@ForAll Fixture object, @ForAll Subject s) {
        errorExactlyOnFailure(s, AS_CHAR_BUFFER, object, "char31");
    }

    @Property
    @SpecAssertion("read31")
    void required_read31_anErrorIsSetExactlyWhenTheCallFails(@ForAll Fixture object, @ForAll Subject s) {
        errorExactlyOnFailure(s, AS_READ_BUFFER, object, "read31");
    }

    @Property
    @SpecAssertion("write31")
    void required_write31_anErrorIsSetExactlyWhenTheCallFails(@ForAll Fixture object, @ForAll Subject s) {
        errorExactlyOnFailure(s, AS_WRITE_BUFFER, object, "write31");
    }

    @Property
    @SpecAssertion("check31")
    void required_check31_noCallLeavesAnError(@ForAll Fixture object, @ForAll Subject s) {
        Expectations.assumeBuildable(s, object);
        s.verify(s.call(CHECK_READ_BUFFER, object)).hasNoErrorSet();
    }

    @Property
    @SpecAssertion("char32")
    @RequiresFeature(Feature.PRESET_ERROR)
    void required_char32_aFailureReplacesAnEarlierError(@ForAll @RefusedBy(AS_CHAR_BUFFER) Fixture object, @ForAll Subject s) {
        failureReplacesPresetError(s, AS_CHAR_BUFFER, object, "char32");
    }

    @Property
    @SpecAssertion("read32")
    @RequiresFeature(Feature.PRESET_ERROR)
    void required_read32_aFailureReplacesAnEarlierError(@ForAll @RefusedBy(AS_READ_BUFFER) Fixture object, @ForAll Subject s) {
        failureReplacesPresetError(s, AS_READ_BUFFER, object, "read32");
    }

    @Property
    @SpecAssertion("write32")
    @RequiresFeature(Feature.PRESET_ERROR)
    void required_write32_aFailureReplacesAnEarlierError(@ForAll @RefusedBy(AS_WRITE_BUFFER) Fixture object, @ForAll Subject s) {
        failureReplacesPresetError(s, AS_WRITE_BUFFER, object, "write32");
    }

    @Property
    @SpecAssertion("check32")
    @RequiresFeature(Feature.PRESET_ERROR)
    void required_check32_anEarlierErrorFaresAsTheProfileSays(@ForAll Fixture object, @ForAll Subject s) {
        Expectations.assumeBuildableWithAnErrorSet(s, object);
        Layout layout = s.layout(object);
        ObjRef obj = s.create(object);
        s.setError(PRESET);
        CallResult r = s.call(CHECK_READ_BUFFER, obj);
        // "kept": always; "cleared-on-refusal": CPython's PyErr_Clear after a refused getbuffer drops it too
        boolean getbufferRefused = layout.bufferInterface() && !layout.readable();
        boolean kept = s.expected("check32").presetError().orElseThrow() == Expected.PresetError.KEPT || !getbufferRefused;
        s.verify(r).returned(layout.readable() ? 1 : 0);
        if (kept) {
            s.verify(r).hasErrorType(PRESET.type()).hasErrorMessage(PRESET.message());
        } else {
            s.verify(r).hasNoErrorSet();
        }
    }

    @Property
    @SpecAssertion("char21")
    @RequiresFeature(Feature.PRESET_ERROR)
    void cpython_char21_aSuccessKeepsAnEarlierError(@ForAll @AcceptedBy(AS_CHAR_BUFFER) Fixture object, @ForAll Subject s) {
        successKeepsPresetError(s, AS_CHAR_BUFFER, object);
    }

    @Property
    @SpecAssertion("read21")
    @RequiresFeature(Feature.PRESET_ERROR)
    void cpython_read21_aSuccessKeepsAnEarlierError(@ForAll @AcceptedBy(AS_READ_BUFFER) Fixture object, @ForAll Subject s) {
        successKeepsPresetError(s, AS_READ_BUFFER, object);
    }

    @Property
    @SpecAssertion("write20")
    @RequiresFeature(Feature.PRESET_ERROR)
    void cpython_write20_aSuccessKeepsAnEarlierError(@ForAll @AcceptedBy(AS_WRITE_BUFFER) Fixture object, @ForAll Subject s) {
        successKeepsPresetError(s, AS_WRITE_BUFFER, object);
    }

    /**
     * Judged by what the call returned: a failure (-1) leaves exactly one exception, of the type the catalogue
     * names for the cause, and fetching it empties the indicator; anything else leaves no error.
     */
    private static void errorExactlyOnFailure(Subject s, Function f, Fixture object, String id) {
        Expectations.assumeBuildable(s, object);
        Layout layout = s.layout(object);
        CallResult r = s.call(f, object);
        if (r.returnValue() != -1) {
            s.verify(r).hasNoErrorSet();
            return;
        }
        Optional<RefusalCause> cause = layout.refusalCause(f);
        if (cause.isEmpty()) {
            // a refusal the oracle does not expect is the x30 assertion's finding; here it must still set an error
            s.verify(r).failed();
            requireOneError(s, f, r);
            return;
        }
        s.verify(r).hasErrorType(Expectations.errorType(s, id, cause.get(), layout));
        requireOneError(s, f, r);
    }

    /** The error the call left is the one fetched, and it was the only one: the indicator is empty afterwards. */
    private static void requireOneError(Subject s, Function f, CallResult r) {
        Optional<PyError> fetched = s.fetchError();
        Optional<PyError> after = s.fetchError();
        if (fetched.isEmpty() || !fetched.equals(r.error()) || after.isPresent()) {
            throw TckMessages.shouldHave(s.context(f), r, "leave exactly one exception, fetched once",
                    r.error().map(PyError::toString).orElse("an exception"),
                    "fetched " + fetched.map(PyError::toString).orElse("nothing") + ", then "
                            + after.map(PyError::toString).orElse("nothing"));
        }
    }

    private static void failureReplacesPresetError(Subject s, Function f, Fixture object, String id) {
        Expectations.assumeBuildableWithAnErrorSet(s, object);
        Layout layout = s.layout(object);
        ObjRef obj = s.create(object);
        s.setError(PRESET);
        CallResult r = s.call(f, obj);
        s.verify(r).failed().hasErrorType(Expectations.errorType(s, id, layout.refusalCause(f).orElseThrow(), layout));
    }

    private static void successKeepsPresetError(Subject s, Function f, Fixture object) {
        Expectations.assumeBuildableWithAnErrorSet(s, object);
        ObjRef obj = s.create(object);
        s.setError(PRESET);
        s.verify(s.call(f, obj)).succeeded().hasErrorType(PRESET.type()).hasErrorMessage(PRESET.message());
    }
}
