package dev.oldbuffer.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Bad input to a report (a folder that holds no results, an output folder that cannot be used): one line, with the fix. */
@API(status = EXPERIMENTAL, since = "0.1")
public class ReportException extends RuntimeException {
    public ReportException(String message) {
        super(message);
    }
}
