package dev.oldbuffer.reports;

import static org.assertj.core.api.Assertions.assertThat;

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
}
