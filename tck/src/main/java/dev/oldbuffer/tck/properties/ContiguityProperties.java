package dev.oldbuffer.tck.properties;

import static org.apiguardian.api.API.Status.MAINTAINED;
import static dev.oldbuffer.spi.Function.AS_CHAR_BUFFER;
import static dev.oldbuffer.spi.Function.AS_READ_BUFFER;
import static dev.oldbuffer.spi.Function.AS_WRITE_BUFFER;
import static dev.oldbuffer.spi.Function.CHECK_READ_BUFFER;

import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.arbitraries.OldBufferDomain;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apiguardian.api.API;

/**
 * The contiguity oracle: over every kind of object, a getter succeeds exactly when the object exports one
 * C-contiguous block (and a writable one, for AsWriteBuffer), as the recipe's layout says; CheckReadBuffer
 * answers 1 exactly then.
 */
@Domain(OldBufferDomain.class)
@API(status = MAINTAINED, since = "0.1")
@AddLifecycleHook(PropertyHook.class)
@Label("Contiguity oracle")
public class ContiguityProperties {

    @Property
    @SpecAssertion("char30")
    void required_char30_succeedsExactlyForContiguousObjects(@ForAll Fixture object, @ForAll Subject s) {
        answersAsTheOracle(s, AS_CHAR_BUFFER, object);
    }

    @Property
    @SpecAssertion("read30")
    void required_read30_succeedsExactlyForContiguousObjects(@ForAll Fixture object, @ForAll Subject s) {
        answersAsTheOracle(s, AS_READ_BUFFER, object);
    }

    @Property
    @SpecAssertion("write30")
    void required_write30_succeedsExactlyForWritableContiguousObjects(@ForAll Fixture object, @ForAll Subject s) {
        answersAsTheOracle(s, AS_WRITE_BUFFER, object);
    }

    @Property
    @SpecAssertion("check30")
    void required_check30_answersOneExactlyForContiguousObjects(@ForAll Fixture object, @ForAll Subject s) {
        answersAsTheOracle(s, CHECK_READ_BUFFER, object);
    }

    private static void answersAsTheOracle(Subject s, Function f, Fixture object) {
        Expectations.assumeBuildable(s, object);
        int expected = s.layout(object).returnValue(f);
        s.verify(s.call(f, object)).returned(expected);
    }
}
