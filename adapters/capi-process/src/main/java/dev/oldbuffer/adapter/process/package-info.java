/**
 * The {@code capi-process} implementation: a real interpreter (CPython, PyPy) in a child process, serving
 * the SPI through a Python driver and a C extension that calls the old buffer API functions as C code does.
 * A crash or hang of the interpreter is isolated in that process and reported as a
 * {@link dev.oldbuffer.spi.RuntimeFailure}.
 */
package dev.oldbuffer.adapter.process;
