package dev.oldbuffer.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.tck.assertions.TckMessages;
import org.junit.jupiter.api.Test;

class DetailsTest {

    @Test
    void keepsWhatWasExpectedAndObservedWithoutTheHeaderAndTheCall() {
        String detail = "[char18 PyObject_AsCharBuffer, profile cpython, on reference 0.1.0]\n"
                + "Expecting call:\n  PyObject_AsCharBuffer(NULL, &buf, &len) -> -1\n"
                + "to set the error indicator to:\n  SystemError\nbut was:\n  TypeError: bad";
        assertThat(Details.shorten(detail)).isEqualTo("expected SystemError, was TypeError: bad");
    }

    @Test
    void cutsLongTextWithAnEllipsis() {
        String shortened = Details.shorten("x".repeat(500));
        assertThat(shortened).hasSize(Details.MAX).endsWith("…");
    }

    @Test
    void leavesOtherMessagesOnOneLine() {
        assertThat(Details.shorten("implementation crashed:\n  signal 11")).isEqualTo("implementation crashed: signal 11");
        assertThat(Details.shorten("")).isEmpty();
    }

    @Test
    void aPropertysFailureKeepsItsCounterexampleOutcomeNotItsSeed() {
        String detail = TckMessages.shouldSetLength("[char03 PyObject_AsCharBuffer, profile documented, on PyPy 7.3.11]",
                "PyObject_AsCharBuffer(memoryview(bytes(2)).cast('b', [1, 2])[:], &buf, &len) -> 0", 2, 1)
                + "\nFalsified after 38 tries (38 checks), seed 20261127 (rerun with -Doldbuffer.seed=20261127)"
                + "\nShrunk sample (10 shrinking steps): [memoryview(bytes(2)).cast('b', [1, 2])[:]]";
        assertThat(Details.shorten(detail)).isEqualTo("expected 2, was 1");
    }

    @Test
    void aRefusedStepSaysWhatCouldNotBeDone() {
        String detail = TckMessages.couldNotObserve("[char04, profile documented, on PyPy 7.3.11]", "store byte 0 through",
                "memoryview(bytearray(1)).cast('b', [1, 1])[::-1]", "IndexError: index out of range");
        assertThat(Details.shorten(detail)).isEqualTo("could not store byte 0 through it: IndexError: index out of range");
    }

    @Test
    void aStatefulRunKeepsWhatWentWrongNotTheActions() {
        String detail = "Invariant 'Python sees the model's bytes' failed after the following actions: [\n"
                + "    create #0 = bytes(2)\n    #1 = memoryview(#0)\n]\nfinal state: objects:\n  #0 = bytes(2)\n"
                + "[char33 PyObject_AsCharBuffer, profile documented, on PyPy 7.3.11]\n"
                + "#1 memoryview(bytes(2)) should hold 00 ff but holds 00 00\nobjects:\n  #0 = bytes(2)";
        assertThat(Details.shorten(detail)).startsWith("#1 memoryview(bytes(2)) should hold 00 ff but holds 00 00");
    }
}
