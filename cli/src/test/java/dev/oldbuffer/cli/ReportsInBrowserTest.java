package dev.oldbuffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the reports the way a person does, from the file system in Chromium, and checks what is on screen:
 * Allure's single-file report of a run with deviations, and the matrix of two runs. The reference model of the
 * documented behaviour is run against the cpython profile, so that cpython-only assertions such as char18 fail.
 * Saves the screenshot of Allure's report shown in docs/REPORTS.md.
 */
class ReportsInBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path dir;

    static Path report;
    static RunResult cpython;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void runTheKitAndOpenChromium() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("the browser test needs Debian's chromium at %s: run ./prepare-and-test, or apt-get install -y chromium", CHROMIUM)
                .isTrue();
        Path results = dir.resolve("results");
        assertThat(Cli.run("run", "--profile", "documented", "--out", results.toString()).exit()).isEqualTo(Main.OK);
        assertThat(Cli.run("run", "--profile", "cpython", "-o", "model=documented", "--out", results.toString()).exit())
                .isEqualTo(Main.FAILURES);
        cpython = RunResult.read(results.resolve("reference-cpython"));
        report = dir.resolve("report");
        Cli cli = Cli.run("report", results.resolve("reference-documented").toString(),
                results.resolve("reference-cpython").toString(), "--out", report.toString());
        assertThat(cli.exit()).as(cli.err()).isEqualTo(Main.OK);

        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void closeChromium() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    private static Page open(Path file) {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 1000));
        page.navigate(file.toUri().toString());
        return page;
    }

    @Test
    void alluresReportShowsTheTestCountAndTheSpecDeviations() throws IOException {
        int[] testsAndFailures = junitTotals(dir.resolve("results/reference-cpython/junit"));
        Page page = open(report.resolve("reference-cpython/index.html"));
        Locator total = page.locator(".summary-widget__stats .splash__title");
        total.waitFor();
        assertThat(total.textContent().strip()).isEqualTo(String.valueOf(testsAndFailures[0]));
        assertThat(page.locator("body").innerText())
                .containsIgnoringCase("Old buffer API conformance: " + cpython.runtime() + " / cpython")
                .contains("Spec deviation")
                .contains("model=documented");
        page.waitForTimeout(1500); // the overview's charts animate in; let them settle for the screenshot
        page.screenshot(new Page.ScreenshotOptions().setPath(docs("report.png")));

        page.locator("a[href='#categories']").first().click();
        Locator deviations = page.locator(".node__title", new Page.LocatorOptions().setHasText("Spec deviation"));
        deviations.waitFor();
        assertThat(deviations.locator(".node__stats").innerText().strip()).isEqualTo(String.valueOf(testsAndFailures[1]));
        deviations.click();
        Locator char18 = page.locator(".node__name", new Page.LocatorOptions().setHasText("char18"));
        char18.first().waitFor();
        assertThat(char18.first().innerText()).contains("SystemError");
        page.close();
    }

    @Test
    void theMatrixShowsTotalsAndTheFailingCell() {
        Page page = open(report.resolve("index.html"));
        Locator columns = page.locator("thead th.column");
        columns.first().waitFor();
        assertThat(columns.allInnerTexts()).hasSize(2)
                .satisfiesExactly(
                        first -> assertThat(first).startsWith(cpython.runtime() + " / documented"),
                        second -> assertThat(second).startsWith(cpython.runtime() + " / cpython").contains("options model=documented"));

        Locator totals = page.locator("tr.totals td");
        assertThat(totals.nth(1).innerText())
                .containsPattern("(?m)^" + cpython.assertions().size() + " assertions$")
                .containsPattern("(?m)^" + cpython.totals().get(Outcome.PASSED) + " passed$")
                .containsPattern("(?m)^" + cpython.totals().get(Outcome.FAILED) + " failed$");
        assertThat(totals.nth(0).innerText()).containsPattern("(?m)^0 failed$");

        Locator char18 = page.locator("tr#char18 td.cell");
        assertThat(char18.nth(0).innerText()).isEqualTo("—");
        assertThat(char18.nth(1).getAttribute("class")).contains("failed");
        assertThat(char18.nth(1).innerText()).startsWith("failed").contains("expected SystemError");
        assertThat(char18.nth(1).getAttribute("title")).contains("PyObject_AsCharBuffer(NULL");
        assertThat(page.locator("tr.group th").allInnerTexts()).containsExactly(
                "PyObject_AsCharBuffer", "PyObject_AsReadBuffer", "PyObject_CheckReadBuffer", "PyObject_AsWriteBuffer");

        page.setViewportSize(1400, 1500); // tall enough to show the first failing cells under the totals
        // docs/matrix.png shows real runtimes (docs/REPORTS.md says how it is made): this one stays with the test
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("matrix.png")));
        page.close();
    }

    /** Tests and failures over the run's JUnit XML files: what Allure counts as test cases. */
    private static int[] junitTotals(Path junit) throws IOException {
        Pattern suite = Pattern.compile("<testsuite [^>]*?tests=\"(\\d+)\"[^>]*?failures=\"(\\d+)\"");
        int[] totals = new int[2];
        try (Stream<Path> files = Files.list(junit)) {
            for (Path f : files.toList()) {
                Matcher m = suite.matcher(Files.readString(f));
                if (m.find()) {
                    totals[0] += Integer.parseInt(m.group(1));
                    totals[1] += Integer.parseInt(m.group(2));
                }
            }
        }
        return totals;
    }

    /** Where the screenshots go: the folder the build names (docs/, to refresh docs/REPORTS.md), else the test's own. */
    private static Path docs(String name) {
        String configured = System.getProperty("oldbuffer.docs.dir", "");
        return (configured.isBlank() ? dir : Path.of(configured)).resolve(name);
    }
}
