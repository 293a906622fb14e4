"""Serves the old buffer TCK's SPI operations over stdin/stdout (Python 3.9+, CPython or PyPy).

Started by dev.oldbuffer.adapter.process.ProcessRuntime as
    python -s -c BOOTSTRAP <driver dir> <cache dir> <probe mode> <progress file> <abi> <spin, nanoseconds> [<rings file>]
or, with OLDBUFFER_FORK_SERVER set, as a fork server whose children are the restarts (serve_forks; PyPy only).
Where the C probe waits on a CPU and a rings file is given, the frames after the greeting travel through it instead
(probe.c's ring_open; the greeting's 'transport' says so), and the pipes only wake a side that sleeps. There the probe
answers the commonest requests of a try itself, in C (probe.c's ring_serve; the greeting's 'answers'), and hands the
rest to the handlers here.

Framing, big-endian: a request is u32 length, u32 number, (u8 op, payload); a response is u32 length,
u32 number, (u8 status, payload), where length counts the bytes after the number and a response echoes
its request's number (the greeting is number 0). Every request gets exactly one response. Strings are
u32 length + UTF-8. Objects live in a handle table (u32, 0 = NULL).
The C probe (_oldbuffer_probe, probe.c) is compiled once per interpreter into the cache directory;
without a compiler or headers a CPython falls back to ctypes.pythonapi with fewer features.
Every code (operations, statuses, functions, fixture tags, feature names, struct layouts) comes from
oldbuffer_wire, which the adapter generates from its Wire class next to this file.
"""
import builtins
import faulthandler
import functools
import gc
import importlib.machinery
import importlib.util
import mmap
import os
import struct
import warnings
import sys
import time
import weakref

from oldbuffer_wire import *   # the protocol's codes, generated from Wire.java

U8 = struct.Struct('>B')
U32 = struct.Struct('>I')
HEADER = struct.Struct('>II')            # length (of what follows the number), number
RESPONSE_HEADER = struct.Struct('>IIB')  # length, number, status
I32 = struct.Struct('>i')
I64 = struct.Struct('>q')
F64 = struct.Struct('>d')
CALL_ARGS = struct.Struct(CALL_ARGS_FORMAT)   # function, mode, handle, buffer initial, length initial
RESULT = struct.Struct(RESULT_FORMAT)         # rc, buffer, length, error follows
COUNTS = struct.Struct(COUNTS_FORMAT)         # acquires, releases, last flags
ACQUIRED = struct.Struct(ACQUIRED_FORMAT)     # rc, buf, len, readonly, itemsize, ndim, C, one segment, view, error follows

FEATURES_C = ['NULL_ARGUMENTS', 'CONFIGURABLE_EXPORTER', 'MEMORY_READ', 'MEMORY_WRITE', 'PRESET_ERROR',
              'EXPORT_PROBES', 'SUBCLASSES', 'MMAP', 'C_MEMORY', 'REFCOUNTS', 'NEW_BUFFER_API']
FEATURES_CTYPES = ['NULL_ARGUMENTS', 'MEMORY_READ', 'MEMORY_WRITE', 'EXPORT_PROBES', 'SUBCLASSES', 'MMAP', 'C_MEMORY',
                   'REFCOUNTS', 'NEW_BUFFER_API']


class BytesSubclass(bytes):
    """A Python subclass without overrides: it inherits bytes' buffer slots."""


class ByteArraySubclass(bytearray):
    """A Python subclass without overrides: it inherits bytearray's buffer slots."""


class ReleaseFailed(RuntimeError):
    """What a RELEASE_RAISES exporter raises: unraisable by design, so the driver keeps it off stderr."""


def quiet_unraisable(default_hook):
    def hook(unraisable):
        if not isinstance(unraisable.exc_value, ReleaseFailed):
            default_hook(unraisable)
    return hook


class Pep688Exporter(object):
    """A class that exports through PEP 688's __buffer__/__release_buffer__ (honoured by CPython 3.12+).

    mode is one of PEP688_MODES. It counts as the C probe's exporter does: an acquire is a memoryview handed out that
    the interpreter used - one it dropped without using (a strided one refusing the request) dies unreleased and is
    uncounted - and a release is a __release_buffer__ call.
    """

    def __init__(self, base, mode):
        self.base = base
        self.mode = mode
        self.acquires = 0
        self.releases = 0
        self.last_flags = -1
        self.released_views = set()

    def __buffer__(self, flags):
        self.last_flags = flags
        if self.mode == 'RAISES':
            raise ValueError('exporter refused')
        if self.mode == 'WRONG_TYPE':
            return bytes(self.base)
        if self.mode == 'ONCE' and self.acquires > self.releases:
            raise BufferError('exporter already exported')
        view = memoryview(bytes(self.base) if self.mode == 'COPY' else self.base)
        self.acquires += 1
        weakref.finalize(view, self._gone, id(view))
        return view

    def _gone(self, view_id):
        if view_id in self.released_views:
            self.released_views.discard(view_id)
        else:
            self.acquires -= 1    # dropped by the interpreter without __release_buffer__: it was never used

    def __release_buffer__(self, view):
        self.releases += 1
        self.released_views.add(id(view))
        if self.mode == 'RELEASE_RAISES':
            raise ReleaseFailed('__release_buffer__ failed')
        if self.mode == 'RELEASE_CLEARS':
            view.release()
            self.base.clear()

    def contents(self):
        if self.mode in ('RAISES', 'WRONG_TYPE'):
            memoryview(self)   # raises what the exporter raises
        with memoryview(self.base) as m:
            return m.tobytes()


class ByteArrayExportingItsTail(bytearray):
    """A bytearray subclass that overrides __buffer__ (PEP 688, 3.12+): it exports its bytes from the second on and
    releases that view in __release_buffer__. Counted as Pep688Exporter is; the kit reads and stores what it exports."""

    def __init__(self, data):
        bytearray.__init__(self, data)
        self.acquires = 0
        self.releases = 0
        self.last_flags = -1

    def __buffer__(self, flags):
        self.last_flags = flags
        with bytearray.__buffer__(self, flags) as whole:
            tail = whole[1:]
        self.acquires += 1
        return tail

    def __release_buffer__(self, view):
        self.releases += 1
        view.release()

    def contents(self):
        return bytes(bytearray.__getitem__(self, slice(1, None)))

    def store(self, index, value):
        if not 0 <= index < len(self) - 1:
            raise IndexError('bytearray index out of range')
        bytearray.__setitem__(self, index + 1, value)


def pep688_honoured():
    """True when the interpreter exports through __buffer__ (PEP 688): the language from 3.12 on.

    PyPy's memoryview has long honoured an app-level __buffer__ of its own, but not its C API (cpyext), and a 3.9-level
    runtime owes PEP 688 nothing: such objects are not applicable there.
    """
    if sys.version_info < (3, 12):
        return False
    try:
        with memoryview(Pep688Exporter(bytearray(b'x'), 'WELL_BEHAVED')) as m:
            return m.tobytes() == b'x'
    except TypeError:
        return False


