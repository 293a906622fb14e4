package dev.oldbuffer.tck.properties;

import static org.apiguardian.api.API.Status.MAINTAINED;
import static dev.oldbuffer.spi.Function.AS_CHAR_BUFFER;
import static dev.oldbuffer.spi.Function.AS_READ_BUFFER;
import static dev.oldbuffer.spi.Function.AS_WRITE_BUFFER;

import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.tck.RequiresFeature;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.arbitraries.AcceptedBy;
import dev.oldbuffer.tck.arbitraries.OldBufferDomain;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apiguardian.api.API;

/**
 * Contents fidelity over every kind of object a getter accepts, of every size up to 64 KiB: the address holds
 * exactly the object's bytes in C order, and the length is item size times items.
 */
@Domain(OldBufferDomain.class)
@API(status = MAINTAINED, since = "0.1")
@AddLifecycleHook(PropertyHook.class)
@Label("Contents fidelity")
public class ContentsProperties {

    @Property
    @SpecAssertion("char02")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_char02_addressHoldsExactlyTheObjectsBytes(@ForAll @AcceptedBy(AS_CHAR_BUFFER) Fixture object, @ForAll Subject s) {
        holdsTheBytes(s, AS_CHAR_BUFFER, object);
    }

    @Property
    @SpecAssertion("read02")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_read02_addressHoldsExactlyTheObjectsBytes(@ForAll @AcceptedBy(AS_READ_BUFFER) Fixture object, @ForAll Subject s) {
        holdsTheBytes(s, AS_READ_BUFFER, object);
    }

    @Property
    @SpecAssertion("write02")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_write02_addressHoldsExactlyTheObjectsBytes(@ForAll @AcceptedBy(AS_WRITE_BUFFER) Fixture object, @ForAll Subject s) {
        holdsTheBytes(s, AS_WRITE_BUFFER, object);
    }

    @Property
    @SpecAssertion("char03")
    void required_char03_lengthIsItemSizeTimesItems(@ForAll @AcceptedBy(AS_CHAR_BUFFER) Fixture object, @ForAll Subject s) {
        hasTheByteLength(s, AS_CHAR_BUFFER, object);
    }

    @Property
    @SpecAssertion("read03")
    void required_read03_lengthIsItemSizeTimesItems(@ForAll @AcceptedBy(AS_READ_BUFFER) Fixture object, @ForAll Subject s) {
        hasTheByteLength(s, AS_READ_BUFFER, object);
    }

    @Property
    @SpecAssertion("write03")
    void required_write03_lengthIsItemSizeTimesItems(@ForAll @AcceptedBy(AS_WRITE_BUFFER) Fixture object, @ForAll Subject s) {
        hasTheByteLength(s, AS_WRITE_BUFFER, object);
    }

    private static void holdsTheBytes(Subject s, Function f, Fixture object) {
        Expectations.assumeBuildable(s, object);
        byte[] expected = s.layout(object).data();
        s.verify(s.call(f, object)).succeeded().pointsAt(expected);
    }

    private static void hasTheByteLength(Subject s, Function f, Fixture object) {
        Expectations.assumeBuildable(s, object);
        int expected = s.layout(object).byteLength();
        s.verify(s.call(f, object)).succeeded().hasLength(expected);
    }
}
