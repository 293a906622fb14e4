package dev.oldbuffer.adapter.process;

/** The regression suite's other implementations of the C API: PyPy, Pyodide and GraalPy. */
class OtherRuntimesConformanceTest extends RuntimeConformanceTest {

    @Override
    boolean covers(Target target) {
        return !target.runtime().isCPython();
    }
}
