package dev.oldbuffer.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Path;
import org.apiguardian.api.API;

/** Makes one run's HTML report from its Allure results: {@link AllureCommandline} in the kit. */
@API(status = EXPERIMENTAL, since = "0.2")
@FunctionalInterface
public interface ReportGenerator {
    /** Writes {@code out/index.html} for the results in {@code results}, titled {@code name}. */
    Path generate(Path results, Path out, String name) throws IOException;
}