def ctypes_types(ctypes):
    """CTYPES_TYPES by name: each makes the type for a number of bytes."""
    class Pair(ctypes.Structure):
        _fields_ = [('a', ctypes.c_uint32), ('b', ctypes.c_uint16)]
    return {
        'UINT8_ARRAY': lambda n: ctypes.c_uint8 * n,
        'INT16_ARRAY': lambda n: ctypes.c_int16 * (n // 2),
        'STRUCTURE': lambda n: Pair,
        'INT32': lambda n: ctypes.c_int32,
        'DOUBLE': lambda n: ctypes.c_double,
    }


_array_subclass = []


def array_subclass(array_module):
    """ArraySubclass, made once the array module is known to be there."""
    if not _array_subclass:
        _array_subclass.append(type('ArraySubclass', (array_module.array,), {}))
    return _array_subclass[0]


class Refusal(Exception):
    """An answer other than OK: status plus a one-line message."""

    def __init__(self, status, message):
        Exception.__init__(self, message)
        self.status = status


class MissingTool(Refusal):
    """No compiler or no headers: a CPython can still fall back to ctypes."""

    def __init__(self, message):
        Refusal.__init__(self, UNAVAILABLE, message)


def collect_garbage():
    """On CPython, frees the unreachable cycles before a reference count is read: a reference such garbage holds is one
    nobody keeps, and the cycle collector, which runs when allocations say so, would otherwise drop it between two readings
    (a count one lower after a call that kept nothing). Cheap: the driver's own objects are frozen at start-up. Other
    implementations keep their own collectors' timing, which their baselines record."""
    if sys.implementation.name == 'cpython':
        gc.collect()


def unnamed_file():
    """A file that no directory names, opened for reading and writing. On CPython it lives in memory (memfd_create: made,
    written, mapped and closed in 41 us where a temporary file in a directory took 88), unbuffered (a buffered file took
    32 us of that cycle, the raw one 22); a map of either is a map of a file, which mmap dups, resizes with ftruncate and
    writes through to. Elsewhere a temporary file as before: on PyPy the other way moved which freed memory its
    use-after-free on a released C-memory view finds (read34 and check34 went from a crash to -1, as with the
    shared-memory rings), and its baselines record the crash."""
    memfd_create = getattr(os, 'memfd_create', None)
    if memfd_create is not None and sys.implementation.name == 'cpython':
        try:
            return os.fdopen(memfd_create('oldbuffer-map', getattr(os, 'MFD_CLOEXEC', 0)), 'w+b', buffering=0)
        except OSError:   # a kernel without it, or a sandbox refusing it
            pass
    import tempfile
    return tempfile.TemporaryFile()


def builtin_exception(name):
    """The builtin exception type called name, or a refusal. The name is interned: one made afresh would be looked up in
    a new slot of CPython's type attribute cache now and then, and up to 3.11 each empty slot holds a reference to None,
    so None's count, which the kit reads, would drop by one."""
    etype = getattr(builtins, sys.intern(name), None)
    if not (isinstance(etype, type) and issubclass(etype, BaseException)):
        raise Refusal(ILLEGAL_ARGUMENT, 'no builtin exception type named %r' % name)
    return etype


def python_error(e):
    return Refusal(ILLEGAL_ARGUMENT, '%s: %s' % (type(e).__name__, e))


# ---- building and loading the probe ------------------------------------------------------------

def implementation():
    """platform.python_implementation(), imported only where a message or an identity needs it: the module costs a
    start 0.4 s on GraalPy, and a restart greets without it (see Driver.hello)."""
    import platform
    return platform.python_implementation()


def install_hint(what):
    if sys.implementation.name == 'pypy':
        return {'headers': 'apt-get install pypy3-dev', 'gcc': 'apt-get install gcc'}[what]
    return {'headers': 'install the interpreter\'s development headers (e.g. apt-get install python3-dev)',
            'gcc': 'apt-get install gcc'}[what]


def include_candidates():
    # OLDBUFFER_PROBE_INCLUDE: headers of a relocated interpreter whose sysconfig points elsewhere
    override = os.environ.get('OLDBUFFER_PROBE_INCLUDE')
    if override:
        return [override]
    import sysconfig   # only to find a probe: a restart told where it is starts without it (30 ms on PyPy)
    return [sysconfig.get_config_var('INCLUDEPY'), sysconfig.get_paths().get('include')]


def find_include_dir():
    for d in include_candidates():
        if d and os.path.isfile(os.path.join(d, 'Python.h')):
            return d
    return None


ABI3_MODULE = '_oldbuffer_abi3'
ABI3_LIMITED_API = '0x03020000'


def interpreter_name():
    """sys.executable, or on a launcher where that is a command line (GraalPy on a JVM) its program and what it is."""
    if os.path.isfile(sys.executable):
        return sys.executable
    if sys.platform == 'emscripten':   # the host's launcher, which the WebAssembly file system does not hold
        import platform
        return '%s (WebAssembly: %s)' % (sys.executable, platform.platform())
    return '%s (a command line, not a file: %s)' % (sys.executable.split(' ')[0], implementation())


def build_probe(cache_root, source_path, abi3=False):
    """Path of the compiled probe; compiled into a temporary directory then renamed, so a cache entry
    is complete or absent. Raises Refusal(UNAVAILABLE) naming what is missing. With abi3, the module of
    the calls alone against the limited API of 3.2, named as an abi3 wheel names it (.abi3.so)."""
    import hashlib, shutil, subprocess, sysconfig, tempfile   # not on a restart told where the probe is
    if sys.platform == 'emscripten':
        raise MissingTool('a C extension for WebAssembly needs the Emscripten toolchain Pyodide was built with')
    ext = '.abi3.so' if abi3 else sysconfig.get_config_var('EXT_SUFFIX') or '.so'
    include = find_include_dir()
    if include is None:
        raise MissingTool('Python.h not found for %s (looked in %s): %s'
                      % (sys.executable, ', '.join(d for d in include_candidates() if d), install_hint('headers')))
    cc = os.environ.get('CC') or shutil.which('gcc') or shutil.which('cc')
    if not cc:
        raise MissingTool('no C compiler (gcc) on PATH to build the probe: ' + install_hint('gcc'))
    header_path = os.path.join(os.path.dirname(source_path), 'oldbuffer_wire.h')
    with open(source_path, 'rb') as f:
        source = f.read()
    with open(header_path, 'rb') as f:
        source += f.read()
    flags = ['-shared', '-fPIC', '-O2', '-Wall', '-Wno-deprecated-declarations'] + (['-DOLDBUFFER_ABI3'] if abi3 else [])
    name = ABI3_MODULE if abi3 else '_oldbuffer_probe'
    # What identifies the build, not sys.executable: on GraalPy's JVM launcher that is a whole java command line, not a
    # file. sys.version carries the build's date (an interpreter rebuilt in place), the cache tag and EXT_SUFFIX its ABI.
    key = hashlib.sha256(repr((sys.implementation.name, sys.implementation.cache_tag, sys.version, sys.prefix, ext, include,
                               os.stat(os.path.join(include, 'Python.h')).st_mtime, cc, flags)).encode()
                         + source).hexdigest()[:20]
    final_dir = os.path.join(cache_root, key)
    target = os.path.join(final_dir, name + ext)
    if os.path.isfile(target):
        return target
    os.makedirs(cache_root, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix='.build-', dir=cache_root)
    try:
        shutil.copyfile(source_path, os.path.join(tmp, 'probe.c'))
        shutil.copyfile(header_path, os.path.join(tmp, 'oldbuffer_wire.h'))
        cmd = [cc] + flags + ['-I', include, os.path.join(tmp, 'probe.c'),
                              '-o', os.path.join(tmp, name + ext)]
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if done.returncode != 0:
            out = done.stdout.decode('utf-8', 'replace').strip().splitlines()
            errors = [line for line in out if 'error' in line] or out
            raise Refusal(UNAVAILABLE, 'building the probe failed (%s): %s'
                          % (' '.join(cmd), ' | '.join(errors[:3])))
        with open(os.path.join(tmp, 'python.txt'), 'w') as f:
            f.write('%s\n%s\n' % (interpreter_name(), sys.version))
        try:
            os.rename(tmp, final_dir)
        except OSError:
            if not os.path.isfile(target):   # someone else finished first: use theirs
                raise
    finally:
        if os.path.isdir(tmp):
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def load_probe(path, name='_oldbuffer_probe'):
    loader = importlib.machinery.ExtensionFileLoader(name, path)
    spec = importlib.util.spec_from_file_location(name, path, loader=loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


class CtypesProbe(object):
    """The probe's call interface through ctypes.pythonapi, for a CPython without compiler or headers.

    ctypes raises any error a call leaves set and drops the return value, so with an error set the
    return code is inferred (-1; CheckReadBuffer never sets one) and the error is held here in Python
    rather than in the interpreter's indicator. Hence no PRESET_ERROR, and a call that would clear the
    indicator (CheckReadBuffer on a failing object) leaves this copy alone."""

    def __init__(self):
        import ctypes
        self.ctypes = ctypes
        api = ctypes.pythonapi
        vp, sp = ctypes.c_void_p, ctypes.POINTER(ctypes.c_ssize_t)
        self.functions = {}
        for code, name, has_slots in FUNCTIONS:
            f = getattr(api, name)
            f.restype = ctypes.c_int
            f.argtypes = [vp, ctypes.POINTER(vp), sp] if has_slots else [vp]
            self.functions[code] = (f, has_slots)
        self.held = None

        class Py_buffer(ctypes.Structure):
            _fields_ = [('buf', vp), ('obj', vp), ('len', ctypes.c_ssize_t), ('itemsize', ctypes.c_ssize_t),
                        ('readonly', ctypes.c_int), ('ndim', ctypes.c_int), ('format', vp), ('shape', vp),
                        ('strides', vp), ('suboffsets', vp), ('internal', vp)]
        self.Py_buffer = Py_buffer
        self.is_contiguous = api.PyBuffer_IsContiguous
        self.is_contiguous.argtypes = [vp, ctypes.c_char]
        # The fixed arguments declared, so that ctypes makes a variadic call: where variadic arguments go elsewhere than
        # fixed ones (WebAssembly, Apple's arm64), a call made as if all were fixed parses garbage.
        self.parse_tuple = api.PyArg_ParseTuple
        self.parse_tuple.argtypes = [ctypes.py_object, ctypes.c_char_p]
        libc = ctypes.CDLL(None, use_errno=True)
        if sys.platform == 'emscripten':
            # WebAssembly: one linear memory and no process_vm_readv. Every address inside it can be read and written (no
            # page is protected); one past its end traps, and that would end the interpreter, so it is refused.
            self.readv = self.writev = None
            self.memory_size = libc.emscripten_get_heap_size
            self.memory_size.restype, self.memory_size.argtypes = ctypes.c_size_t, []
            return
        iov = ctypes.c_void_p * 2
        self.iov = iov
        self.readv, self.writev = libc.process_vm_readv, libc.process_vm_writev
        for f in (self.readv, self.writev):
            f.restype = ctypes.c_ssize_t
            f.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong,
                          ctypes.c_ulong]

    def call(self, fn, obj, mode, buffer_initial, length_initial):
        ctypes = self.ctypes
        buf = ctypes.c_void_p(buffer_initial)
        length = ctypes.c_ssize_t(length_initial)
        address = None if mode & NULL_OBJECT else id(obj)   # id() is the address in CPython
        function, has_slots = self.functions[fn]
        try:
            if not has_slots:
                rc = function(address)
            else:
                rc = function(address, None if mode & NULL_BUFFER else ctypes.byref(buf),
                              None if mode & NULL_LENGTH else ctypes.byref(length))
        except Exception as e:
            rc = -1
            self.held = (type(e).__name__, str(e))
        return rc, self.widened(buf, buffer_initial), self.widened(length, length_initial), self.held

    def widened(self, out, initial):
        """The out-parameter's value; the kit's initial one where it still holds it: on a 32-bit build (wasm32) a pointer
        or a Py_ssize_t keeps only the low half of the kit's 64-bit marker, and untouched must read as untouched."""
        value = out.value or 0
        if value != initial and value == (type(out)(initial).value or 0):
            return initial
        return value

    def acquire(self, code, obj):
        """The C probe's acquire through ctypes.pythonapi; as with call, an error raised means the call failed."""
        ctypes = self.ctypes
        api = ctypes.pythonapi
        view = self.Py_buffer()
        pointer, length = ctypes.c_char_p(), ctypes.c_ssize_t()
        name, flags, fmt = REPLACEMENTS[code]
        get_buffer = flags is not None
        try:
            if get_buffer:
                rc = api.PyObject_GetBuffer(ctypes.py_object(obj), ctypes.byref(view), flags)
            elif fmt == b'y#':
                rc = self.parse_tuple((obj,), fmt, ctypes.byref(pointer), ctypes.byref(length))
            else:
                rc = self.parse_tuple((obj,), fmt, ctypes.byref(view))
            error = None
        except Exception as e:
            rc, error = (-1 if get_buffer else 0), (type(e).__name__, str(e))
        accepted = rc == 0 if get_buffer else rc != 0
        if not accepted or fmt == b'y#':
            address = ctypes.cast(pointer, ctypes.c_void_p).value or 0
            return rc, address, length.value, 1, 1, 1, 1, 1, error, None
        contiguous = self.is_contiguous
        c, a = contiguous(ctypes.byref(view), b'C'), contiguous(ctypes.byref(view), b'A')
        return rc, view.buf or 0, view.len, view.readonly, view.itemsize, view.ndim, c, a, error, view

    def release_view(self, view):
        self.ctypes.pythonapi.PyBuffer_Release(self.ctypes.byref(view))

    def check_buffer(self, o):
        return self.ctypes.pythonapi.PyObject_CheckBuffer(self.ctypes.py_object(o))

    def refcount(self, o):
        """Py_REFCNT(o), less what passing it here holds; only differences count."""
        return sys.getrefcount(o)

    def c_memory(self, data, writable):
        """The C probe's c_memory: a ctypes buffer is the C memory and its keeper."""
        ctypes = self.ctypes
        keeper = ctypes.create_string_buffer(bytes(data), max(len(data), 1))
        make = ctypes.pythonapi.PyMemoryView_FromMemory
        make.restype, make.argtypes = ctypes.py_object, [ctypes.c_void_p, ctypes.c_ssize_t, ctypes.c_int]
        return make(ctypes.addressof(keeper), len(data), PYBUF_WRITE if writable else PYBUF_READ), keeper

    def set_error(self, etype, message):
        raise Refusal(UNSUPPORTED, 'PRESET_ERROR needs the C probe (this runtime uses the ctypes fallback)')

    def fetch_error(self):
        held, self.held = self.held, None
        return held

    def _copy(self, writing, local, remote, n):
        """Copies n bytes between local and remote (to remote when writing); False where remote cannot be accessed."""
        ctypes = self.ctypes
        if self.readv is None:   # WebAssembly: inside the memory or refused
            if remote == 0 or remote + n > self.memory_size():
                return False
        else:
            lv, rv = self.iov(local, n), self.iov(remote, n)
            f = self.writev if writing else self.readv
            done = f(os.getpid(), ctypes.addressof(lv), 1, ctypes.addressof(rv), 1, 0)
            if done >= 0 or ctypes.get_errno() not in (1, 38):   # EPERM, ENOSYS: copy unchecked
                return done == n
        ctypes.memmove(remote if writing else local, local if writing else remote, n)
        return True

    def read(self, address, n):
        out = self.ctypes.create_string_buffer(max(n, 1))
        if n and not self._copy(False, self.ctypes.addressof(out), address, n):
            return None
        return out.raw[:n]

    def write(self, address, data):
        src = self.ctypes.create_string_buffer(bytes(data), max(len(data), 1))
        return not data or self._copy(True, self.ctypes.addressof(src), address, len(data))


class HangingOnEmptyBuffers(object):
    """Test hook (OLDBUFFER_TEST_HANG=empty-getters): the getters never return for an object whose buffer is empty, as a
    runtime under development whose loop forgets the zero-length case; everything else goes to the real calls."""

    def __init__(self, calls):
        self.calls = calls
        self.getters = set(code for code, name, has_slots in FUNCTIONS if has_slots)

    def call(self, fn, obj, mode, buffer_initial, length_initial):
        if fn in self.getters and isinstance(obj, (bytes, bytearray, memoryview)):   # no exporter that counts
            try:
                with memoryview(obj) as m:
                    empty = m.nbytes == 0
            except ValueError:   # released
                empty = False
            if empty:
                while True:
                    time.sleep(3600)
        return self.calls.call(fn, obj, mode, buffer_initial, length_initial)

    def __getattr__(self, name):
        return getattr(self.calls, name)


# ---- the server ---------------------------------------------------------------------------------

def u32_str(s):
    b = s.encode('utf-8', 'surrogatepass')
    return U32.pack(len(b)) + b


def u32_bytes(b):
    return U32.pack(len(b)) + b


class Input(object):
    """Standard input, read whole frames at a time (what the pipe holds, in one go). Before it sleeps in a read, the C probe
    waits on the CPU, up to spin nanoseconds, for input to arrive: a process asleep on a pipe takes tens of microseconds
    to wake on a virtual machine, longer than the kit usually takes to send the next request (the kit waits for answers
    the same way). Nothing here allocates an object the cycle collector counts, however long a wait takes: when the
    collector runs must not depend on timing, as the reference counts read between its runs do."""
    __slots__ = ('read', 'data', 'at', 'await_input', 'spin', 'ahead')

    def __init__(self, fd, probe, spin):
        self.read = functools.partial(os.read, fd)
        # On PyPy no more than the frame needs: what the pipe happens to hold when the driver reads depends on timing, and
        # the chunks' sizes decide which freed memory PyPy's use-after-free on a memoryview slice finds (char02 found
        # other bytes in some runs). Elsewhere all it holds, in one system call.
        self.ahead = 0 if sys.implementation.name == 'pypy' else 1 << 16
        self.data = b''
        self.at = 0
        self.spin = spin
        # Not with ctypes (no C to wait in), and not on GraalPy, whose interpreter runs on a JVM with threads of its own
        # that want the cores: a run there took as long either way alone, and longer beside another run.
        spins = spin > 0 and sys.implementation.name in ('cpython', 'pypy')
        self.await_input = getattr(probe, 'await_input', None) if spins else None

    def take(self, n):
        """The next n bytes; None at the end of input."""
        data, at = self.data, self.at
        if len(data) - at < n:
            if self.await_input is not None:
                self.await_input(self.spin)
            data, at = data[at:], 0
            while len(data) < n:
                chunk = self.read(max(self.ahead, n - len(data)))
                if not chunk:
                    return None
                data += chunk
        self.data, self.at = data, at + n
        return data[at:at + n]


# ring_serve's flags (probe.c's SERVE_IN_C, SERVE_CASTS): answer the commonest requests in C; memoryview.cast is there
RING_SERVE_IN_C, RING_SERVE_CASTS = 1, 2


def ring_serve_flags(driver, probe):
    """What the probe's ring_serve may answer itself: the commonest requests of a try, where the calls are the probe's own
    (not the abi3 module's) and no test asks every request of Python (OLDBUFFER_TEST_SERVE=python)."""
    if driver.calls is not probe or os.environ.get('OLDBUFFER_TEST_SERVE') == 'python':
        return 0
    return RING_SERVE_IN_C | RING_SERVE_CASTS * ('MEMORYVIEW_CAST' in driver.features)


class RingRequests(object):
    """The requests through the shared-memory rings, as the stream Driver.serve reads. The probe's ring_serve hands over
    whole frames, and answers the commonest requests of a try itself, in C, with the driver's own table of objects
    (flags: ring_serve_flags), except while a DESYNC test hook waits for the next request."""
    __slots__ = ('driver', 'ring_serve', 'flags', 'body')

    def __init__(self, driver, ring_serve, flags):
        self.driver, self.ring_serve, self.flags, self.body = driver, ring_serve, flags, None

    def take(self, n):
        body, self.body = self.body, None
        if body is not None:   # the frame's body, after its header
            return body
        d = self.driver
        request = self.ring_serve(d.objects, d.views, d.c_memory_keepers, d.files, self.flags if d.desync is None else 0)
        if request is None:
            return None
        number, self.body = request
        return HEADER.pack(len(self.body), number)


class RingOut(object):
    """The answers' side of the shared-memory rings, as the serve loop writes a stream: each write is whole on arrival.
    It holds the pipe it replaces, whose end (the file closed) would tell the kit that the driver is gone."""
    __slots__ = ('write', 'pipe')

    def __init__(self, ring_write, pipe):
        self.write, self.pipe = ring_write, pipe

    def flush(self):
        pass


class Reader(object):
    """Decodes one request body."""
    __slots__ = ('body', 'pos')

    def __init__(self, body, pos=1):
        self.body = body
        self.pos = pos

    def unpack(self, st):
        values = st.unpack_from(self.body, self.pos)
        self.pos += st.size
        return values

    def u8(self):
        return self.unpack(U8)[0]

    def u32(self):
        return self.unpack(U32)[0]

    def i64(self):
        return self.unpack(I64)[0]

    def raw(self):
        n = self.u32()
        data = self.body[self.pos:self.pos + n]
        self.pos += n
        return bytes(data)

    def text(self):
        return self.raw().decode('utf-8', 'surrogatepass')


class Driver(object):

    def __init__(self, probe, probe_kind, progress, calls=None, spin=0):
        self.probe = probe
        self.input = Input(0, probe, spin)
        self.abi3 = calls is not None
        self.calls = calls or probe   # the old calls and their error indicator: the abi3 module, or the probe itself
        if os.environ.get('OLDBUFFER_TEST_HANG') == 'empty-getters':
            self.calls = HangingOnEmptyBuffers(self.calls)
        self.probe_kind = probe_kind
        self.progress = progress
        self.transport = 'pipe'   # or 'shared memory', when main() opens the kit's rings
        self.answers = 'in Python'   # or in C for the commonest requests (the rings' ring_serve)
        self.objects = {}
        self.error_cache = {}
        self.desync = None
        self.features = list(FEATURES_C if probe_kind == 'c-extension' else FEATURES_CTYPES)
        if hasattr(sys, 'gettotalrefcount'):   # a debug build (Py_REF_DEBUG) counts every reference
            self.features.append('TOTAL_REFCOUNT')
        try:
            import array
            self.array = array
            self.features.append('ARRAY_MODULE')
            try:
                self.array.array('w')
                self.features.append('ARRAY_UCS4')
            except ValueError:   # before 3.13
                pass
        except ImportError:
            self.array = None
        try:
            with memoryview(b'abcd') as m:
                m.cast('B', [2, 2]).release()
            self.features.append('MEMORYVIEW_CAST')
            with memoryview(b'ab') as m:
                m.cast('e').release()
            self.features.append('HALF_FLOAT_CAST')
        except Exception:
            pass
        try:
            import ctypes
            self.ctypes = ctypes
            self.ctypes_types = ctypes_types(ctypes)
            self.features.append('CTYPES')
        except ImportError:   # a CPython built without libffi, say
            self.ctypes, self.ctypes_types = None, {}
        if sys.maxsize > 2 ** 32:
            self.features.append('LARGE_MAPS')
        if all(struct.calcsize(code) == 8 for code in LP64_FORMATS):   # not on wasm32, where they are 4
            self.features.append('LP64_ITEM_SIZES')
        if pep688_honoured():
            self.features.append('PEP688')
            sys.unraisablehook = quiet_unraisable(sys.unraisablehook)
        self.handlers = {
            HELLO: self.hello, CREATE: self.create, CALL: self.call, CALL_BATCH: self.call_batch,
            SET_ERROR: self.set_error, FETCH_ERROR: self.fetch_error, READ: self.read, WRITE: self.write,
            CONTENTS: self.contents, SET_ITEM: self.set_item, TRY_RESIZE: self.try_resize,
            TRY_RELEASE: self.try_release, EXPORT_COUNTS: self.export_counts, RESET: self.reset,
            SLEEP: self.sleep, CRASH: self.crash, DESYNC: self.desync_on_purpose, FILE_CONTENTS: self.file_contents,
            REF_COUNT: self.ref_count, ACQUIRE: self.acquire, RELEASE_VIEW: self.release_view,
            CHECK_BUFFER: self.check_buffer, CONTENTS_BATCH: self.contents_batch, TOTAL_REF_COUNT: self.total_ref_count,
            ACQUIRE_AND_RELEASE: self.acquire_and_release,
        }
        self.views = {}   # the views replacement calls left held, by number; released on reset
        self.next_view = 1
        self.files = {}   # id(mmap) -> (mmap, the file behind it), for the maps of files
        self.c_memory_keepers = []   # what frees the memory under C-memory memoryviews: dropped after the objects
        self.builders = {
            TAGS['BYTES']: lambda r: bytes(r.raw()),
            TAGS['BYTEARRAY']: lambda r: bytearray(r.raw()),
            TAGS['ARRAY']: self.build_array,
            TAGS['MEMORYVIEW']: lambda r: memoryview(self.build(r)),
            TAGS['SLICED']: self.build_slice,
            TAGS['CAST']: self.build_cast,
            TAGS['READONLY']: lambda r: self.build(r).toreadonly(),
            TAGS['RELEASED']: self.build_released,
            TAGS['STR']: lambda r: r.text(),
            TAGS['INT']: lambda r: r.i64(),
            TAGS['NONE']: lambda r: None,
            TAGS['EXPORTER']: self.build_exporter,
            TAGS['EXISTING']: lambda r: self.obj(r.u32()),   # an object created before: the very same object
            TAGS['SUBCLASS']: self.build_subclass,
            TAGS['MMAP']: self.build_mmap,
            TAGS['PYTHON_EXPORTER']: self.build_python_exporter,
            TAGS['CTYPES']: self.build_ctypes,
            TAGS['C_MEMORY']: self.build_c_memory,
            TAGS['BUFFER_OVERRIDE']: self.build_buffer_override,
            TAGS['LARGE_MAP']: self.build_large_map,
        }
        self.check_wire()

    def check_wire(self):
        """Refuses to serve when this driver does not handle every code of the generated table."""
        problems = []
        if set(self.handlers) != set(OPS):
            problems.append('operations %s' % sorted(set(OPS) ^ set(self.handlers)))
        if set(self.builders) != set(TAGS.values()):
            problems.append('fixture tags %s' % sorted(set(TAGS.values()) ^ set(self.builders)))
        if self.ctypes is not None and set(self.ctypes_types) != set(CTYPES_TYPES):
            problems.append('ctypes types %s' % sorted(set(CTYPES_TYPES) ^ set(self.ctypes_types)))
        unknown = [f for f in FEATURES_C + FEATURES_CTYPES + ['ARRAY_MODULE', 'MEMORYVIEW_CAST', 'PEP688', 'CTYPES', 'C_MEMORY', 'ARRAY_UCS4',
                                                         'HALF_FLOAT_CAST', 'LARGE_MAPS', 'LP64_ITEM_SIZES']
                   if f not in FEATURES]
        if unknown:
            problems.append('features %s' % unknown)
        if problems:
            raise Refusal(UNAVAILABLE, 'the driver and the adapter disagree on the protocol: ' + '; '.join(problems))

    # -- identity

    def hello(self, r):
        """The greeting's facts. A restart (the kit says so) tells only how it serves: the kit knows the interpreter from
        its first driver, and the identity costs a restart most of a second on GraalPy (platform: its import, and
        platform.platform() asking 'uname -p' in a child process)."""
        facts = [('features', ','.join(self.features)),
                 ('waits', 'spinning' if self.input.await_input is not None else 'asleep'),
                 ('transport', self.transport), ('answers', self.answers), ('forks', 'yes' if forks() else 'no')]
        # Not on PyPy: its baselines hold what its use-after-free bugs do (read34 and write34 on a released view), and
        # that depends on what the driver allocated before; without the identity, restarts changed it with the path of
        # the kit's cache. A PyPy restart allocates what every PyPy driver did when the baselines were recorded.
        if not os.environ.get('OLDBUFFER_RESTART') or sys.implementation.name == 'pypy':
            facts = self.identity() + facts
        return U32.pack(len(facts)) + b''.join(u32_str(k) + u32_str(v) for k, v in facts)

    def identity(self):
        import platform
        impl = sys.implementation.name
        if impl == 'pypy':
            v = sys.pypy_version_info
            name, version = 'PyPy', '%d.%d.%d (Python %s)' % (v.major, v.minor, v.micro, platform.python_version())
        elif impl == 'graalpy':   # its own version, as PyPy's
            v = sys.implementation.version
            name, version = 'GraalPy', '%d.%d.%d (Python %s)' % (v.major, v.minor, v.micro, platform.python_version())
        elif sys.platform == 'emscripten' and 'pyodide' in sys.modules:   # its own releases, each on one CPython
            name, version = 'Pyodide', '%s (Python %s)' % (sys.modules['pyodide'].__version__, platform.python_version())
        else:
            name = 'CPython' if impl == 'cpython' else impl
            version = platform.python_version()
        return [('name', name), ('version', version), ('interpreter', interpreter_name()), ('probe', self.probe_kind),
                ('probe.path', getattr(self.probe, '__file__', 'ctypes.pythonapi')),
                ('abi3.path', self.calls.__file__ if self.abi3 else ''),
                ('abi', 'abi3 (Py_LIMITED_API=%s): %s' % (ABI3_LIMITED_API, self.calls.__file__) if self.abi3
                 else 'version-specific'),
                ('python.version', sys.version.replace('\n', ' ')), ('platform', platform.platform())]

    # -- objects

    def obj(self, handle):
        try:
            return self.objects[handle]
        except KeyError:
            raise Refusal(ILLEGAL_ARGUMENT, 'no object with handle %d' % handle)

    def build(self, r):
        tag = chr(r.u8())
        builder = self.builders.get(tag)
        if builder is None:
            raise Refusal(INTERNAL, 'unknown fixture tag %r' % tag)
        return builder(r)

    def build_array(self, r):
        typecode = chr(r.u8())
        raw = r.raw()
        if self.array is None:
            raise Refusal(UNSUPPORTED, 'the array module is not available')
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', DeprecationWarning)   # 'u' from 3.13 on: still there, and still passed
            a = self.array.array(typecode)
        a.frombytes(raw)
        return a

    def build_slice(self, r):
        view = self.build(r)
        has_start, start, has_stop, stop, step = r.u8(), r.i64(), r.u8(), r.i64(), r.i64()
        return view[slice(start if has_start else None, stop if has_stop else None, step)]

    def build_cast(self, r):
        view = self.build(r)
        fmt = r.text()
        shape = [r.i64() for _ in range(r.u32())]
        if 'MEMORYVIEW_CAST' not in self.features:
            raise Refusal(UNSUPPORTED, 'memoryview.cast is not available')
        return view.cast(fmt, shape) if shape else view.cast(fmt)

    def build_mmap(self, r):
        """mmap.mmap: anonymous, or of an unnamed file holding the bytes; access WRITE, READ or COPY."""
        access_code, file_backed, closed, length, data = r.u8(), r.u8(), r.u8(), r.u32(), r.raw()
        access = (mmap.ACCESS_WRITE, mmap.ACCESS_READ, mmap.ACCESS_COPY)[access_code]
        if file_backed:
            f = unnamed_file()
            payload = data + bytes(length - len(data))
            written = f.write(payload)
            while written < len(payload):   # an unbuffered file may take fewer bytes in one write
                written += f.write(payload[written:])
            f.flush()
            m = mmap.mmap(f.fileno(), length, access=access)
            self.files[id(m)] = (m, f)
        else:
            m = mmap.mmap(-1, length, access=access)
            if data and access != mmap.ACCESS_READ:
                m[:len(data)] = data
        if closed:
            m.close()
        return m

    def file_contents(self, r):
        o = self.obj(r.u32())
        held = self.files.get(id(o))
        if held is None or held[0] is not o:
            raise Refusal(ILLEGAL_ARGUMENT, '%s is not the mmap of a file' % type(o).__name__)
        try:
            o.flush()
        except Exception as e:
            raise python_error(e)
        f = held[1]
        f.seek(0)
        return u32_bytes(f.read())

    def build_subclass(self, r):
        base = self.build(r)
        if isinstance(base, bytes):
            return BytesSubclass(base)
        if isinstance(base, bytearray):
            return ByteArraySubclass(base)
        if self.array is not None and isinstance(base, self.array.array):
            return array_subclass(self.array)(base.typecode, base)
        raise Refusal(ILLEGAL_ARGUMENT, 'only bytes, bytearray and array.array are subclassed, not %s' % type(base).__name__)

    def build_python_exporter(self, r):
        mode = r.text()
        base = self.build(r)
        if mode not in PEP688_MODES:
            raise Refusal(ILLEGAL_ARGUMENT, 'no PEP 688 exporter mode %r; known: %s' % (mode, ', '.join(PEP688_MODES)))
        if 'PEP688' not in self.features:
            raise Refusal(UNSUPPORTED, 'this interpreter does not export through __buffer__ (PEP 688 is Python 3.12+)')
        return Pep688Exporter(base, mode)

    def build_large_map(self, r):
        length = r.i64()
        if 'LARGE_MAPS' not in self.features:
            raise Refusal(UNSUPPORTED, 'a map of %d bytes needs a 64-bit address space' % length)
        return mmap.mmap(-1, length)   # anonymous: pages are committed only when touched

    def build_buffer_override(self, r):
        data = r.raw()
        if 'PEP688' not in self.features:
            raise Refusal(UNSUPPORTED, 'this interpreter does not export through __buffer__ (PEP 688 is Python 3.12+)')
        return ByteArrayExportingItsTail(data)

    def build_c_memory(self, r):
        writable, data = r.u8(), r.raw()
        view, keeper = self.probe.c_memory(data, writable)
        self.c_memory_keepers.append(keeper)
        return view

    def build_ctypes(self, r):
        name, raw = r.text(), r.raw()
        if self.ctypes is None:
            raise Refusal(UNSUPPORTED, 'the ctypes module is not available')
        make = self.ctypes_types.get(name)
        if make is None:
            raise Refusal(ILLEGAL_ARGUMENT, 'no ctypes type %r; known: %s' % (name, ', '.join(CTYPES_TYPES)))
        return make(len(raw)).from_buffer_copy(raw)

    def is_ctypes(self, o):
        c = self.ctypes
        return c is not None and isinstance(o, (c.Array, c.Structure, c._SimpleCData))

    def build_released(self, r):
        view = self.build(r)
        view.release()
        return view

    def build_exporter(self, r):
        read_only, step, fail_with, data, rule = r.u8(), r.u32(), r.text(), r.raw(), r.u8()
        exporter = getattr(self.probe, 'Exporter', None)
        if exporter is None:
            raise Refusal(UNSUPPORTED, 'the configurable exporter needs the C probe (ctypes fallback in use)')
        etype = builtin_exception(fail_with) if fail_with else None
        if rule >= len(EXPORTER_RULES):
            raise Refusal(ILLEGAL_ARGUMENT, 'no exporter rule break with code %d' % rule)
        return exporter(data, bool(read_only), step, etype, rule)

    def create(self, r):
        handle = r.u32()   # chosen by the kit, which goes on without waiting for this answer
        if handle == 0 or handle in self.objects:
            raise Refusal(INTERNAL, 'object number %d is %s' % (handle, 'NULL' if handle == 0 else 'taken'))
        try:
            o = self.build(r)
        except Refusal:
            raise
        except Exception as e:
            raise python_error(e)
        self.objects[handle] = o
        return U32.pack(handle)

    def contents(self, r):
        o = self.obj(r.u32())
        if self.is_exporter(o):
            return u32_bytes(self.probe.exporter_contents(o))
        try:
            if isinstance(o, (Pep688Exporter, ByteArrayExportingItsTail)):   # without counting an acquire
                return u32_bytes(o.contents())
            if self.is_ctypes(o):   # its memory, whatever the format of its view
                return u32_bytes(self.ctypes.string_at(self.ctypes.addressof(o), self.ctypes.sizeof(o)))
            with memoryview(o) as m:
                return u32_bytes(m.tobytes())
        except Exception as e:
            raise python_error(e)

    def contents_batch(self, r):
        """contents() of each object in turn; the first refusal refuses the whole batch."""
        contents = self.contents
        return b''.join(contents(r) for _ in range(r.u32()))

    def is_exporter(self, o):
        t = getattr(self.probe, 'Exporter', None)
        return t is not None and isinstance(o, t)

    def set_item(self, r):
        o, index, value = self.obj(r.u32()), r.unpack(I32)[0], r.u8()
        try:
            if isinstance(o, Pep688Exporter):
                o = o.base   # through its base, so that storing does not count as an acquire
            if isinstance(o, ByteArrayExportingItsTail):
                o.store(index, value)
            elif self.is_ctypes(o):
                if not 0 <= index < self.ctypes.sizeof(o):
                    raise IndexError('ctypes index out of range')
                self.ctypes.memmove(self.ctypes.addressof(o) + index, bytes([value]), 1)
            elif self.is_exporter(o):
                self.probe.exporter_setitem(o, index, value)
            elif isinstance(o, bytearray):
                o[index] = value
            else:
                # one byte of the object's memory, whatever its item format
                with memoryview(o) as m:
                    if m.ndim == 1 and m.format in ('B', 'b', 'c'):
                        m[index] = {'B': value, 'b': value - 256 if value > 127 else value,
                                    'c': bytes([value])}[m.format]
                    else:
                        with m.cast('B') as flat:
                            flat[index] = value
        except Exception as e:
            raise python_error(e)
        return b''

    def try_resize(self, r):
        o = self.obj(r.u32())
        if isinstance(o, mmap.mmap):
            try:
                size = len(o)
                o.resize(size + 1)
                o.resize(size)
            except BufferError:
                return b'\x00'
            except Exception as e:
                raise python_error(e)
            return b'\x01'
        if not isinstance(o, bytearray) and not (self.array is not None and isinstance(o, self.array.array)):
            raise Refusal(ILLEGAL_ARGUMENT, '%s cannot be resized' % type(o).__name__)
        try:
            if isinstance(o, bytearray):
                o.append(0)
            else:
                o.frombytes(bytes(o.itemsize))   # one more item, whatever the typecode takes ('u' wants a str)
        except BufferError:
            return b'\x00'
        o.pop()
        return b'\x01'

    def try_release(self, r):
        o = self.obj(r.u32())
        if isinstance(o, mmap.mmap):
            try:
                o.close()
            except BufferError:
                return b'\x00'
            return b'\x01'
        if not isinstance(o, memoryview):
            raise Refusal(ILLEGAL_ARGUMENT, '%s is not a memoryview' % type(o).__name__)
        try:
            o.release()
        except BufferError:
            return b'\x00'
        return b'\x01'

    def export_counts(self, r):
        o = self.obj(r.u32())
        if isinstance(o, ByteArrayExportingItsTail):
            return COUNTS.pack(o.acquires, o.releases, o.last_flags)
        if isinstance(o, Pep688Exporter):
            if sys.implementation.name != 'cpython':
                gc.collect()   # without reference counting, views dropped unused are finalized (uncounted) only now
            return COUNTS.pack(o.acquires, o.releases, o.last_flags)
        if not self.is_exporter(o):
            raise Refusal(ILLEGAL_ARGUMENT, '%s is not an exporter' % type(o).__name__)
        return COUNTS.pack(*self.probe.exporter_counts(o))

    def total_ref_count(self, r):
        """sys.gettotalrefcount(), read between requests: what serving one holds is gone by then."""
        if not hasattr(sys, 'gettotalrefcount'):
            raise Refusal(UNSUPPORTED, 'this interpreter does not count every reference (not a debug build)')
        collect_garbage()
        return I64.pack(sys.gettotalrefcount())

    def ref_count(self, r):
        o = self.obj(r.u32())
        refcount = getattr(self.probe, 'refcount', None)
        if refcount is None:
            raise Refusal(UNSUPPORTED, 'this probe does not read reference counts')
        collect_garbage()
        return I64.pack(refcount(o))

    def reset(self, r):
        for view in self.views.values():   # given back before their objects go
            self.probe.release_view(view)
        self.views.clear()
        self.objects.clear()
        del self.c_memory_keepers[:]   # nothing reaches their memoryviews now
        for m, f in self.files.values():
            try:
                m.close()
            except Exception:
                pass    # still exported by an object about to go: the file closes with the map
            f.close()
        self.files.clear()
        self.calls.fetch_error()
        return b''

    # -- calls: the hot path

    def encode_result(self, result):
        rc, buf, length, err = result
        if err is None:
            return RESULT.pack(rc, buf, length, 0)
        tail = self.error_cache.get(err)
        if tail is None:
            tail = self.error_cache[err] = u32_str(err[0]) + u32_str(err[1])
            if len(self.error_cache) > 4096:
                self.error_cache.clear()
        return RESULT.pack(rc, buf, length, 1) + tail

    def call(self, r):
        fn, mode, handle, bi, li = CALL_ARGS.unpack_from(r.body, 1)
        o = self.obj(handle) if handle else None
        result = self.calls.call(fn, o, mode & ~WITH_MEMORY, bi, li)
        answer = self.encode_result(result)
        if not mode & WITH_MEMORY:
            return answer
        rc, buf, length = result[:3]   # the kit reads these bytes next: they come with the answer
        data = self.probe.read(buf & 0xFFFFFFFFFFFFFFFF, length) if rc == 0 and 0 < length <= MEMORY_WITH_CALL and buf else None
        return answer + (b'\x00' if data is None else b'\x01' + u32_bytes(data))

    def call_batch(self, r):
        body = r.body
        (n,) = U32.unpack_from(body, 1)
        objects, call, encode, unpack, progress = self.objects, self.calls.call, self.encode_result, \
            CALL_ARGS.unpack_from, self.progress
        size = CALL_ARGS.size
        out = []
        pos = 5
        for i in range(n):
            fn, mode, handle, bi, li = unpack(body, pos)
            pos += size
            if handle and handle not in objects:
                raise Refusal(ILLEGAL_ARGUMENT, 'no object with handle %d (call %d of the batch)' % (handle, i))
            if progress is not None:
                U32.pack_into(progress, 0, i)    # so a crash can name the call
            out.append(encode(call(fn, objects.get(handle), mode, bi, li)))
        return b''.join(out)

    # -- the new buffer API

    def acquire(self, r):
        code, handle = r.u8(), r.u32()
        if code >= len(REPLACEMENTS):
            raise Refusal(ILLEGAL_ARGUMENT, 'no replacement call with code %d' % code)
        o = self.obj(handle)
        rc, buf, length, readonly, itemsize, ndim, c, a, err, view = self.probe.acquire(code, o)
        number = 0
        if view is not None:
            number = self.next_view
            self.next_view += 1
            self.views[number] = view
        head = ACQUIRED.pack(rc, buf, length, readonly, itemsize, ndim, c, a, number, err is not None)
        return head if err is None else head + u32_str(err[0]) + u32_str(err[1])

    def release_view(self, r):
        number = r.u32()
        view = self.views.pop(number, None)
        if view is None:
            raise Refusal(ILLEGAL_ARGUMENT, 'no view held with number %d (released already?)' % number)
        self.probe.release_view(view)
        return b''

    def acquire_and_release(self, r):
        """acquire, then PyBuffer_Release of the view it left held: the answer names that view, released already."""
        held = self.next_view
        answer = self.acquire(r)
        view = self.views.pop(held, None)
        if view is not None:
            self.probe.release_view(view)
        return answer

    def check_buffer(self, r):
        return I32.pack(self.probe.check_buffer(self.obj(r.u32())))

    # -- error indicator and memory

    def set_error(self, r):
        name, message = r.text(), r.text()
        etype = builtin_exception(name)
        if '\0' in message:
            raise Refusal(ILLEGAL_ARGUMENT, 'the error is set with PyErr_SetString, whose message is a C string: '
                                            'it cannot contain NUL')
        self.calls.set_error(etype, message)
        return b''

    def fetch_error(self, r):
        err = self.calls.fetch_error()
        if err is None:
            return b'\x00'
        return b'\x01' + u32_str(err[0]) + u32_str(err[1])

    def read(self, r):
        address, n = r.i64(), r.u32()
        data = self.probe.read(address & 0xFFFFFFFFFFFFFFFF, n)
        if data is None:
            raise Refusal(MEMORY_ACCESS, 'cannot read %d bytes at 0x%x: not mapped' % (n, address))
        return u32_bytes(data)

    def write(self, r):
        address, data = r.i64(), r.raw()
        if not self.probe.write(address & 0xFFFFFFFFFFFFFFFF, data):
            raise Refusal(MEMORY_ACCESS, 'cannot write %d bytes at 0x%x: not writable' % (len(data), address))
        return b''

    # -- test-only operations: a hang and a crash

    def sleep(self, r):
        time.sleep(F64.unpack_from(r.body, 1)[0])
        return b''

    def crash(self, r):
        import signal
        os.kill(os.getpid(), signal.SIGSEGV)
        time.sleep(10)
        return b''

    def desync_on_purpose(self, r):
        """After answering: SWALLOW_NEXT reads the next request and leaves it unanswered (both sides then wait for
        each other); ANSWER_TWICE sends this answer twice; STOP_READING never reads stdin again (a big request
        then fills the pipe)."""
        self.desync = r.u8()
        return b''

    # -- the loop

    def serve(self, inp, out):
        handlers = self.handlers
        take, write, flush = inp.take, out.write, out.flush
        header, pack = HEADER.unpack, RESPONSE_HEADER.pack
        while True:
            head = take(8)
            if head is None:
                return
            n, number = header(head)
            body = take(n)
            if body is None:   # end of input inside a frame: the JVM side is gone
                return
            if self.desync == SWALLOW_NEXT:
                self.desync = None
                continue
            try:
                if n == 0:
                    raise Refusal(INTERNAL, 'empty request')
                handler = handlers.get(body[0])
                if handler is None:
                    raise Refusal(INTERNAL, 'unknown operation %d' % body[0])
                payload = handler(Reader(body))
                status = OK
            except Refusal as e:
                status, payload = e.status, u32_str(str(e))
            except Exception:
                import traceback
                status, payload = INTERNAL, u32_str(traceback.format_exc())
            # one write per response: nothing can come between its header and its payload
            response = pack(len(payload) + 1, number, status) + payload
            if self.desync == ANSWER_TWICE:   # in one write: the kit finds the second waiting, however fast it reads
                self.desync = None
                response = response + response
            write(response)
            if self.desync is not None:
                self.desync_after(flush)
            flush()
            # Held until the next answer replaces them, an answer would count among the next request's references: b''
            # and one-byte answers are CPython's shared singletons, as are a subject's empty or one-byte bytes.
            payload = response = None

    def desync_after(self, flush):
        mode, self.desync = self.desync, None
        if mode == STOP_READING:
            flush()
            time.sleep(3600)
        else:
            self.desync = mode   # SWALLOW_NEXT: applies to the next request


def load_abi3(cache_root, driver_dir, kind):
    """The abi3 module of the calls; refused where no abi3 binary can load (PyPy) or none can be built (ctypes)."""
    if sys.implementation.name != 'cpython':
        raise Refusal(UNAVAILABLE, 'abi=abi3: %s cannot load abi3 extension modules (its C API has no stable ABI); '
                                   'use abi=version' % implementation())
    if kind != 'c-extension':
        raise Refusal(UNAVAILABLE, 'abi=abi3 needs the C probe, and this runtime uses %s' % kind)
    return load_probe(known_probe('OLDBUFFER_KNOWN_ABI3')
                      or build_probe(cache_root, os.path.join(driver_dir, 'probe.c'), abi3=True), ABI3_MODULE)


def known_probe(variable):
    """The probe an earlier driver of the same runtime loaded, which the kit passes to a restart: finding it again costs
    more than the rest of a PyPy start (hashing its sources, sysconfig, hashlib)."""
    path = os.environ.get(variable)
    return path if path and os.path.isfile(path) else None


def forks():
    """Whether the kit may start this interpreter's restarts as forks of one that has loaded the driver (serve_forks): on
    PyPy, whose start loads cpyext and the probe in about 90 ms of a 180 ms restart, where a fork takes about 12. Where
    the kit reopens the pipes the fork server made, through /proc. Not on CPython, whose restarts take 46 ms and whose
    drivers trade through rings of their own; not where os.fork is missing or forbidden (GraalPy, WebAssembly)."""
    return sys.implementation.name == 'pypy' and hasattr(os, 'fork') and os.path.isdir('/proc/self/fd')


def serve_forks(driver, control):
    """The fork server: forks a driver for every request of the kit, each with pipes of its own, and tells the kit when
    one exits and how (it is their parent). Every child starts from this process's heap, which has loaded the driver and
    the probe and served nothing. Returns only in a child: its pipes for the requests, the answers, and stderr, and its
    progress file.

    Lines on standard input: 'fork <progress file>', then, once the kit has opened the pipes' other ends through
    /proc/<this pid>/fd/<n>, 'opened <pid>'; 'kill <pid>'. Lines on control: 'ready', 'forked <pid> <requests fd>
    <answers fd> <stderr fd>' (this process's ends, held until 'opened'), 'exited <pid> <code>' (128 + the signal for a
    child a signal ended, as Java's Process says). End of input kills the children left, and ends the server."""
    import select
    import signal
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    signal.set_wakeup_fd(wake_w)
    children, held, pending = set(), {}, b''

    def tell(line):
        os.write(control, line.encode() + b'\n')   # one write per line, well under the pipe's atomic size

    def reap():
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            children.discard(pid)
            for fd in held.pop(pid, ()):
                os.close(fd)
            code = 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            tell('exited %d %d' % (pid, code))

    tell('ready')
    while True:
        ready, _, _ = select.select([0, wake_r], [], [])
        if wake_r in ready:
            os.read(wake_r, 4096)
        reap()
        if 0 not in ready:
            continue
        chunk = os.read(0, 4096)
        if not chunk:
            for pid in children:
                os.kill(pid, signal.SIGKILL)
            while children:
                pid, _ = os.waitpid(-1, 0)
                children.discard(pid)
            return None
        pending += chunk
        while b'\n' in pending:
            line, pending = pending.split(b'\n', 1)
            word, _, arg = line.decode().partition(' ')
            if word == 'fork':
                requests, answers, errors = os.pipe(), os.pipe(), os.pipe()
                pid = os.fork()
                if pid == 0:
                    signal.set_wakeup_fd(-1)
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    for fd in [wake_r, wake_w, requests[1], answers[0], errors[0]] + \
                            [fd for fds in held.values() for fd in fds]:   # control: the child closes it as out
                        os.close(fd)
                    return requests[0], answers[1], errors[1], arg
                children.add(pid)
                held[pid] = requests + answers + errors
                tell('forked %d %d %d %d' % (pid, requests[1], answers[0], errors[0]))
            elif word == 'opened':
                for fd in held.pop(int(arg), ()):
                    os.close(fd)
            elif word == 'kill' and int(arg) in children:   # not yet reaped, so the number is still that child's
                os.kill(int(arg), signal.SIGKILL)


def become_forked_child(driver, fds, out):
    """In a child of serve_forks: takes its own pipes as stdin, stdout and stderr, and its own progress file; returns the
    answers' stream."""
    requests, answers, errors, progress_path = fds
    os.dup2(requests, 0)
    os.dup2(errors, 2)   # faulthandler writes to descriptor 2, now this child's
    os.dup2(2, 1)
    os.close(requests)
    os.close(errors)
    out.close()
    if driver.progress is not None:
        driver.progress.close()
    driver.progress = None
    if progress_path and os.path.isfile(progress_path):
        with open(progress_path, 'r+b') as f:
            driver.progress = mmap.mmap(f.fileno(), 8)
    return os.fdopen(answers, 'wb', buffering=1 << 16)


def main(argv):
    driver_dir, cache_root, mode, progress_path, abi, spin = argv[:6]
    rings_path = argv[6] if len(argv) > 6 else ''
    try:   # 3.14+ would add a C stack trace; the Python one names the operation and stays short
        faulthandler.enable(file=sys.stderr, c_stack=False)
    except TypeError:
        faulthandler.enable(file=sys.stderr)
    # The protocol owns the real stdout; anything printed (by Python or C) goes to stderr.
    out = os.fdopen(os.dup(1), 'wb', buffering=1 << 16)
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    progress = None
    if progress_path and os.path.isfile(progress_path):   # a WebAssembly interpreter cannot see it: crashes go unnamed
        with open(progress_path, 'r+b') as f:
            progress = mmap.mmap(f.fileno(), 8)

    probe, kind, failure, calls = None, None, None, None
    try:
        if mode in ('auto', 'c-extension'):
            try:
                path = known_probe('OLDBUFFER_KNOWN_PROBE') or build_probe(cache_root, os.path.join(driver_dir, 'probe.c'))
                probe, kind = load_probe(path), 'c-extension'
            except MissingTool as e:
                if mode == 'c-extension' or sys.implementation.name != 'cpython':
                    raise
                probe, kind = CtypesProbe(), 'ctypes (fallback: %s)' % e
        elif mode == 'ctypes':
            if sys.implementation.name != 'cpython':
                raise Refusal(UNAVAILABLE, 'the ctypes probe needs CPython (ctypes.pythonapi)')
            probe, kind = CtypesProbe(), 'ctypes'
        else:
            raise Refusal(UNAVAILABLE, 'unknown probe mode %r (auto, c-extension, ctypes)' % mode)
        if failure is None and abi == 'abi3':
            calls = load_abi3(cache_root, driver_dir, kind)
        elif abi != 'version':
            raise Refusal(UNAVAILABLE, 'unknown abi %r (version, abi3)' % abi)
    except Refusal as e:
        failure = e
    except Exception as e:
        failure = Refusal(UNAVAILABLE, 'cannot load the probe: %s: %s' % (type(e).__name__, e))
    driver = None
    if failure is None:
        try:
            driver = Driver(probe, kind, progress, calls, int(spin))
        except Refusal as e:
            failure = e

    # The first answer is unsolicited: the driver's identity, or why it cannot serve.
    if failure is not None:
        msg = u32_str(str(failure))
        out.write(RESPONSE_HEADER.pack(len(msg) + 1, 0, UNAVAILABLE) + msg)
        out.flush()
        return
    if sys.implementation.name == 'cpython':
        gc.freeze()   # the driver's own objects: collect_garbage() visits only what the tries made
    # Where the driver waits on a CPU (the C probe), both sides then trade through shared memory: no system call per
    # message while both spin. The greeting still takes the pipe, and says which. Not on PyPy: there each read of the rings
    # made its bytes through cpyext's malloc, so how the requests happen to arrive changed which freed memory PyPy's
    # use-after-free bugs (read34 on a released C-memory view) find, a crash in one run and a count of -1 in another.
    if os.environ.get('OLDBUFFER_FORK_SERVER') and forks():
        # The identity once here, and again in each child's greeting, as PyPy's baselines need (see Driver.hello): with
        # the child alone computing it, write34 went from a crash to -1.
        driver.identity()
        child = serve_forks(driver, out.fileno())
        if child is None:
            return
        out = become_forked_child(driver, child, out)
    serve_flags = 0
    if rings_path and driver.input.await_input is not None and hasattr(probe, 'ring_open') \
            and sys.implementation.name == 'cpython':
        try:
            probe.ring_open(rings_path, out.fileno(), int(spin))
            driver.transport = 'shared memory'
            serve_flags = ring_serve_flags(driver, probe)
            if serve_flags & RING_SERVE_IN_C:
                driver.answers = 'in C for the commonest requests of a try, in Python for the rest'
        except (OSError, ValueError) as e:
            sys.stderr.write('oldbuffer driver: the rings cannot be used, answering through the pipe: %s\n' % e)
    hello = driver.hello(None)
    out.write(RESPONSE_HEADER.pack(len(hello) + 1, 0, OK) + hello)
    out.flush()
    if driver.transport == 'shared memory':
        driver.serve(RingRequests(driver, probe.ring_serve, serve_flags), RingOut(probe.ring_write, out))
    else:
        driver.serve(driver.input, out)
