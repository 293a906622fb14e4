package dev.oldbuffer.adapter.process;

import static dev.oldbuffer.spi.Function.AS_READ_BUFFER;
import static dev.oldbuffer.spi.Function.AS_WRITE_BUFFER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.Acquisition;
import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.DeferredRefusal;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.MemoryAccessException;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OldBufferRuntime.Call;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.Pending;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.spi.Replacement;
import dev.oldbuffer.spi.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Steps asked for with {@code later}: a try of them crosses to the interpreter once, and each answers what the method it
 * stands for answers when made at once; a refusal is its own step's, thrown when its answer is read.
 */
class LaterAnswersTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @DrivenRuntimes
    void aTryAskedForLaterCrossesOnceAndAnswersAsMadeAtOnce(TestRuntime which) {
        ProcessRuntime rt = which.shared();
        ObjRef bytes = rt.create(Fixture.bytes(ascii("abc")));
        ObjRef array = rt.create(Fixture.bytearray(ascii("xyz")));
        ObjRef exporter = rt.create(Fixture.exporter(ExporterSpec.readOnly(ascii("exported"))));
        rt.settle();

        long trips = ProcessRuntime.roundTrips();
        Pending<Long> countBefore = rt.later(new Step.RefCount(bytes));
        Pending<CallResult> read = rt.later(new Call(AS_READ_BUFFER, bytes, OutSlots.sentinels()));
        Pending<Optional<PyError>> fetched = rt.later(new Step.FetchError());
        Pending<Long> countAfter = rt.later(new Step.RefCount(bytes));
        Pending<CallResult> refused = rt.later(new Call(AS_WRITE_BUFFER, bytes, OutSlots.sentinels()));
        Pending<Optional<PyError>> error = rt.later(new Step.FetchError());
        Pending<Boolean> stored = rt.later(new Step.SetItem(array, 1, (byte) 'Y'));
        Pending<Boolean> resized = rt.later(new Step.TryResize(array));
        Pending<CallResult> exported = rt.later(new Call(AS_READ_BUFFER, exporter, OutSlots.sentinels()));
        Pending<ExportCounts> counts = rt.later(new Step.ExportCountsOf(exporter));
        Pending<List<byte[]>> contents = rt.later(new Step.ContentsOf(List.of(bytes, array, exporter)));
        Pending<byte[]> one = rt.later(new Step.Contents(array));
        assertThat(read.ifAnswered()).as("nothing is answered before it is read").isEmpty();

        assertThat(countAfter.get()).isEqualTo(countBefore.get());
        assertThat(ProcessRuntime.roundTrips() - trips).as("round trips for the whole try").isEqualTo(1);
        assertThat(read.ifAnswered()).isPresent();
        assertThat(read.get().returnValue()).isZero();
        assertThat(read.get().length()).isEqualTo(3);
        assertThat(fetched.get()).isEmpty();
        assertThat(refused.get().returnValue()).isEqualTo(-1);
        assertThat(error.get()).map(PyError::type).contains("TypeError");
        assertThat(stored.get()).isTrue();
        assertThat(resized.get()).isTrue();
        assertThat(exported.get().returnValue()).isZero();
        assertThat(counts.get()).isEqualTo(new ExportCounts(1, 1, counts.get().lastFlags()));
        assertThat(contents.get()).containsExactly(ascii("abc"), ascii("xYz"), ascii("exported"));
        assertThat(one.get()).isEqualTo(ascii("xYz"));
        assertThat(rt.read(read.get().buffer(), 3)).as("read once the call's answer came").isEqualTo(ascii("abc"));

        // the same steps made at once, on the same objects in the same state, answer the same
        assertThat(rt.call(AS_READ_BUFFER, bytes, OutSlots.sentinels())).isEqualTo(read.get());
        assertThat(rt.fetchError()).isEmpty();
        assertThat(rt.refCount(bytes)).isEqualTo(countBefore.get());
        assertThat(rt.call(AS_WRITE_BUFFER, bytes, OutSlots.sentinels())).isEqualTo(refused.get());
        assertThat(rt.fetchError()).isEqualTo(error.get());
        assertThat(rt.call(AS_READ_BUFFER, exporter, OutSlots.sentinels())).isEqualTo(exported.get());
        assertThat(rt.exportCounts(exporter)).isEqualTo(new ExportCounts(2, 2, counts.get().lastFlags()));
    }

    @ParameterizedTest
    @DrivenRuntimes
    void aCallAnsweredLaterStillTellsTheErrorItLeftAndTheMemoryItReturned(TestRuntime which) {
        ProcessRuntime rt = which.shared();
        ObjRef str = rt.create(Fixture.str("text"));
        ObjRef bytes = rt.create(Fixture.bytes(ascii("memory")));
        CallResult refused = rt.later(new Call(AS_READ_BUFFER, str, OutSlots.sentinels())).get();
        long trips = ProcessRuntime.roundTrips();
        assertThat(rt.fetchError()).as("known from the call's answer").isEqualTo(refused.error());
        CallResult read = rt.later(new Call(AS_READ_BUFFER, bytes, OutSlots.sentinels())).get();
        assertThat(ProcessRuntime.roundTrips() - trips).as("the fetch went with the second call").isEqualTo(1);
        assertThat(rt.read(read.buffer(), 6)).isEqualTo(ascii("memory"));
        assertThat(rt.later(new Step.Read(read.buffer(), 6)).get()).isEqualTo(ascii("memory"));
        assertThat(ProcessRuntime.roundTrips() - trips).as("both reads served by the call's answer").isEqualTo(1);
    }

    @ParameterizedTest
    @DrivenRuntimes
    void aReplacementCallAndItsReleaseAreOneRequestThatLeavesNothingExported(TestRuntime which) {
        ProcessRuntime rt = which.shared();
        ObjRef exporter = rt.create(Fixture.exporter(ExporterSpec.readOnly(ascii("handed"))));
        long trips = ProcessRuntime.roundTrips();
        Pending<Acquisition> later = rt.later(new Step.AcquireAndRelease(Replacement.GET_BUFFER_SIMPLE, exporter));
        Pending<ExportCounts> counts = rt.later(new Step.ExportCountsOf(exporter));
        Acquisition handed = later.get();
        assertThat(ProcessRuntime.roundTrips() - trips).isEqualTo(1);
        assertThat(handed.accepted()).isTrue();
        assertThat(handed.holdsView()).as("it held one, released already").isTrue();
        assertThat(counts.get().outstanding()).isZero();

        Acquisition held = rt.acquire(Replacement.GET_BUFFER_SIMPLE, exporter);   // the same call made at once
        rt.release(held);
        assertThat(handed).usingRecursiveComparison().ignoringFields("view").isEqualTo(held);
        assertThat(rt.exportCounts(exporter).outstanding()).isZero();
        assertThatThrownBy(() -> {
            rt.release(handed);   // released with the call: the driver holds no such view
            rt.settle();
        }).isInstanceOf(DeferredRefusal.class).hasMessageContaining("no view held");
    }

    @ParameterizedTest
    @DrivenRuntimes
    void aRefusalIsThrownByItsOwnAnswerAndTheOthersStillAnswer(TestRuntime which) {
        ProcessRuntime rt = which.shared();
        ObjRef array = rt.create(Fixture.bytearray(ascii("ab")));
        Pending<Long> before = rt.later(new Step.RefCount(array));
        Pending<Boolean> outOfRange = rt.later(new Step.SetItem(array, 7, (byte) 1));
        Pending<byte[]> unreadable = rt.later(new Step.Read(OutSlots.BUFFER_SENTINEL, 4));
        Pending<byte[]> contents = rt.later(new Step.Contents(array));

        assertThat(contents.get()).isEqualTo(ascii("ab"));
        assertThatThrownBy(outOfRange::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IndexError");
        assertThatThrownBy(unreadable::get).isInstanceOf(MemoryAccessException.class);
        assertThat(before.get()).isPositive();
        rt.settle();
    }
}
