package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * What an exporter saw: successful acquires ({@code bf_getbuffer} that filled a view), releases, and the
 * flags of the last request, refused or not (-1 when none was made).
 */
@API(status = STABLE, since = "0.1")
public record ExportCounts(int acquires, int releases, int lastFlags) {
    /** Views acquired and not yet released. */
    public int outstanding() {
        return acquires - releases;
    }
}
