package dev.oldbuffer.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.ImplementationUnavailableException;
import dev.oldbuffer.spi.Implementations;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.spi.RuntimeProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceProviderTest {

    private final RuntimeProvider provider = Implementations.find("reference", getClass().getClassLoader());

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(provider).isInstanceOf(ReferenceProvider.class);
        assertThat(provider.options()).containsOnlyKeys("model");
        assertThat(provider.description()).isNotBlank();
    }

    @Test
    void modelsTheRunsProfile() {
        try (OldBufferRuntime runtime = Implementations.open(provider, Map.of(), Profile.DOCUMENTED)) {
            assertThat(runtime.info().name()).isEqualTo("reference");
            assertThat(runtime.info().version()).isEqualTo("0.1.0");
            assertThat(runtime.info().details()).containsEntry("flavour", "documented");
            assertThat(runtime.features()).containsExactlyInAnyOrder(Feature.values());
        }
        try (OldBufferRuntime runtime = Implementations.open(provider, Map.of(), Profile.CPYTHON)) {
            assertThat(runtime.info().details()).containsEntry("flavour", "cpython");
        }
    }

    @Test
    void modelsAnotherProfileOnRequest() {
        try (OldBufferRuntime runtime = Implementations.open(provider, Map.of("model", "cpython"), Profile.DOCUMENTED)) {
            assertThat(runtime.info().details()).containsEntry("flavour", "cpython");
        }
    }

    @Test
    void anUnknownModelNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> Implementations.open(provider, Map.of("model", "pypy"), Profile.DOCUMENTED))
                .isInstanceOf(ImplementationUnavailableException.class)
                .hasMessageContaining("'pypy'").hasMessageContaining("documented, cpython");
    }

    @Test
    void anUnknownOptionIsRefusedBeforeOpening() {
        assertThatThrownBy(() -> Implementations.open(provider, Map.of("profile", "cpython"), Profile.DOCUMENTED))
                .isInstanceOf(ImplementationUnavailableException.class)
                .hasMessageContaining("no option profile").hasMessageContaining("its options: model");
    }
}
