package dev.oldbuffer.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A baseline line changes only when the behaviour does: what varies from run to run is masked. */
class BaselineObservedTest {

    private static Failure violation(String check, String expected, String observed) {
        return new Failure(Failure.Kind.VIOLATION, check, expected, observed, "", "", null);
    }

    @Test
    void addressesAndProcessIdsAreMasked() {
        assertThat(Baseline.observed(violation("set buffer to", "0x7f00aa", "0x7f00bb in pid 4242")))
                .isEqualTo("0x? in pid ?");
    }

    @Test
    void theBytesAtAWrongAddressAreNotRecordedOnlyThatTheyDiffer() {
        Failure once = violation(Failure.MEMORY_CHECK, "61 62 63", "6d da 4b");
        Failure again = violation(Failure.MEMORY_CHECK, "61 62", "00 01");

        assertThat(Baseline.observed(once)).isEqualTo("other bytes than expected").isEqualTo(Baseline.observed(again));
    }
}
