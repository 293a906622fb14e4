package dev.oldbuffer.tck.run;

import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.tck.Gate;
import dev.oldbuffer.tck.SpecAssertion;
import java.util.Optional;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Leaves out the tests whose assertions all belong to other profiles, so that a run's counts hold only its
 * profile's assertions (Surefire users get them as skipped with a reason instead, from the extension).
 */
final class ProfileFilter implements PostDiscoveryFilter {

    private final Profile profile;

    ProfileFilter(Profile profile) {
        this.profile = profile;
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Optional<SpecAssertion> ids = SpecMethods.specAssertion(descriptor.getSource());
        if (ids.isEmpty()) {
            return FilterResult.included("not a specification method");
        }
        return Gate.outsideProfile(ids.get(), profile).map(FilterResult::excluded)
                .orElseGet(() -> FilterResult.included("in profile " + profile));
    }
}
