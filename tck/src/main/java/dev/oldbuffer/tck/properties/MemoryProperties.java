package dev.oldbuffer.tck.properties;

import static org.apiguardian.api.API.Status.MAINTAINED;
import static dev.oldbuffer.spi.Function.AS_CHAR_BUFFER;
import static dev.oldbuffer.spi.Function.AS_READ_BUFFER;
import static dev.oldbuffer.spi.Function.AS_WRITE_BUFFER;

import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.Pending;
import dev.oldbuffer.tck.RequiresFeature;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.arbitraries.AcceptedBy;
import dev.oldbuffer.tck.arbitraries.OldBufferDomain;
import dev.oldbuffer.tck.assertions.TckMessages;
import java.util.HexFormat;
import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.domains.DomainContext;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apiguardian.api.API;

/**
 * The address is the object's own memory, in both directions: bytes written at the AsWriteBuffer address become
 * the object's content, and a byte stored through the object shows at the address every getter returned.
 */
@Domain(OldBufferDomain.class)
@Domain(DomainContext.Global.class)
@API(status = MAINTAINED, since = "0.1")
@AddLifecycleHook(PropertyHook.class)
@Label("The address is the object's memory")
public class MemoryProperties {

    @Property
    @SpecAssertion("write04")
    @RequiresFeature(Feature.MEMORY_WRITE)
    void required_write04_bytesWrittenAtTheAddressBecomeTheContent(@ForAll @AcceptedBy(AS_WRITE_BUFFER) Fixture object,
                                                                   @ForAll long seed, @ForAll Subject s) {
        Expectations.assumeBuildable(s, object);
        byte[] current = s.layout(object).data();
        ObjRef obj = s.create(object);
        CallResult r = s.call(AS_WRITE_BUFFER, obj);
        byte[] pattern = new byte[current.length];
        new SplittableRandom(seed).nextBytes(pattern);
        Pending<Boolean> written = s.writeThroughLater(r, current, pattern);
        Pending<byte[]> contents = s.contentsLater(obj);
        written.get();
        byte[] seen = contents.get();
        if (!java.util.Arrays.equals(seen, pattern)) {
            throw TckMessages.shouldHave(s.context(AS_WRITE_BUFFER), r,
                    "make bytes written at the address the object's content", hex(pattern), hex(seen));
        }
    }

    @Property
    @SpecAssertion("char04")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_char04_aStoreThroughTheObjectShowsAtTheAddress(@ForAll @AcceptedBy(AS_WRITE_BUFFER) Fixture mutable,
                                                                  @ForAll int index, @ForAll byte value, @ForAll Subject s) {
        storeShowsAtTheAddress(s, AS_CHAR_BUFFER, mutable, index, value);
    }

    @Property
    @SpecAssertion("read04")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_read04_aStoreThroughTheObjectShowsAtTheAddress(@ForAll @AcceptedBy(AS_WRITE_BUFFER) Fixture mutable,
                                                                  @ForAll int index, @ForAll byte value, @ForAll Subject s) {
        storeShowsAtTheAddress(s, AS_READ_BUFFER, mutable, index, value);
    }

    @Property
    @SpecAssertion("write05")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_write05_aStoreThroughTheObjectShowsAtTheAddress(@ForAll @AcceptedBy(AS_WRITE_BUFFER) Fixture mutable,
                                                                   @ForAll int index, @ForAll byte value, @ForAll Subject s) {
        storeShowsAtTheAddress(s, AS_WRITE_BUFFER, mutable, index, value);
    }

    /** The getter's address, read after {@code obj[i] = value}, holds the new content. */
    private static void storeShowsAtTheAddress(Subject s, Function f, Fixture mutable, int index, byte value) {
        Expectations.assumeBuildable(s, mutable);
        byte[] expected = s.layout(mutable).data();
        Assume.that(expected.length > 0);
        ObjRef obj = s.create(mutable);
        CallResult r = s.call(f, obj);
        s.verify(r).succeeded();
        int at = Math.floorMod(index, expected.length);
        expected[at] = value;
        Pending<Boolean> stored = s.setItemLater(obj, at, value);
        Pending<byte[]> seen = s.readLater(r.buffer(), expected.length);   // with the store: one round trip
        stored.get();
        s.verify(r).pointsAt(expected, seen.get());
    }

    private static String hex(byte[] data) {
        return data.length <= 64 ? HexFormat.ofDelimiter(" ").formatHex(data)
                : HexFormat.ofDelimiter(" ").formatHex(data, 0, 64) + " ... (" + data.length + " bytes)";
    }
}
