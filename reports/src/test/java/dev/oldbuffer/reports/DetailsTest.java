package dev.oldbuffer.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Failure;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.PropertyRun;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.tck.assertions.TckMessages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A matrix cell reads the result's fields: whatever the message text says, the cell is made from the same facts. */
class DetailsTest {

    @Test
    void aViolationSaysWhatWasExpectedAndObserved() {
        Failure f = TckMessages.shouldSetError("[char18 PyObject_AsCharBuffer, profile cpython, on reference 0.1.0]",
                "PyObject_AsCharBuffer(NULL, &buf, &len) -> -1", "SystemError", "TypeError: bad").failure();
        assertThat(Details.shorten(failed(f))).isEqualTo("expected SystemError, was TypeError: bad");
    }

    @Test
    void cutsLongTextWithAnEllipsis() {
        Failure f = new Failure(Failure.Kind.ERROR, "", "", "x".repeat(500), "", "", null);
        assertThat(Details.shorten(failed(f))).hasSize(Details.MAX).endsWith("…");
    }

    @Test
    void aCrashSaysWhatHappened() {
        Failure f = new Failure(Failure.Kind.CRASH, "", "", "implementation crashed: signal 11 (SIGSEGV)",
                "PyObject_AsCharBuffer(memoryview(bytes(4)) (released), &buf, &len)", "", null);
        assertThat(Details.shorten(failed(f))).isEqualTo("implementation crashed: signal 11 (SIGSEGV)");
    }

    @Test
    void aPropertysFailureKeepsItsCounterexampleOutcomeNotItsSeed() {
        Failure f = TckMessages.shouldSetLength("[char03 PyObject_AsCharBuffer, profile documented, on PyPy 7.3.11]",
                "PyObject_AsCharBuffer(memoryview(bytes(2)).cast('b', [1, 2])[:], &buf, &len) -> 0", 2, 1).failure()
                .withProperty(new PropertyRun("20261127", 38, 38, 10, "[memoryview(bytes(2)).cast('b', [1, 2])[:]]", ""));
        assertThat(Details.shorten(failed(f))).isEqualTo("expected 2, was 1");
    }

    @Test
    void aRefusedStepSaysWhatCouldNotBeDone() {
        Failure f = TckMessages.couldNotObserve("[char04, profile documented, on PyPy 7.3.11]", "store byte 0 through",
                "memoryview(bytearray(1)).cast('b', [1, 1])[::-1]", "IndexError: index out of range", null).failure();
        assertThat(Details.shorten(failed(f))).isEqualTo("could not store byte 0 through it: IndexError: index out of range");
    }

    @Test
    void aStatefulRunSaysHowTheImplementationLeftTheModel() {
        Failure f = TckMessages.shouldFollowTheModel("[char33 PyObject_AsCharBuffer, profile documented, on PyPy 7.3.11]",
                "Python sees the model's bytes", "#1 memoryview(bytes(2)) should hold 00 ff but holds 00 00",
                "objects:\n  #0 = bytes(2)").failure();
        assertThat(Details.shorten(failed(f))).isEqualTo("#1 memoryview(bytes(2)) should hold 00 ff but holds 00 00");
    }

    @Test
    void aResultWithoutFieldsShowsTheFirstLineOfItsDetail() {
        AssertionResult notApplicable = new AssertionResult("char02", Function.AS_CHAR_BUFFER, Outcome.NOT_APPLICABLE,
                "not applicable: X lacks MEMORY_READ\nmore", List.of(), null);
        assertThat(Details.shorten(notApplicable)).isEqualTo("not applicable: X lacks MEMORY_READ");
    }

    private static AssertionResult failed(Failure f) {
        return new AssertionResult("char01", Function.AS_CHAR_BUFFER, Outcome.FAILED, "the message", List.of(), f);
    }
}
