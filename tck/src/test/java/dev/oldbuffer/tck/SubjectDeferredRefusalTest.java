package dev.oldbuffer.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.reference.ReferenceRuntime;
import dev.oldbuffer.reference.capi.DocumentedFunctions;
import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.DeferredRefusal;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.Profile;
import org.junit.jupiter.api.Test;

/**
 * A runtime that answers create before doing it (as the process runtime does) reports a refused recipe from a later
 * operation: the kit fails the test exactly as it fails one whose create refused at once.
 */
class SubjectDeferredRefusalTest {

    private static final Fixture REFUSED = Fixture.memoryview(Fixture.str("not a buffer"));
    private static final String PYTHONS_MESSAGE = "TypeError: memoryview: a bytes-like object is required, not 'str'";

    /** Refuses {@link #REFUSED} in create, at once or at the next operation that waits. */
    private static final class Refusing extends ReferenceRuntime {
        private final boolean deferred;
        private DeferredRefusal pending;

        Refusing(boolean deferred) {
            super(new DocumentedFunctions());
            this.deferred = deferred;
        }

        @Override
        public ObjRef create(Fixture fixture) {
            if (!fixture.equals(REFUSED)) {
                return super.create(fixture);
            }
            IllegalArgumentException refusal = new IllegalArgumentException(PYTHONS_MESSAGE);
            if (!deferred) {
                throw refusal;
            }
            pending = new DeferredRefusal(DeferredRefusal.Operation.CREATE, fixture.describe(), refusal);
            return new ObjRef(999, fixture.describe());
        }

        @Override
        public CallResult call(Function function, ObjRef object, OutSlots slots) {
            settle();
            return super.call(function, object, slots);
        }

        @Override
        public void settle() {
            DeferredRefusal d = pending;
            pending = null;
            if (d != null) {
                throw d;
            }
        }
    }

    private static Subject subject(Refusing runtime) {
        return new Subject(runtime, Profile.DOCUMENTED, Catalogue.bundled().of(Profile.DOCUMENTED).subList(0, 1));
    }

    @Test
    void aRefusalReportedByTheNextCallFailsAsTheCreateItself() {
        Throwable atOnce = catchThrowable(() -> subject(new Refusing(false)).create(REFUSED));
        Subject s = subject(new Refusing(true));
        ObjRef bytes = s.create(Fixture.bytes(new byte[3]));
        ObjRef refused = s.create(REFUSED);
        Throwable later = catchThrowable(() -> s.call(Function.AS_READ_BUFFER, bytes));

        assertThat(refused).isNotNull();
        assertThat(atOnce).isInstanceOf(AssertionError.class).hasMessageContaining(PYTHONS_MESSAGE);
        assertThat(later).isInstanceOf(AssertionError.class).hasMessage(atOnce.getMessage());
    }

    @Test
    void aRefusalStillInFlightAtTheEndFailsTheTestWhenItSettles() {
        Throwable atOnce = catchThrowable(() -> subject(new Refusing(false)).create(REFUSED));
        Subject s = subject(new Refusing(true));
        s.create(REFUSED);

        assertThat(catchThrowable(s::settle)).isInstanceOf(AssertionError.class).hasMessage(atOnce.getMessage());
    }
}
