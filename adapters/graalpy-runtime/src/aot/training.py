# The build runs this once in GraalPy's JVM to record its ahead-of-time cache (target/graalpy/graalpy.aot): the Java
# classes GraalPy loads to start, to load a C extension (its C API emulation) and to export and view buffers, as the
# kit's driver does. A driver started with the cache starts in about half the time, and GraalPy restarts after each of
# its crashes in a conformance run.
import array, ctypes, gc, mmap, struct, weakref
import _testbuffer   # a C extension that GraalPy ships: loading it starts the C API

exporter = _testbuffer.ndarray(list(range(12)), shape=[3, 4], format="B", flags=_testbuffer.ND_WRITABLE)
view = memoryview(exporter)
bytes(view[1:])
view.cast("B").release()
with mmap.mmap(-1, 16) as mapped:
    memoryview(mapped)[:4].tobytes()
memoryview((ctypes.c_uint32 * 4)(1, 2, 3, 4)).tobytes()
bytearray(b"xyz").extend(array.array("b", [1, 2]))
struct.pack_into("<I", bytearray(4), 0, 7)
class Held:
    pass
weakref.ref(Held())
gc.collect()
