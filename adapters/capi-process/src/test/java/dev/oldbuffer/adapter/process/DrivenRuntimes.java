package dev.oldbuffer.adapter.process;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The runtimes the adapter's own tests run on: every {@link TestRuntime} but GraalPy (the conformance runs only: it
 * crashes its JVM on most objects) and Pyodide (the ctypes path only, which {@link CtypesFallbackTest} and
 * {@link PyodideTest} cover).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@EnumSource(value = TestRuntime.class, mode = EnumSource.Mode.EXCLUDE, names = {"GRAALPY", "PYODIDE"})
@interface DrivenRuntimes {
}
