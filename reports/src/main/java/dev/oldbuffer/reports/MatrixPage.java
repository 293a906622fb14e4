package dev.oldbuffer.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Renders a {@link Matrix} as one self-contained HTML page (inline CSS, no scripts, no external assets), from
 * the FreeMarker template {@code matrix.ftlh}, which escapes every value for HTML.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MatrixPage {

    private static final Configuration FREEMARKER = configuration();

    private MatrixPage() {
    }

    /** The page as text. */
    public static String render(Matrix matrix) {
        try {
            Template template = FREEMARKER.getTemplate("matrix.ftlh");
            StringWriter out = new StringWriter();
            template.process(Map.of("matrix", matrix), out);
            return out.toString();
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("the matrix template failed: " + e.getMessage(), e);
        }
    }

    /** Writes the page to {@code file}. */
    public static Path write(Matrix matrix, Path file) throws IOException {
        return Files.writeString(file, render(matrix), StandardCharsets.UTF_8);
    }

    private static Configuration configuration() {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        c.setClassForTemplateLoading(MatrixPage.class, "");
        c.setDefaultEncoding("UTF-8");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setFallbackOnNullLoopVariable(false);
        return c;
    }
}
