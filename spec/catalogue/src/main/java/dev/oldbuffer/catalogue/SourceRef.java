package dev.oldbuffer.catalogue;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Where on the page an assertion comes from: a section (the preamble or one function's entry) and the
 * 1-based number of the sentence in it. {@code sentence} 0 means the section as a whole (used by
 * {@code cpython} assertions where the page is silent).
 */
@API(status = STABLE, since = "0.1")
public record SourceRef(String section, int sentence) {

    /** The published page the catalogue cites. */
    public static final String PAGE = "https://docs.python.org/3.12/c-api/objbuffer.html";

    /** A link to the section on the published page. */
    public String url() {
        return "preamble".equals(section) ? PAGE : PAGE + "#c." + section;
    }

    @Override
    public String toString() {
        return section + (sentence == 0 ? "" : ", sentence " + sentence);
    }
}
