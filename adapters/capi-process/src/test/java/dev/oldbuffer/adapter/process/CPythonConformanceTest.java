package dev.oldbuffer.adapter.process;

/** The regression suite's CPython builds: the machine's, the debug build, 3.12 to 3.14 and their abi3 runs, and Pyodide's. */
class CPythonConformanceTest extends RuntimeConformanceTest {

    @Override
    boolean covers(Target target) {
        return target.runtime().isCPython();
    }
}
