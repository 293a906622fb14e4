package dev.oldbuffer.tck.properties;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.tck.RequiresFeature;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.arbitraries.OldBufferDomain;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.state.ActionChain;
import org.apiguardian.api.API;

/**
 * Stateful specifications: random lives of objects - create, take memoryviews and slices, call, store bytes,
 * resize, release, call again - with each call checked against the model ({@link BufferWorld}) and the
 * invariants (no error left set, exporters hold exactly the live memoryviews' views, Python sees the model's
 * bytes) checked after every step. One chain per function, so that a failure names the function that broke.
 */
@API(status = MAINTAINED, since = "0.1")
@AddLifecycleHook(PropertyHook.class)
@Label("Stateful: lives of objects")
@Domain(OldBufferDomain.class)
public class StatefulProperties {

    @Property
    @TryCost(8)
    @SpecAssertion("char33")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_char33_everyStepAnswersAsTheModel(@ForAll("asCharBufferLives") ActionChain<BufferWorld> chain, @ForAll Subject s) {
        BufferWorld.run(chain);
    }

    @Property
    @TryCost(8)
    @SpecAssertion("read33")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_read33_everyStepAnswersAsTheModel(@ForAll("asReadBufferLives") ActionChain<BufferWorld> chain, @ForAll Subject s) {
        BufferWorld.run(chain);
    }

    @Property
    @TryCost(8)
    @SpecAssertion("write33")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_write33_everyStepAnswersAsTheModel(@ForAll("asWriteBufferLives") ActionChain<BufferWorld> chain, @ForAll Subject s) {
        BufferWorld.run(chain);
    }

    @Property
    @TryCost(8)
    @SpecAssertion("check33")
    void required_check33_everyStepAnswersAsTheModel(@ForAll("checkReadBufferLives") ActionChain<BufferWorld> chain, @ForAll Subject s) {
        BufferWorld.run(chain);
    }

    @Provide
    Arbitrary<ActionChain<BufferWorld>> asCharBufferLives() {
        return BufferWorld.chains(Function.AS_CHAR_BUFFER);
    }

    @Provide
    Arbitrary<ActionChain<BufferWorld>> asReadBufferLives() {
        return BufferWorld.chains(Function.AS_READ_BUFFER);
    }

    @Provide
    Arbitrary<ActionChain<BufferWorld>> asWriteBufferLives() {
        return BufferWorld.chains(Function.AS_WRITE_BUFFER);
    }

    @Provide
    Arbitrary<ActionChain<BufferWorld>> checkReadBufferLives() {
        return BufferWorld.chains(Function.CHECK_READ_BUFFER);
    }
}
