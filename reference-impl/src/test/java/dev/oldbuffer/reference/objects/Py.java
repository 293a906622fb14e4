package dev.oldbuffer.reference.objects;

import dev.oldbuffer.reference.memory.AddressSpace;
import java.nio.charset.StandardCharsets;

/** Builds model objects for tests, reading like the Python it stands for. */
final class Py {

    final AddressSpace memory = new AddressSpace();

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    PyBytes bytes(String s) {
        return new PyBytes(memory, ascii(s));
    }

    PyByteArray bytearray(String s) {
        return new PyByteArray(memory, ascii(s));
    }

    PyMemoryView memoryview(PyObject base) throws PyException {
        return PyMemoryView.fromObject(memory, base);
    }

    /** {@code memoryview(bytes(s))}. */
    PyMemoryView mv(String s) throws PyException {
        return memoryview(bytes(s));
    }
}
