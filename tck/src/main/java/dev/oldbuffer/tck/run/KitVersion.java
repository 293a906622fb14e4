package dev.oldbuffer.tck.run;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The kit's version, from the jar manifest (Implementation-Version), or "development" when run from classes. */
@API(status = STABLE, since = "0.1")
public final class KitVersion {
    private KitVersion() {
    }

    public static String get() {
        String v = KitVersion.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
