package dev.oldbuffer.adapter.process;

/** The regression suite's other implementations of the C API: PyPy and GraalPy (the slowest, in a JVM of its own). */
class OtherRuntimesConformanceTest extends RuntimeConformanceTest {

    @Override
    boolean covers(Target target) {
        return !target.runtime().isCPython();
    }
}
