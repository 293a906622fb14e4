package dev.oldbuffer.tck.properties;

import static org.apiguardian.api.API.Status.MAINTAINED;
import static dev.oldbuffer.spi.Function.AS_CHAR_BUFFER;
import static dev.oldbuffer.spi.Function.AS_READ_BUFFER;
import static dev.oldbuffer.spi.Function.AS_WRITE_BUFFER;
import static dev.oldbuffer.spi.Function.CHECK_READ_BUFFER;

import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.Pending;
import dev.oldbuffer.tck.RequiresFeature;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.arbitraries.OldBufferDomain;
import dev.oldbuffer.tck.assertions.TckMessages;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apiguardian.api.API;

/**
 * Lifetime: whatever the object and whatever the answer, every view a call acquired is released before it
 * returns - an exporter's counts balance, a bytearray or array can be resized, a memoryview released.
 */
@Domain(OldBufferDomain.class)
@API(status = MAINTAINED, since = "0.1")
@AddLifecycleHook(PropertyHook.class)
@Label("Lifetime of acquired views")
public class LifetimeProperties {

    @Property
    @SpecAssertion({"char15", "char16"})
    @RequiresFeature(Feature.EXPORT_PROBES)
    void asCharBufferReleasesEverythingItAcquired(@ForAll Fixture object, @ForAll Subject s) {
        releasesEverything(s, AS_CHAR_BUFFER, object);
    }

    @Property
    @SpecAssertion({"read15", "read16"})
    @RequiresFeature(Feature.EXPORT_PROBES)
    void asReadBufferReleasesEverythingItAcquired(@ForAll Fixture object, @ForAll Subject s) {
        releasesEverything(s, AS_READ_BUFFER, object);
    }

    @Property
    @SpecAssertion({"write13", "write14"})
    @RequiresFeature(Feature.EXPORT_PROBES)
    void asWriteBufferReleasesEverythingItAcquired(@ForAll Fixture object, @ForAll Subject s) {
        releasesEverything(s, AS_WRITE_BUFFER, object);
    }

    @Property
    @SpecAssertion("check08")
    @RequiresFeature(Feature.EXPORT_PROBES)
    void required_check08_releasesEverythingItAcquired(@ForAll Fixture object, @ForAll Subject s) {
        releasesEverything(s, CHECK_READ_BUFFER, object);
    }

    @Property
    @SpecAssertion("char34")
    @RequiresFeature(Feature.REFCOUNTS)
    void required_char34_leavesTheReferenceCountAsItFoundIt(@ForAll Fixture object, @ForAll Subject s) {
        keepsTheReferenceCount(s, AS_CHAR_BUFFER, object);
    }

    @Property
    @SpecAssertion("read34")
    @RequiresFeature(Feature.REFCOUNTS)
    void required_read34_leavesTheReferenceCountAsItFoundIt(@ForAll Fixture object, @ForAll Subject s) {
        keepsTheReferenceCount(s, AS_READ_BUFFER, object);
    }

    @Property
    @SpecAssertion("check34")
    @RequiresFeature(Feature.REFCOUNTS)
    void required_check34_leavesTheReferenceCountAsItFoundIt(@ForAll Fixture object, @ForAll Subject s) {
        keepsTheReferenceCount(s, CHECK_READ_BUFFER, object);
    }

    @Property
    @SpecAssertion("write34")
    @RequiresFeature(Feature.REFCOUNTS)
    void required_write34_leavesTheReferenceCountAsItFoundIt(@ForAll Fixture object, @ForAll Subject s) {
        keepsTheReferenceCount(s, AS_WRITE_BUFFER, object);
    }

    @Property
    @SpecAssertion("char39")
    @RequiresFeature(Feature.TOTAL_REFCOUNT)
    void required_char39_leavesTheTotalReferenceCountAsItFoundIt(@ForAll Fixture object, @ForAll Subject s) {
        keepsTheTotalReferenceCount(s, AS_CHAR_BUFFER, object);
    }

    @Property
    @SpecAssertion("read39")
    @RequiresFeature(Feature.TOTAL_REFCOUNT)
    void required_read39_leavesTheTotalReferenceCountAsItFoundIt(@ForAll Fixture object, @ForAll Subject s) {
        keepsTheTotalReferenceCount(s, AS_READ_BUFFER, object);
    }

    @Property
    @SpecAssertion("check37")
    @RequiresFeature(Feature.TOTAL_REFCOUNT)
    void required_check37_leavesTheTotalReferenceCountAsItFoundIt(@ForAll Fixture object, @ForAll Subject s) {
        keepsTheTotalReferenceCount(s, CHECK_READ_BUFFER, object);
    }

    @Property
    @SpecAssertion("write38")
    @RequiresFeature(Feature.TOTAL_REFCOUNT)
    void required_write38_leavesTheTotalReferenceCountAsItFoundIt(@ForAll Fixture object, @ForAll Subject s) {
        keepsTheTotalReferenceCount(s, AS_WRITE_BUFFER, object);
    }

    /**
     * Nothing the call made outlives it - no view, no temporary, no reference to the exception it raised once that is
     * fetched: the interpreter's total count after a call is the count before. The first call fills what the interpreter
     * caches on first use (interned names, the driver's answers), so only the second is counted.
     */
    private static void keepsTheTotalReferenceCount(Subject s, Function f, Fixture object) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        s.call(f, obj);
        s.fetchError();
        long before = s.totalRefCount();
        CallResult r = s.call(f, obj);
        s.fetchError();
        long change = s.totalRefCount() - before;
        if (change != 0) {
            throw TckMessages.shouldKeepTheTotalReferenceCount(s.context(f), r, (change > 0 ? "+" : "") + change);
        }
    }

    /**
     * The reference a view takes on its exporter goes with the release: the count after the call is the count before.
     * The try asks for everything before it reads an answer, so that a runtime behind a process answers it in one go.
     */
    private static void keepsTheReferenceCount(Subject s, Function f, Fixture object) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        Pending<Long> before = s.refCountLater(obj);
        Pending<CallResult> call = s.callLater(f, obj);
        s.fetchErrorLater();
        Pending<Long> after = s.refCountLater(obj);
        long first = before.get();
        CallResult r = call.get();
        long change = after.get() - first;
        if (change != 0) {
            throw TckMessages.shouldKeepTheReferenceCount(s.context(f), r, (change > 0 ? "+" : "") + change);
        }
    }

    private static void releasesEverything(Subject s, Function f, Fixture object) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        Pending<CallResult> call = s.callLater(f, obj);
        s.fetchErrorLater();
        Subject.ExportLook look = s.exportLater(obj);
        s.verifyNoLongerExported(call.get(), look);
    }
}
