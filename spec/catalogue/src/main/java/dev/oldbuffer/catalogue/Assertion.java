package dev.oldbuffer.catalogue;

import dev.oldbuffer.spi.Profile;
import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.spi.Function;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One testable (or explicitly untestable) statement of the page.
 *
 * @param id          stable id, e.g. {@code char03}; used in test names and reports
 * @param function    the function it is about
 * @param topic       what it is about: success, failure, error-indicator, contiguity, writability, lifetime,
 *                    null-arguments, ...
 * @param source      where on the page it comes from
 * @param requirement the requirement, in the project's words
 * @param profiles    the profiles it belongs to
 * @param expected    per profile, the outcome a conforming implementation shows, where profiles differ
 *                    (e.g. {@code documented: {error: TypeError}, cpython: {error: BufferError}}); may be empty
 * @param testable    false for a statement no black-box test can decide; it needs no test
 * @param note        why an entry is cpython-only, untestable, or otherwise surprising, or where it comes from;
 *                    its own or, failing that, its topic's note from the catalogue's {@code topics}; may be empty
 */
@API(status = STABLE, since = "0.1")
public record Assertion(String id, Function function, String topic, SourceRef source, String requirement,
                        Set<Profile> profiles, Map<Profile, Expected> expected, boolean testable, String note) {

    public boolean appliesTo(Profile profile) {
        return profiles.contains(profile);
    }

    /** The expected outcome for a profile, when the entry names one. */
    public Optional<Expected> expectedFor(Profile profile) {
        return Optional.ofNullable(expected.get(profile));
    }
}
