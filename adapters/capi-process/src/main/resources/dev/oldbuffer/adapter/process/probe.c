/*
 * _oldbuffer_probe: calls the four old-buffer functions exactly as C code does, and provides the
 * configurable exporter type of dev.oldbuffer.spi.ExporterSpec. On CPython it also carries the driver's requests and
 * answers through shared memory, and answers the commonest of them itself (ring_serve).
 *
 * Built by driver.py once per interpreter against that interpreter's own headers
 * (CPython 3.9+ or PyPy's cpyext). Python code never sees the error indicator a call leaves set:
 * it is moved into static storage right after the call and put back right before the next one, so
 * it survives the driver's own Python code between protocol requests.
 *
 * Built with -DOLDBUFFER_ABI3 it is _oldbuffer_abi3 instead: the calls and the error indicator they leave, and nothing
 * else, compiled against the limited API of Python 3.2 (Py_LIMITED_API=0x03020000) as an abi3 wheel built for 3.2-3.10
 * is; the driver then makes the old calls through it and everything else through the version-specific probe.
 */
#ifdef OLDBUFFER_ABI3
#define Py_LIMITED_API 0x03020000
#endif
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <time.h>
#include <stdint.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "oldbuffer_wire.h" /* function codes and mode bits, generated from Wire.java */

#if !defined(PYPY_VERSION) && PY_VERSION_HEX >= 0x030D0000
/* Since 3.13 Python.h no longer declares them; libpython still exports them (stable ABI). */
PyAPI_FUNC(int) PyObject_AsCharBuffer(PyObject *obj, const char **buffer, Py_ssize_t *buffer_len);
PyAPI_FUNC(int) PyObject_AsReadBuffer(PyObject *obj, const void **buffer, Py_ssize_t *buffer_len);
PyAPI_FUNC(int) PyObject_CheckReadBuffer(PyObject *obj);
PyAPI_FUNC(int) PyObject_AsWriteBuffer(PyObject *obj, void **buffer, Py_ssize_t *buffer_len);
#endif

/* ---- the held error indicator ------------------------------------------------------------- */

static PyObject *held_type, *held_value, *held_tb;
static PyObject *held_info; /* (type name, str(value)) of the held error, or NULL */

/* Puts the held error back into the indicator (before a call). */
static void restore_held(void)
{
    if (held_type != NULL) {
        PyErr_Restore(held_type, held_value, held_tb);
        held_type = held_value = held_tb = NULL;
    }
    Py_CLEAR(held_info);
}

/* The attribute name describe() looks up, made once and interned. Up to CPython 3.11 every empty slot of the interpreter's
   type attribute cache holds a reference to None, and a lookup fills the slot its name's address picks: a name made
   afresh for each lookup (as PyObject_GetAttrString makes it) lands in a new slot now and then, and None's reference
   count drops by one between two readings of it that the call under test did nothing to. */
static PyObject *name_attribute;

static PyObject *describe(PyObject *type, PyObject *value)
{
    if (name_attribute == NULL) {
        name_attribute = PyUnicode_InternFromString("__name__");
    }
    PyObject *name = name_attribute != NULL ? PyObject_GetAttr(type, name_attribute) : NULL;
    if (name == NULL) {
        PyErr_Clear();
        name = PyUnicode_FromString("?");
    }
    PyObject *msg = value != NULL ? PyObject_Str(value) : NULL;
    if (msg == NULL) {
        PyErr_Clear();
        msg = PyUnicode_FromString("");
    }
    PyObject *info = PyTuple_Pack(2, name, msg);
    Py_DECREF(name);
    Py_DECREF(msg);
    return info;
}

/* Moves the indicator into static storage (after a call); the indicator is clear afterwards. */
static void capture_held(void)
{
    PyErr_Fetch(&held_type, &held_value, &held_tb);
    if (held_type == NULL) {
        return;
    }
    PyErr_NormalizeException(&held_type, &held_value, &held_tb);
    held_info = describe(held_type, held_value);
    if (held_info == NULL) {
        PyErr_Clear();
    }
}

static void drop_held(void)
{
    Py_CLEAR(held_type);
    Py_CLEAR(held_value);
    Py_CLEAR(held_tb);
    Py_CLEAR(held_info);
}

/* ---- calls ------------------------------------------------------------------------------- */

/* The call of function fn (an OLDBUFFER_FN_ code, checked) with its arguments, C NULL where the mode says so: the one
 * place for call() and ring_serve's calls. A macro, so that call() compiles as it did before ring_serve: GraalPy's
 * results on these calls (crashes in its native reference counts) moved with nothing but the probe's code layout. */
#define CALL_OLD(fn, o, bp, lp, rc) \
    switch (fn) { \
    case OLDBUFFER_FN_AS_CHAR_BUFFER: rc = PyObject_AsCharBuffer(o, (const char **)bp, lp); break; \
    case OLDBUFFER_FN_AS_READ_BUFFER: rc = PyObject_AsReadBuffer(o, (const void **)bp, lp); break; \
    case OLDBUFFER_FN_CHECK_READ_BUFFER: rc = PyObject_CheckReadBuffer(o); break; \
    case OLDBUFFER_FN_AS_WRITE_BUFFER: rc = PyObject_AsWriteBuffer(o, bp, lp); break; \
    }

/* call(fn, obj, mode, buffer_initial, length_initial) -> (rc, buffer, length, error or None)
 * fn: one of the OLDBUFFER_FN_ codes. */
static PyObject *probe_call(PyObject *self, PyObject *args)
{
    int fn, mode, rc = 0;
    PyObject *obj;
    long long buffer_initial, length_initial;
    if (!PyArg_ParseTuple(args, "iOiLL", &fn, &obj, &mode, &buffer_initial, &length_initial)) {
        return NULL;
    }
    if (fn < 0 || fn >= OLDBUFFER_FN_COUNT) {
        PyErr_Format(PyExc_ValueError, "unknown function %d", fn);
        return NULL;
    }
    void *buffer = (void *)(intptr_t)buffer_initial;
    Py_ssize_t length = (Py_ssize_t)length_initial;
    PyObject *o = (mode & OLDBUFFER_NULL_OBJECT) ? NULL : obj;
    void **bp = (mode & OLDBUFFER_NULL_BUFFER) ? NULL : &buffer;
    Py_ssize_t *lp = (mode & OLDBUFFER_NULL_LENGTH) ? NULL : &length;

    restore_held();
    CALL_OLD(fn, o, bp, lp, rc)
    capture_held();
    return Py_BuildValue("iLLO", rc, (long long)(intptr_t)buffer, (long long)length,
                         held_info != NULL ? held_info : Py_None);
}

/* set_error(type, message): PyErr_SetString on top of whatever is held. */
static PyObject *probe_set_error(PyObject *self, PyObject *args)
{
    PyObject *type;
    const char *message;
    if (!PyArg_ParseTuple(args, "Os", &type, &message)) {
        return NULL;
    }
    if (!PyExceptionClass_Check(type)) {
        PyErr_SetString(PyExc_TypeError, "not an exception type");
        return NULL;
    }
    restore_held();
    PyErr_SetString(type, message);
    capture_held();
    Py_RETURN_NONE;
}

/* fetch_error() -> (type name, message) or None; clears it, as PyErr_Fetch does. */
static PyObject *probe_fetch_error(PyObject *self, PyObject *unused)
{
    PyObject *info = held_info;
    if (info == NULL) {
        info = held_type != NULL ? Py_BuildValue("ss", "?", "") : Py_None;
        if (info == Py_None) {
            Py_INCREF(info);
        }
    } else {
        Py_INCREF(info);
    }
    drop_held();
    return info;
}

/* The calls and the error indicator they leave: the methods both modules have. */
#define CALL_METHODS \
    {"call", probe_call, METH_VARARGS, "call(fn, obj, mode, buffer_initial, length_initial)"}, \
    {"set_error", probe_set_error, METH_VARARGS, "set_error(type, message)"}, \
    {"fetch_error", probe_fetch_error, METH_NOARGS, "fetch_error() -> (type, message) or None"},

#ifndef OLDBUFFER_ABI3   /* the rest needs more than the limited API of 3.2, and only the calls are an abi3 wheel's */

/* ---- memory ------------------------------------------------------------------------------ */

/* The kernel copies within our own address space and answers EFAULT for unmapped memory instead
 * of a segfault, so a read at a garbage address is reported, not fatal. */
static int copy_by_kernel(void *dst, const void *src, size_t n, int to_foreign)
{
    struct iovec local = {to_foreign ? (void *)src : dst, n};
    struct iovec remote = {to_foreign ? dst : (void *)src, n};
    ssize_t done = to_foreign ? process_vm_writev(getpid(), &local, 1, &remote, 1, 0)
                              : process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
    if (done == (ssize_t)n) {
        return 0;
    }
    if (done < 0 && (errno == ENOSYS || errno == EPERM)) {
        memcpy(dst, src, n); /* not allowed here (seccomp): copy unchecked */
        return 0;
    }
    return -1;
}

#if !defined(PYPY_VERSION) && !defined(GRAALVM_PYTHON)
/* On CPython the copy is a memcpy that a fault inside ends: the system call took 1.8 us of the 2 a read costs, and the
 * kit reads memory after most calls. Not on PyPy or GraalPy, whose runtimes (GraalPy's JVM) own SIGSEGV themselves.
 * A fault anywhere else goes to the handler that was there before (faulthandler's), as though this one never was. */
static sigjmp_buf copy_fault_jump;
static volatile sig_atomic_t copying;
static struct sigaction before_segv, before_bus;
static int copy_guard_installed;

static void copy_fault(int sig, siginfo_t *info, void *context)
{
    (void)context;
    if (copying) {
        copying = 0;
        siglongjmp(copy_fault_jump, 1);
    }
    sigaction(sig, sig == SIGSEGV ? &before_segv : &before_bus, NULL);
    if (info == NULL || info->si_code <= 0) {
        raise(sig); /* sent, not a fault: returning would not send it again */
    }
    /* a fault: the instruction runs again on return, and faults under the handler now in place */
}

static int install_copy_guard(void)
{
    struct sigaction guard;
    memset(&guard, 0, sizeof guard);
    guard.sa_sigaction = copy_fault;
    guard.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK; /* NODEFER: left by a jump, the signal stays unblocked */
    sigemptyset(&guard.sa_mask);
    if (sigaction(SIGSEGV, &guard, &before_segv) != 0) {
        return -1;
    }
    if (sigaction(SIGBUS, &guard, &before_bus) != 0) {
        sigaction(SIGSEGV, &before_segv, NULL);
        return -1;
    }
    copy_guard_installed = 1;
    return 0;
}

static int copy_checked(void *dst, const void *src, size_t n, int to_foreign)
{
    if (!copy_guard_installed && install_copy_guard() != 0) {
        return copy_by_kernel(dst, src, n, to_foreign);
    }
    if (sigsetjmp(copy_fault_jump, 0) != 0) {
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
        return -1;
    }
    copying = 1;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    memcpy(dst, src, n);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    copying = 0;
    return 0;
}
#else
static int copy_checked(void *dst, const void *src, size_t n, int to_foreign)
{
    return copy_by_kernel(dst, src, n, to_foreign);
}
#endif

/* read(address, n) -> bytes, or None when the memory is not readable */
static PyObject *probe_read(PyObject *self, PyObject *args)
{
    unsigned long long address;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "Kn", &address, &n)) {
        return NULL;
    }
    PyObject *out = PyBytes_FromStringAndSize(NULL, n);
    if (out == NULL) {
        return NULL;
    }
    if (n > 0 && copy_checked(PyBytes_AS_STRING(out), (const void *)(uintptr_t)address, (size_t)n, 0) != 0) {
        Py_DECREF(out);
        Py_RETURN_NONE;
    }
    return out;
}

/* write(address, data) -> True, or False when the memory is not writable */
static PyObject *probe_write(PyObject *self, PyObject *args)
{
    unsigned long long address;
    const char *data;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "Ky#", &address, &data, &n)) {
        return NULL;
    }
    if (n > 0 && copy_checked((void *)(uintptr_t)address, data, (size_t)n, 1) != 0) {
        Py_RETURN_FALSE;
    }
    Py_RETURN_TRUE;
}

/* ---- the configurable exporter ----------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    char *storage;        /* len * step bytes; logical byte i lives at storage[i * step] */
    Py_ssize_t len;
    Py_ssize_t step;
    int readonly;
    PyObject *fail_with;  /* exception type or NULL */
    int acquires, releases, last_flags;
    Py_ssize_t shape[1], strides[1];
    int rule;             /* OLDBUFFER_RULE_*: the rule of the protocol it breaks (ExporterSpec.RuleBreak) */
    char **table;         /* INDIRECT_ANYWAY: one pointer per byte of storage */
    Py_ssize_t pointer_strides[1], suboffsets[1];
    Py_ssize_t grid_shape[2], fortran_strides[2], c_strides[2];
    char scalar_format[32];
} Exporter;

static PyTypeObject ExporterType;

static PyObject *exporter_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    const char *data;
    Py_ssize_t len, step;
    int readonly;
    PyObject *fail_with;
    int rule;
    if (!PyArg_ParseTuple(args, "y#pnOi", &data, &len, &readonly, &step, &fail_with, &rule)) {
        return NULL;
    }
    if (rule < 0 || rule >= OLDBUFFER_RULE_COUNT) {
        PyErr_Format(PyExc_ValueError, "no exporter rule break %d", rule);
        return NULL;
    }
    if (step < 1) {
        PyErr_SetString(PyExc_ValueError, "step must be at least 1");
        return NULL;
    }
    if (fail_with != Py_None && !PyExceptionClass_Check(fail_with)) {
        PyErr_SetString(PyExc_TypeError, "fail_with must be an exception type or None");
        return NULL;
    }
    Exporter *self = (Exporter *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->storage = PyMem_Calloc(len * step + 1, 1);
    if (self->storage == NULL) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        self->storage[i * step] = data[i];
    }
    self->len = len;
    self->step = step;
    self->readonly = readonly;
    self->fail_with = fail_with == Py_None ? NULL : fail_with;
    Py_XINCREF(self->fail_with);
    self->last_flags = -1;
    self->shape[0] = len;
    self->strides[0] = step;
    self->rule = rule;
    if (rule == OLDBUFFER_RULE_INDIRECT_ANYWAY) {
        self->table = PyMem_Calloc(len + 1, sizeof(char *));
        if (self->table == NULL) {
            Py_DECREF(self);
            return PyErr_NoMemory();
        }
        for (Py_ssize_t i = 0; i < len; i++) {
            self->table[i] = self->storage + i * step;
        }
    }
    self->pointer_strides[0] = sizeof(char *);
    self->suboffsets[0] = 0;
    self->grid_shape[0] = 2;
    self->grid_shape[1] = len / 2;
    self->fortran_strides[0] = 1;
    self->fortran_strides[1] = 2;
    self->c_strides[0] = len / 2;
    self->c_strides[1] = 1;
    PyOS_snprintf(self->scalar_format, sizeof self->scalar_format, "%zds", len);
    return (PyObject *)self;
}

static void exporter_dealloc(Exporter *self)
{
    PyMem_Free(self->storage);
    PyMem_Free(self->table);
    Py_XDECREF(self->fail_with);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Fills the full one-dimensional view of the storage and counts the acquire. */
static void exporter_fill(Exporter *self, Py_buffer *view)
{
    view->buf = self->storage;
    view->obj = (PyObject *)self;
    Py_INCREF(self);
    view->len = self->len;
    view->itemsize = 1;
    view->readonly = self->readonly;
    view->format = "B";
    view->ndim = 1;
    view->shape = self->shape;
    view->strides = self->strides;
    view->suboffsets = NULL;
    view->internal = NULL;
    self->acquires++;
}

/* The view a rule-breaking exporter hands to every request, whatever the flags (ExporterSpec.RuleBreak). */
static int exporter_broken_view(Exporter *self, Py_buffer *view)
{
    exporter_fill(self, view);
    switch (self->rule) {
    case OLDBUFFER_RULE_INDIRECT_ANYWAY:
        view->buf = self->table;
        view->strides = self->pointer_strides;
        view->suboffsets = self->suboffsets;
        break;
    case OLDBUFFER_RULE_FORTRAN_ORDER:
        view->ndim = 2;
        view->shape = self->grid_shape;
        view->strides = self->fortran_strides;
        break;
    case OLDBUFFER_RULE_TWO_DIMENSIONAL:
        view->ndim = 2;
        view->shape = self->grid_shape;
        view->strides = self->c_strides;
        break;
    case OLDBUFFER_RULE_ZERO_DIMENSIONAL:
        view->ndim = 0;
        view->shape = NULL;
        view->strides = NULL;
        view->itemsize = self->len;
        view->format = self->scalar_format;
        break;
    default:   /* STRIDED_ANYWAY: shape and strides as they are */
        break;
    }
    return 0;
}

/* The order of checks is the one ExporterSpec documents. */
static int exporter_getbuffer(Exporter *self, Py_buffer *view, int flags)
{
    self->last_flags = flags;
    view->obj = NULL;
    if (self->fail_with != NULL) {
        PyErr_SetString(self->fail_with, "exporter refused");
        return -1;
    }
    if (self->rule == OLDBUFFER_RULE_FAILS_SILENTLY) {
        return -1;   /* and no exception: the rule it breaks */
    }
    if (self->rule != OLDBUFFER_RULE_NONE && self->rule != OLDBUFFER_RULE_WRITABLE_ANYWAY) {
        return exporter_broken_view(self, view);
    }
    if ((flags & PyBUF_WRITABLE) && self->readonly && self->rule != OLDBUFFER_RULE_WRITABLE_ANYWAY) {
        PyErr_SetString(PyExc_BufferError, "exporter is read-only");
        return -1;
    }
    if (self->step > 1 && (flags & PyBUF_STRIDES) != PyBUF_STRIDES) {
        PyErr_SetString(PyExc_BufferError, "exporter is not contiguous");
        return -1;
    }
    exporter_fill(self, view);   /* then only what the request asked for */
    view->format = (flags & PyBUF_FORMAT) ? "B" : NULL;
    view->shape = (flags & PyBUF_ND) == PyBUF_ND ? self->shape : NULL;
    view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? self->strides : NULL;
    return 0;
}

static void exporter_releasebuffer(Exporter *self, Py_buffer *view)
{
    self->releases++;
}

static PyBufferProcs exporter_as_buffer = {
    (getbufferproc)exporter_getbuffer,
    (releasebufferproc)exporter_releasebuffer,
};

static PyTypeObject ExporterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    "_oldbuffer_probe.Exporter",      /* tp_name */
    sizeof(Exporter),                 /* tp_basicsize */
};

static Exporter *as_exporter(PyObject *o)
{
    if (!PyObject_TypeCheck(o, &ExporterType)) {
        PyErr_SetString(PyExc_TypeError, "not an exporter");
        return NULL;
    }
    return (Exporter *)o;
}

/* exporter_contents(e) -> bytes: the logical data */
static PyObject *probe_exporter_contents(PyObject *module, PyObject *o)
{
    Exporter *e = as_exporter(o);
    if (e == NULL) {
        return NULL;
    }
    PyObject *out = PyBytes_FromStringAndSize(NULL, e->len);
    if (out != NULL) {
        for (Py_ssize_t i = 0; i < e->len; i++) {
            PyBytes_AS_STRING(out)[i] = e->storage[i * e->step];
        }
    }
    return out;
}

/* exporter_counts(e) -> (acquires, releases, last_flags) */
static PyObject *probe_exporter_counts(PyObject *module, PyObject *o)
{
    Exporter *e = as_exporter(o);
    return e == NULL ? NULL : Py_BuildValue("iii", e->acquires, e->releases, e->last_flags);
}

/* exporter_setitem(e, index, value): logical byte index := value */
static PyObject *probe_exporter_setitem(PyObject *module, PyObject *args)
{
    PyObject *o;
    Py_ssize_t index;
    int value;
    if (!PyArg_ParseTuple(args, "Oni", &o, &index, &value)) {
        return NULL;
    }
    Exporter *e = as_exporter(o);
    if (e == NULL) {
        return NULL;
    }
    if (index < 0 || index >= e->len) {
        PyErr_SetString(PyExc_IndexError, "exporter index out of range");
        return NULL;
    }
    e->storage[index * e->step] = (char)value;
    Py_RETURN_NONE;
}

/* ---- memoryviews over C memory -------------------------------------------------------------- */

static const char C_MEMORY[] = "oldbuffer.c_memory";

static void c_memory_free(PyObject *keeper)
{
    free(PyCapsule_GetPointer(keeper, C_MEMORY));
}

/* c_memory(data, writable) -> (memoryview, keeper): PyMemoryView_FromMemory over a malloc'd copy of data, with
   PyBUF_WRITE or PyBUF_READ. No object owns the memory, so the keeper frees it when dropped: the caller drops it
   only once nothing can reach the memoryview any longer. */
static PyObject *probe_c_memory(PyObject *module, PyObject *args)
{
    PyObject *data;
    int writable;
    if (!PyArg_ParseTuple(args, "O!p", &PyBytes_Type, &data, &writable)) {
        return NULL;
    }
    Py_ssize_t len = PyBytes_GET_SIZE(data);
    char *mem = malloc(len > 0 ? len : 1);
    if (mem == NULL) {
        return PyErr_NoMemory();
    }
    memcpy(mem, PyBytes_AS_STRING(data), len);
    PyObject *keeper = PyCapsule_New(mem, C_MEMORY, c_memory_free);
    if (keeper == NULL) {
        free(mem);
        return NULL;
    }
    PyObject *view = PyMemoryView_FromMemory(mem, len, writable ? PyBUF_WRITE : PyBUF_READ);
    if (view == NULL) {
        Py_DECREF(keeper);
        return NULL;
    }
    return Py_BuildValue("(NN)", view, keeper);
}

/* refcount(o) -> Py_REFCNT(o): this call's own references included, the same in every reading */
static PyObject *probe_refcount(PyObject *module, PyObject *o)
{
    return PyLong_FromSsize_t(Py_REFCNT(o));
}

/* ---- the calls the page recommends instead -------------------------------------------------- */

static const char HELD_VIEW[] = "oldbuffer.held_view";

/* A held view's capsule gives the view back when dropped, unless release_view did; the context marks that. */
static void held_view_free(PyObject *capsule)
{
    Py_buffer *view = PyCapsule_GetPointer(capsule, HELD_VIEW);
    if (view != NULL && PyCapsule_GetContext(capsule) == NULL) {
        PyBuffer_Release(view);
    }
    PyMem_Free(view);
}

static int replacement_is_get_buffer(int code)
{
    return code == OLDBUFFER_RP_GET_BUFFER_SIMPLE || code == OLDBUFFER_RP_GET_BUFFER_WRITABLE
           || code == OLDBUFFER_RP_GET_BUFFER_FULL_RO;
}

/* acquire(code, obj) -> (rc, buf, len, readonly, itemsize, ndim, C-contiguous, one segment, error or None, view or None)
 * code: one of the OLDBUFFER_RP_ codes. The view is a capsule the caller gives back with release_view; y# holds none.
 * The call's error is fetched and cleared into the result. */
static PyObject *probe_acquire(PyObject *self, PyObject *args)
{
    int code, rc = 0;
    PyObject *obj;
    if (!PyArg_ParseTuple(args, "iO", &code, &obj)) {
        return NULL;
    }
    if (code < 0 || code >= OLDBUFFER_RP_COUNT) {
        PyErr_Format(PyExc_ValueError, "unknown replacement %d", code);
        return NULL;
    }
    Py_buffer *view = PyMem_Calloc(1, sizeof(Py_buffer));
    PyObject *argument = PyTuple_Pack(1, obj);
    if (view == NULL || argument == NULL) {
        PyMem_Free(view);
        Py_XDECREF(argument);
        return PyErr_NoMemory();
    }
    const char *pointer = NULL;
    Py_ssize_t length = 0;
    restore_held();
    switch (code) {
    case OLDBUFFER_RP_GET_BUFFER_SIMPLE: rc = PyObject_GetBuffer(obj, view, PyBUF_SIMPLE); break;
    case OLDBUFFER_RP_GET_BUFFER_WRITABLE: rc = PyObject_GetBuffer(obj, view, PyBUF_WRITABLE); break;
    case OLDBUFFER_RP_GET_BUFFER_FULL_RO: rc = PyObject_GetBuffer(obj, view, PyBUF_FULL_RO); break;
    case OLDBUFFER_RP_PARSE_Y_STAR: rc = PyArg_ParseTuple(argument, "y*", view); break;
    case OLDBUFFER_RP_PARSE_W_STAR: rc = PyArg_ParseTuple(argument, "w*", view); break;
    case OLDBUFFER_RP_PARSE_S_STAR: rc = PyArg_ParseTuple(argument, "s*", view); break;
    case OLDBUFFER_RP_PARSE_Y_HASH: rc = PyArg_ParseTuple(argument, "y#", &pointer, &length); break;
    }
    capture_held();
    Py_DECREF(argument);
    PyObject *error = held_info != NULL ? held_info : Py_None;
    Py_INCREF(error);
    drop_held();
    int accepted = replacement_is_get_buffer(code) ? rc == 0 : rc != 0;
    if (!accepted || code == OLDBUFFER_RP_PARSE_Y_HASH) {
        PyMem_Free(view);
        return Py_BuildValue("(iLLiniiiNO)", rc, (long long)(intptr_t)pointer, (long long)length, 1, (Py_ssize_t)1, 1, 1, 1,
                             error, Py_None);
    }
    int c_contiguous = PyBuffer_IsContiguous(view, 'C'), one_segment = PyBuffer_IsContiguous(view, 'A');
    PyObject *held = PyCapsule_New(view, HELD_VIEW, held_view_free);
    if (held == NULL) {
        PyBuffer_Release(view);
        PyMem_Free(view);
        Py_DECREF(error);
        return NULL;
    }
    return Py_BuildValue("(iLLiniiiNN)", rc, (long long)(intptr_t)view->buf, (long long)view->len, view->readonly,
                         view->itemsize, view->ndim, c_contiguous, one_segment, error, held);
}

/* release_view(view): PyBuffer_Release of a view acquire handed out; once only */
static PyObject *probe_release_view(PyObject *module, PyObject *capsule)
{
    Py_buffer *view = PyCapsule_GetPointer(capsule, HELD_VIEW);
    if (view == NULL) {
        return NULL;
    }
    if (PyCapsule_GetContext(capsule) != NULL) {
        PyErr_SetString(PyExc_ValueError, "this view was released already");
        return NULL;
    }
    PyCapsule_SetContext(capsule, capsule);
    PyBuffer_Release(view);
    Py_RETURN_NONE;
}

/* check_buffer(obj) -> PyObject_CheckBuffer(obj) */
static PyObject *probe_check_buffer(PyObject *module, PyObject *o)
{
    return PyLong_FromLong(PyObject_CheckBuffer(o));
}

/* ---- module ------------------------------------------------------------------------------ */

/* How many of the recent waits in await_input ended within the spin time, in 256ths (a moving average). */
static int await_hits = 256;
/* How many of the recent spins found the CPU taken, in 256ths (a moving average over about four), and how many more waits
   sleep at once because most did (see await_input). */
static int await_crowded = 0;
static int await_paused = 0;
/* How many waits the next pause lasts: AWAIT_PAUSE_MIN, doubled by each pause up to AWAIT_PAUSE_MAX, and back to the least
   after AWAIT_CALM spins in a row that found a core. The JVM's own threads (its compiler, its collector) now and then
   make a yield slow on a quiet machine: a pause of 4,096 waits every time cost a CPython run some 30,000 sleeps. Where
   other processes do hold every core, the pauses grow back to 4,096 within five of them. */
#define AWAIT_PAUSE_MIN 256
#define AWAIT_PAUSE_MAX 4096
#define AWAIT_CALM 64
static int await_pause_next = AWAIT_PAUSE_MIN;
static int await_calm = 0;

static long long
nanos_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1000000000LL + (now.tv_nsec - start->tv_nsec);
}

/* Waits until ready() says input is there: while most recent waits ended within spin_ns, on the CPU (yielding it to
   whatever else wants it) for up to spin_ns first, else at once, in sleep(). Waking a process asleep on a pipe costs
   more than most requests take to serve. A yield that took longer than the whole spin means other processes hold every
   core: spinning then only queues both sides behind them (a woken sleeper gets the core sooner), so the next
   waits sleep at once (a pause: see await_pause_next). Allocates nothing (see the driver's Input). */
static void
await_ready(long long spin, int (*ready)(void), void (*sleep)(void))
{
    if (ready()) {
        return;   /* no wait */
    }
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int now_ready = 0;
    if (await_paused > 0) {
        await_paused--;
    } else if (await_hits >= 128) {
        long long spun = 0;
        int crowded = 0;
        do {
            sched_yield();
            long long before = spun;
            spun = nanos_since(&start);
            crowded = spun - before > spin;
            if (!crowded) {
                now_ready = ready();
            }
        } while (!now_ready && !crowded && spun < spin);
        await_crowded += ((crowded ? 256 : 0) - await_crowded) / 4;
        await_calm = crowded ? 0 : await_calm + 1;
        if (await_calm >= AWAIT_CALM) {
            await_pause_next = AWAIT_PAUSE_MIN;
        }
        if (await_crowded >= 128) {
            await_crowded = 0;
            await_paused = await_pause_next;
            await_pause_next = await_pause_next * 2 < AWAIT_PAUSE_MAX ? await_pause_next * 2 : AWAIT_PAUSE_MAX;
        }
    }
    if (!now_ready) {
        sleep();
    }
    await_hits += ((nanos_since(&start) <= spin ? 256 : 0) - await_hits) / 16;
}

static int
stdin_ready(void)
{
    struct pollfd input = {0, POLLIN, 0};
    return poll(&input, 1, 0) != 0;
}

static void
stdin_sleep(void)
{
    struct pollfd input = {0, POLLIN, 0};
    Py_BEGIN_ALLOW_THREADS
    poll(&input, 1, -1);   /* interrupted by a signal: the read that follows sleeps instead */
    Py_END_ALLOW_THREADS
}

/* await_input(spin_ns): returns once standard input has something to read or is closed; see await_ready. The driver
   calls it before each read of the pipe that would sleep. */
static PyObject *
probe_await_input(PyObject *self, PyObject *arg)
{
    long long spin = PyLong_AsLongLong(arg);
    if (spin == -1 && PyErr_Occurred()) {
        return NULL;
    }
    await_ready(spin, stdin_ready, stdin_sleep);
    Py_RETURN_NONE;
}

/* ---- shared-memory rings -------------------------------------------------------------------
   Two byte streams in a file the kit maps too (the kit's SharedRings): requests, then answers, each a 64-byte head
   (bytes ever written, bytes ever read, whether the reader sleeps, whether the writer sleeps, the capacity) and the
   ring's bytes. Nothing but the data crosses them: no system call when both sides are on a CPU. A side that waits too
   long sleeps reading its pipe (the kit's stdin here) after saying so in the head; the other side writes a byte to that
   pipe when it sees the flag, and the sleeper looks again. The pipes still end when a side goes, which is how each
   sees the other die. */
struct ring_head {
    uint64_t written;
    uint64_t read;
    uint32_t reader_sleeps;
    uint32_t writer_sleeps;
    uint32_t capacity;
};
#define RING_HEAD 64

static struct ring_head *requests, *answers;
static unsigned char *request_bytes, *answer_bytes;
static int doorbell_fd = -1;   /* where a byte wakes the kit: the driver's stdout */
static long long ring_spin;
static int kit_gone;           /* standard input ended */

static uint64_t load(uint64_t *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static void store(uint64_t *p, uint64_t v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
static uint32_t load32(uint32_t *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static void store32(uint32_t *p, uint32_t v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }

static void
ring_doorbell(void)
{
    char b = 1;
    ssize_t ignored = write(doorbell_fd, &b, 1);   /* the kit gone: it no longer matters */
    (void)ignored;
}

/* Sleeps on standard input until done() says so or input ends; flag tells the kit that a byte is wanted. */
static void
ring_sleep_until(int (*done)(void), uint32_t *flag)
{
    for (;;) {
        store32(flag, 1);
        if (done()) {
            break;
        }
        char buf[64];
        ssize_t n;
        Py_BEGIN_ALLOW_THREADS
        n = read(0, buf, sizeof buf);
        Py_END_ALLOW_THREADS
        if (n == 0 || (n < 0 && errno != EINTR)) {
            kit_gone = 1;
            break;
        }
    }
    store32(flag, 0);
}

static int requests_ready(void) { return kit_gone || load(&requests->written) != requests->read; }
static void requests_sleep(void) { ring_sleep_until(requests_ready, &requests->reader_sleeps); }
static int answers_have_room(void) { return kit_gone || load(&answers->read) + answers->capacity != answers->written; }
static void answers_sleep(void) { ring_sleep_until(answers_have_room, &answers->writer_sleeps); }

/* ring_open(path, doorbell_fd, spin_ns): maps the kit's rings; requests and answers go through them from now on. */
static PyObject *
probe_ring_open(PyObject *self, PyObject *args)
{
    const char *path;
    int fd_out;
    long long spin;
    if (!PyArg_ParseTuple(args, "siL", &path, &fd_out, &spin)) {
        return NULL;
    }
    int fd = open(path, O_RDWR);
    if (fd < 0) {
        return PyErr_SetFromErrnoWithFilename(PyExc_OSError, path);
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < 2 * RING_HEAD) {
        close(fd);
        PyErr_Format(PyExc_ValueError, "%s is not the kit's rings", path);
        return NULL;
    }
    unsigned char *map = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        return PyErr_SetFromErrnoWithFilename(PyExc_OSError, path);
    }
    struct ring_head *first = (struct ring_head *)map;
    size_t capacity = first->capacity;
    if (capacity == 0 || 2 * (RING_HEAD + capacity) != (size_t)st.st_size) {
        munmap(map, (size_t)st.st_size);
        PyErr_Format(PyExc_ValueError, "%s: rings of %zu bytes do not fill its %lld bytes", path, capacity,
                     (long long)st.st_size);
        return NULL;
    }
    requests = first;
    request_bytes = map + RING_HEAD;
    answers = (struct ring_head *)(map + RING_HEAD + capacity);
    answer_bytes = map + 2 * RING_HEAD + capacity;
    doorbell_fd = fd_out;
    ring_spin = spin;
    Py_RETURN_NONE;
}

/* The next n bytes of the requests into dst, waiting for them as await_input does; -1 when the kit is gone first. */
static int
ring_take(unsigned char *dst, size_t n)
{
    size_t capacity = requests->capacity;
    while (n > 0) {
        await_ready(ring_spin, requests_ready, requests_sleep);
        uint64_t at = requests->read;
        uint64_t there = load(&requests->written) - at;
        if (there == 0) {
            if (kit_gone) {
                return -1;
            }
            continue;
        }
        size_t k = there < (uint64_t)n ? (size_t)there : n;
        size_t from = (size_t)(at % capacity), first = capacity - from < k ? capacity - from : k;
        memcpy(dst, request_bytes + from, first);
        memcpy(dst + first, request_bytes, k - first);
        store(&requests->read, at + k);
        if (load32(&requests->writer_sleeps)) {
            ring_doorbell();
        }
        dst += k;
        n -= k;
    }
    return 0;
}

/* The bytes onto the answers, waiting for room as long as it takes; -1 when the kit is gone. */
static int
ring_put(const unsigned char *p, size_t left)
{
    size_t capacity = answers->capacity;
    while (left > 0) {
        if (!answers_have_room()) {
            await_ready(ring_spin, answers_have_room, answers_sleep);
        }
        if (kit_gone) {
            return -1;
        }
        uint64_t at = answers->written;
        size_t room = (size_t)(capacity - (at - load(&answers->read)));
        size_t n = room < left ? room : left;
        size_t to = (size_t)(at % capacity), first = capacity - to < n ? capacity - to : n;
        memcpy(answer_bytes + to, p, first);
        memcpy(answer_bytes, p + first, n - first);
        store(&answers->written, at + n);
        if (load32(&answers->reader_sleeps)) {
            ring_doorbell();
        }
        p += n;
        left -= n;
    }
    return 0;
}

/* ring_write(data): the bytes onto the answers, waiting for room as long as it takes; OSError when the kit is gone. */
static PyObject *
probe_ring_write(PyObject *self, PyObject *arg)
{
    Py_buffer data;
    if (PyObject_GetBuffer(arg, &data, PyBUF_SIMPLE) != 0) {
        return NULL;
    }
    int gone = ring_put(data.buf, (size_t)data.len);
    PyBuffer_Release(&data);
    if (gone) {
        errno = EPIPE;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    Py_RETURN_NONE;
}

#if !defined(PYPY_VERSION) && !defined(GRAALVM_PYTHON)   /* the rings serve CPython alone (driver: main) */
/* ---- the commonest requests, answered in C ---------------------------------------------------
   In the driver's Python a request costs 2 to 15 us to parse, dispatch and answer, more than the call it makes; a try
   is mostly a reset, a creation, a call and a fetch of the error. ring_serve answers those itself, in their common
   shapes, exactly as the driver's handlers do: the same objects made the same way into the same table, the same bytes
   back. Anything else, and anything unusual about one of those (an unknown or taken number, a recipe holding a kind
   built in Python, an object whose buffer cannot be had), goes to the driver untouched, before anything was done to it:
   a recipe is checked whole (recipe_end) before anything is built. A Python error while building is answered as the
   handler answers it. */

/* ring_serve's flags, from the driver (RING_SERVE_ there). */
#define SERVE_IN_C 1     /* answer the common requests here; without it, every request goes to the driver */
#define SERVE_CASTS 2    /* memoryview.cast is there (Feature MEMORYVIEW_CAST): a CAST recipe may be built here */

static unsigned char *frame_in, *frame_out;
static size_t frame_in_size, frame_out_size, frame_out_len;
static int frame_out_short;   /* an answer outgrew the memory it could get */

static int
grow(unsigned char **buf, size_t *size, size_t need)
{
    if (need <= *size) {
        return 0;
    }
    size_t size2 = *size ? *size : 4096;
    while (size2 < need) {
        size2 *= 2;
    }
    unsigned char *p = realloc(*buf, size2);
    if (p == NULL) {
        return -1;
    }
    *buf = p;
    *size = size2;
    return 0;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const unsigned char *p)
{
    return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static void put(const void *p, size_t n)
{
    if (grow(&frame_out, &frame_out_size, frame_out_len + n) != 0) {
        frame_out_short = 1;
        return;
    }
    memcpy(frame_out + frame_out_len, p, n);
    frame_out_len += n;
}

static void put8(unsigned v)
{
    unsigned char b = (unsigned char)v;
    put(&b, 1);
}

static void put32(uint32_t v)
{
    unsigned char b[4] = {v >> 24, v >> 16, v >> 8, v};
    put(b, 4);
}

static void put64(uint64_t v)
{
    put32((uint32_t)(v >> 32));
    put32((uint32_t)v);
}

/* A str as the driver's u32_str writes it: UTF-8, lone surrogates passed through. */
static void put_text(PyObject *s)
{
    PyObject *b = PyUnicode_AsEncodedString(s, "utf-8", "surrogatepass");
    if (b == NULL) {
        PyErr_Clear();
        frame_out_short = 1;
        return;
    }
    put32((uint32_t)PyBytes_GET_SIZE(b));
    put(PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b));
    Py_DECREF(b);
}

/* An error's (type name, message) as the driver's encode_result writes it after its flag. */
static void put_info(PyObject *info)
{
    put8(1);
    put_text(PyTuple_GET_ITEM(info, 0));
    put_text(PyTuple_GET_ITEM(info, 1));
}

/* The error a fetch returns (probe_fetch_error): 0, or 1 and its type's name and message. */
static void put_held_error(void)
{
    if (held_info != NULL) {
        put_info(held_info);
    } else if (held_type != NULL) {
        put8(1);
        put32(1);
        put("?", 1);
        put32(0);
    } else {
        put8(0);
    }
}

/* An answer's head with its status; answer_send fills in its length and number. */
static void answer_start(int status)
{
    frame_out_len = 0;
    frame_out_short = 0;
    put32(0);
    put32(0);
    put8((unsigned)status);
}

/* 0 sent, -1 with the kit gone (nothing set) or an answer too big for memory (MemoryError set). */
static int answer_send(uint32_t number)
{
    if (frame_out_short) {
        PyErr_NoMemory();
        return -1;
    }
    uint32_t length = (uint32_t)(frame_out_len - 8);
    unsigned char head[8] = {length >> 24, length >> 16, length >> 8, length, number >> 24, number >> 16, number >> 8, number};
    memcpy(frame_out, head, 8);
    return ring_put(frame_out, frame_out_len);
}

/* The object numbered handle (borrowed), or NULL with no error set. */
static PyObject *table_get(PyObject *objects, uint32_t handle)
{
    PyObject *key = PyLong_FromUnsignedLong(handle);
    if (key == NULL) {
        PyErr_Clear();
        return NULL;
    }
    PyObject *o = PyDict_GetItemWithError(objects, key);
    Py_DECREF(key);
    if (o == NULL) {
        PyErr_Clear();
    }
    return o;
}

/* The object a request of one handle (u32 after the op) names, borrowed; NULL with no error set. */
static PyObject *request_object(const unsigned char *b, size_t n, PyObject *objects)
{
    return n >= 5 ? table_get(objects, be32(b + 1)) : NULL;
}

/* CALL as Driver.call answers it: the result, the error's text when one is held, and asked for, the memory returned. */
static int serve_call(const unsigned char *b, size_t n, PyObject *objects)
{
    if (n < 23) {
        return 0;
    }
    int fn = b[1], mode = b[2];
    uint32_t handle = be32(b + 3);
    if (fn >= OLDBUFFER_FN_COUNT) {
        return 0;
    }
    PyObject *o = handle == 0 ? Py_None : table_get(objects, handle);
    if (o == NULL) {
        return 0;
    }
    void *buffer = (void *)(intptr_t)(int64_t)be64(b + 7);
    Py_ssize_t length = (Py_ssize_t)(int64_t)be64(b + 15);
    PyObject *arg = (mode & OLDBUFFER_NULL_OBJECT) ? NULL : o;
    void **bp = (mode & OLDBUFFER_NULL_BUFFER) ? NULL : &buffer;
    Py_ssize_t *lp = (mode & OLDBUFFER_NULL_LENGTH) ? NULL : &length;
    int rc = 0;
    Py_INCREF(o);   /* held across the call, as the handler's local is */
    restore_held();
    CALL_OLD(fn, arg, bp, lp, rc)
    capture_held();
    Py_DECREF(o);
    answer_start(OLDBUFFER_STATUS_OK);
    put32((uint32_t)rc);
    put64((uint64_t)(intptr_t)buffer);
    put64((uint64_t)(int64_t)length);
    if (held_info != NULL) {   /* a call's result says nothing of an error it could not describe, as call() */
        put_info(held_info);
    } else {
        put8(0);
    }
    if (mode & OLDBUFFER_WITH_MEMORY) {
        if (rc == 0 && length > 0 && length <= OLDBUFFER_MEMORY_WITH_CALL && buffer != NULL
                && grow(&frame_out, &frame_out_size, frame_out_len + 5 + (size_t)length) == 0
                && copy_checked(frame_out + frame_out_len + 5, buffer, (size_t)length, 0) == 0) {
            put8(1);
            put32((uint32_t)length);
            frame_out_len += (size_t)length;   /* copied in place above */
        } else {
            put8(0);
        }
    }
    return 1;
}

/* FETCH_ERROR: the held error, then none. */
static int serve_fetch_error(void)
{
    answer_start(OLDBUFFER_STATUS_OK);
    put_held_error();
    drop_held();
    return 1;
}

/* RESET when the table holds all there is to drop: no views held, no C memory or files behind objects. */
static int serve_reset(PyObject *objects, PyObject *views, PyObject *keepers, PyObject *files)
{
    if (PyDict_Size(views) != 0 || PyList_Size(keepers) != 0 || PyDict_Size(files) != 0) {
        return 0;
    }
    PyDict_Clear(objects);
    drop_held();
    answer_start(OLDBUFFER_STATUS_OK);
    return 1;
}

static PyObject *name_toreadonly, *name_release, *name_cast, *name_frombytes, *array_type;

/* The end of the recipe at p if ring_serve builds all of it (a kind the driver's Python builds inside, or a body too
   short: NULL). Nothing is built: what is refused here is refused before anything happened. */
static const unsigned char *recipe_end(const unsigned char *p, const unsigned char *end, PyObject *objects, int flags)
{
#define SKIP(k) do { if ((size_t)(end - p) < (size_t)(k)) return NULL; p += (k); } while (0)
#define SKIP_RAW() do { SKIP(4); SKIP(be32(p - 4)); } while (0)
    SKIP(1);
    switch (p[-1]) {
    case OLDBUFFER_TAG_BYTES:
    case OLDBUFFER_TAG_BYTEARRAY:
    case OLDBUFFER_TAG_STR:
        SKIP_RAW();
        return p;
    case OLDBUFFER_TAG_INT:
        SKIP(8);
        return p;
    case OLDBUFFER_TAG_NONE:
        return p;
    case OLDBUFFER_TAG_EXISTING:   /* the very object: one the table holds */
        SKIP(4);
        return table_get(objects, be32(p - 4)) != NULL ? p : NULL;
    case OLDBUFFER_TAG_ARRAY:      /* 'u' warns (3.13+), which Python silences; without the array module, Python refuses;
                                      a typecode beyond ASCII is no one-character str here */
        SKIP(1);
        if (p[-1] == 'u' || p[-1] >= 0x80 || array_type == NULL) {
            return NULL;
        }
        SKIP_RAW();
        return p;
    case OLDBUFFER_TAG_MEMORYVIEW:
    case OLDBUFFER_TAG_READONLY:
    case OLDBUFFER_TAG_RELEASED:
        return recipe_end(p, end, objects, flags);
    case OLDBUFFER_TAG_SLICED:
        p = recipe_end(p, end, objects, flags);
        if (p == NULL) {
            return NULL;
        }
        SKIP(26);
        return p;
    case OLDBUFFER_TAG_CAST:
        if (!(flags & SERVE_CASTS) || (p = recipe_end(p, end, objects, flags)) == NULL) {
            return NULL;
        }
        SKIP_RAW();
        SKIP(4);
        if ((size_t)(end - p) / 8 < be32(p - 4)) {
            return NULL;
        }
        p += 8 * (size_t)be32(p - 4);
        return p;
    case OLDBUFFER_TAG_EXPORTER:   /* without an exception to fail with: the driver looks that one up by name */
        SKIP(9);
        if (be32(p - 4) != 0) {
            return NULL;
        }
        SKIP_RAW();
        SKIP(1);
        return p[-1] < OLDBUFFER_RULE_COUNT ? p : NULL;
    default:
        return NULL;
    }
#undef SKIP
#undef SKIP_RAW
}

static PyObject *int_at(const unsigned char *p)
{
    return PyLong_FromLongLong((long long)(int64_t)be64(p));
}

/* The object a recipe that recipe_end accepted describes (new reference), made as Driver.build makes it; NULL with the
   Python error that making it raised. */
static PyObject *build_here(const unsigned char **at, PyObject *objects)
{
    const unsigned char *p = *at;
    PyObject *o = NULL, *inner = NULL;
    int tag = *p++;
    if (tag == OLDBUFFER_TAG_MEMORYVIEW || tag == OLDBUFFER_TAG_READONLY || tag == OLDBUFFER_TAG_RELEASED
            || tag == OLDBUFFER_TAG_SLICED || tag == OLDBUFFER_TAG_CAST) {
        if ((inner = build_here(&p, objects)) == NULL) {
            return NULL;
        }
    }
    switch (tag) {
    case OLDBUFFER_TAG_BYTES:
    case OLDBUFFER_TAG_BYTEARRAY:
    case OLDBUFFER_TAG_STR: {
        uint32_t n = be32(p);
        p += 4;
        o = tag == OLDBUFFER_TAG_BYTES ? PyBytes_FromStringAndSize((const char *)p, n)
            : tag == OLDBUFFER_TAG_BYTEARRAY ? PyByteArray_FromStringAndSize((const char *)p, n)
            : PyUnicode_DecodeUTF8((const char *)p, n, "surrogatepass");
        p += n;
        break;
    }
    case OLDBUFFER_TAG_INT:
        o = int_at(p);
        p += 8;
        break;
    case OLDBUFFER_TAG_NONE:
        o = Py_None;
        Py_INCREF(o);
        break;
    case OLDBUFFER_TAG_EXISTING:
        o = table_get(objects, be32(p));
        Py_XINCREF(o);
        p += 4;
        break;
    case OLDBUFFER_TAG_ARRAY: {
        char typecode[2] = {(char)p[0], 0};
        uint32_t n = be32(p + 1);
        PyObject *raw = PyBytes_FromStringAndSize((const char *)p + 5, n);
        p += 5 + n;
        o = raw != NULL ? PyObject_CallFunction(array_type, "s", typecode) : NULL;
        PyObject *done = o != NULL ? PyObject_CallMethodObjArgs(o, name_frombytes, raw, NULL) : NULL;
        if (done == NULL) {
            Py_CLEAR(o);
        }
        Py_XDECREF(done);
        Py_XDECREF(raw);
        break;
    }
    case OLDBUFFER_TAG_MEMORYVIEW:
        o = PyMemoryView_FromObject(inner);
        break;
    case OLDBUFFER_TAG_READONLY:
        o = PyObject_CallMethodObjArgs(inner, name_toreadonly, NULL);
        break;
    case OLDBUFFER_TAG_RELEASED:   /* the view itself, released */
        o = PyObject_CallMethodObjArgs(inner, name_release, NULL);
        if (o != NULL) {
            Py_DECREF(o);
            o = inner;
            inner = NULL;
        }
        break;
    case OLDBUFFER_TAG_SLICED: {
        PyObject *start = p[0] ? int_at(p + 1) : (Py_INCREF(Py_None), Py_None);
        PyObject *stop = p[9] ? int_at(p + 10) : (Py_INCREF(Py_None), Py_None);
        PyObject *step = int_at(p + 18);
        p += 26;
        PyObject *slice = start != NULL && stop != NULL && step != NULL ? PySlice_New(start, stop, step) : NULL;
        Py_XDECREF(start);
        Py_XDECREF(stop);
        Py_XDECREF(step);
        o = slice != NULL ? PyObject_GetItem(inner, slice) : NULL;
        Py_XDECREF(slice);
        break;
    }
    case OLDBUFFER_TAG_CAST: {
        uint32_t n = be32(p);
        PyObject *format = PyUnicode_DecodeUTF8((const char *)p + 4, n, "surrogatepass");
        p += 4 + n;
        uint32_t dims = be32(p);
        p += 4;
        PyObject *shape = format != NULL && dims > 0 ? PyList_New(dims) : NULL;
        for (uint32_t i = 0; shape != NULL && i < dims; i++) {
            PyObject *dim = int_at(p + 8 * (size_t)i);
            if (dim == NULL) {
                Py_CLEAR(shape);
                break;
            }
            PyList_SET_ITEM(shape, i, dim);
        }
        p += 8 * (size_t)dims;
        if (format != NULL && dims == 0) {
            o = PyObject_CallMethodObjArgs(inner, name_cast, format, NULL);
        } else if (shape != NULL) {
            o = PyObject_CallMethodObjArgs(inner, name_cast, format, shape, NULL);
        }
        Py_XDECREF(format);
        Py_XDECREF(shape);
        break;
    }
    case OLDBUFFER_TAG_EXPORTER: {   /* Exporter(data, readonly, step, None, rule), as the driver calls the type */
        int read_only = p[0];
        uint32_t step = be32(p + 1), n = be32(p + 9);
        const unsigned char *data = p + 13;
        int rule = data[n];
        p = data + n + 1;
        PyObject *args = Py_BuildValue("(y#OIOi)", (const char *)data, (Py_ssize_t)n, read_only ? Py_True : Py_False,
                                       (unsigned int)step, Py_None, rule);
        if (args != NULL) {
            o = exporter_new(&ExporterType, args, NULL);
            Py_DECREF(args);
        }
        break;
    }
    }
    Py_XDECREF(inner);
    *at = p;
    return o;
}

/* The Python error just raised, as 'TypeName: message' (the driver's python_error, with ILLEGAL_ARGUMENT). */
static void answer_python_error(int status)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject *info = type != NULL ? describe(type, value) : NULL;
    PyObject *message = info != NULL ? PyUnicode_FromFormat("%U: %U", PyTuple_GET_ITEM(info, 0), PyTuple_GET_ITEM(info, 1))
                                     : NULL;
    if (message == NULL) {
        PyErr_Clear();
        message = PyUnicode_FromString("?: ");
    }
    answer_start(status);   /* a refusal, as the driver's Refusal answers: its message */
    put_text(message);
    Py_XDECREF(message);
    Py_XDECREF(info);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
}

/* CREATE of a recipe built here, under the number the kit chose, as Driver.create does. */
static int serve_create(const unsigned char *b, size_t n, PyObject *objects, int flags)
{
    if (n < 5 || be32(b + 1) == 0) {
        return 0;
    }
    uint32_t handle = be32(b + 1);
    PyObject *key = PyLong_FromUnsignedLong(handle);
    if (key == NULL || PyDict_Contains(objects, key) != 0 || recipe_end(b + 5, b + n, objects, flags) == NULL) {
        PyErr_Clear();   /* taken (Python refuses it), or not built here */
        Py_XDECREF(key);
        return 0;
    }
    const unsigned char *p = b + 5;
    PyObject *o = build_here(&p, objects);
    if (o == NULL || PyDict_SetItem(objects, key, o) != 0) {
        answer_python_error(OLDBUFFER_STATUS_ILLEGAL_ARGUMENT);
    } else {
        answer_start(OLDBUFFER_STATUS_OK);
        put32(handle);
    }
    Py_XDECREF(o);
    Py_DECREF(key);
    return 1;
}

/* REF_COUNT: the cycle collector run first (the driver's collect_garbage), then the count. Its own references differ
   from the handler's, which only moves every reading by the same amount: only differences between two mean anything. */
static int serve_ref_count(const unsigned char *b, size_t n, PyObject *objects)
{
    PyObject *o = request_object(b, n, objects);
    if (o == NULL) {
        return 0;
    }
    Py_INCREF(o);   /* as the handler's local: a collection cannot take it */
    PyGC_Collect();
    answer_start(OLDBUFFER_STATUS_OK);
    put64((uint64_t)(int64_t)Py_REFCNT(o));
    Py_DECREF(o);
    return 1;
}

/* EXPORT_COUNTS of the probe's own exporter. */
static int serve_export_counts(const unsigned char *b, size_t n, PyObject *objects)
{
    PyObject *o = request_object(b, n, objects);
    if (o == NULL || Py_TYPE(o) != &ExporterType) {
        return 0;
    }
    Exporter *e = (Exporter *)o;
    answer_start(OLDBUFFER_STATUS_OK);
    put32((uint32_t)e->acquires);
    put32((uint32_t)e->releases);
    put32((uint32_t)e->last_flags);
    return 1;
}

/* Whether CONTENTS of o is what memoryview(o).tobytes() gives (the driver's last case), for a type that has nothing of
   its own to say: bytes, bytearray, memoryview, array.array. */
static int plain_contents(PyObject *o)
{
    return PyBytes_CheckExact(o) || PyByteArray_CheckExact(o) || PyMemoryView_Check(o)
           || (array_type != NULL && Py_TYPE(o) == (PyTypeObject *)array_type);
}

/* CONTENTS_BATCH of plain objects and probe exporters; any other object, or one whose buffer cannot be had (a released
   view), sends the whole batch to Python, which has touched nothing by then. */
static int serve_contents_batch(const unsigned char *b, size_t n, PyObject *objects)
{
    if (n < 5 || (n - 5) / 4 < be32(b + 1)) {
        return 0;
    }
    uint32_t count = be32(b + 1);
    for (uint32_t i = 0; i < count; i++) {
        PyObject *o = table_get(objects, be32(b + 5 + 4 * (size_t)i));
        if (o == NULL || (Py_TYPE(o) != &ExporterType && !plain_contents(o))) {
            return 0;
        }
    }
    answer_start(OLDBUFFER_STATUS_OK);
    for (uint32_t i = 0; i < count; i++) {
        PyObject *o = table_get(objects, be32(b + 5 + 4 * (size_t)i));
        if (Py_TYPE(o) == &ExporterType) {
            Exporter *e = (Exporter *)o;
            put32((uint32_t)e->len);
            if (grow(&frame_out, &frame_out_size, frame_out_len + (size_t)e->len) != 0) {
                frame_out_short = 1;
                continue;
            }
            for (Py_ssize_t k = 0; k < e->len; k++) {
                frame_out[frame_out_len++] = (unsigned char)e->storage[k * e->step];
            }
            continue;
        }
        Py_buffer view;
        if (PyObject_GetBuffer(o, &view, PyBUF_FULL_RO) != 0) {
            PyErr_Clear();
            return 0;
        }
        put32((uint32_t)view.len);
        if (grow(&frame_out, &frame_out_size, frame_out_len + (size_t)view.len) != 0) {
            frame_out_short = 1;
        } else if (PyBuffer_ToContiguous(frame_out + frame_out_len, &view, view.len, 'C') != 0) {
            PyErr_Clear();
            PyBuffer_Release(&view);
            return 0;
        } else {
            frame_out_len += (size_t)view.len;
        }
        PyBuffer_Release(&view);
    }
    return 1;
}

/* TRY_RELEASE of a memoryview: 1 released, 0 refused (BufferError: views of it are held). */
static int serve_try_release(const unsigned char *b, size_t n, PyObject *objects)
{
    PyObject *o = request_object(b, n, objects);
    if (o == NULL || !PyMemoryView_Check(o)) {
        return 0;
    }
    PyObject *done = PyObject_CallMethodObjArgs(o, name_release, NULL);
    if (done == NULL && !PyErr_ExceptionMatches(PyExc_BufferError)) {   /* the handler lets it through: INTERNAL */
        answer_python_error(OLDBUFFER_STATUS_INTERNAL);
        return 1;
    }
    PyErr_Clear();
    answer_start(OLDBUFFER_STATUS_OK);
    put8(done != NULL);
    Py_XDECREF(done);
    return 1;
}

/* ring_serve(objects, views, keepers, files, flags) -> (number, body) of the next request for the driver's handlers,
   or None once the kit is gone; the requests answered here before it never reach Python. The containers are the
   driver's: its table of objects, the views held, the keepers of C memory and the maps of files. */
static PyObject *
probe_ring_serve(PyObject *self, PyObject *args)
{
    PyObject *objects, *views, *keepers, *files;
    int flags;
    if (!PyArg_ParseTuple(args, "O!O!O!O!i", &PyDict_Type, &objects, &PyDict_Type, &views, &PyList_Type, &keepers,
                          &PyDict_Type, &files, &flags)) {
        return NULL;
    }
    if (requests == NULL) {
        PyErr_SetString(PyExc_ValueError, "ring_serve before ring_open");
        return NULL;
    }
    if (name_cast == NULL) {   /* interned, as the driver's own names are: see name_attribute */
        name_toreadonly = PyUnicode_InternFromString("toreadonly");
        name_release = PyUnicode_InternFromString("release");
        name_frombytes = PyUnicode_InternFromString("frombytes");
        name_cast = PyUnicode_InternFromString("cast");
        if (name_toreadonly == NULL || name_release == NULL || name_frombytes == NULL || name_cast == NULL) {
            return NULL;
        }
        PyObject *array = PyImport_ImportModule("array");   /* the driver's too; without it, arrays are Python's */
        array_type = array != NULL ? PyObject_GetAttrString(array, "array") : NULL;
        Py_XDECREF(array);
        PyErr_Clear();
    }
    for (;;) {
        unsigned char head[8];
        if (ring_take(head, 8) != 0) {
            Py_RETURN_NONE;
        }
        uint32_t n = be32(head), number = be32(head + 4);
        if (grow(&frame_in, &frame_in_size, n) != 0) {
            return PyErr_NoMemory();
        }
        if (ring_take(frame_in, n) != 0) {
            Py_RETURN_NONE;
        }
        int answered = 0;
        if ((flags & SERVE_IN_C) && n > 0) {
            switch (frame_in[0]) {
            case OLDBUFFER_OP_CALL: answered = serve_call(frame_in, n, objects); break;
            case OLDBUFFER_OP_FETCH_ERROR: answered = serve_fetch_error(); break;
            case OLDBUFFER_OP_RESET: answered = serve_reset(objects, views, keepers, files); break;
            case OLDBUFFER_OP_CREATE: answered = serve_create(frame_in, n, objects, flags); break;
            case OLDBUFFER_OP_REF_COUNT: answered = serve_ref_count(frame_in, n, objects); break;
            case OLDBUFFER_OP_EXPORT_COUNTS: answered = serve_export_counts(frame_in, n, objects); break;
            case OLDBUFFER_OP_CONTENTS_BATCH: answered = serve_contents_batch(frame_in, n, objects); break;
            case OLDBUFFER_OP_TRY_RELEASE: answered = serve_try_release(frame_in, n, objects); break;
            }
        }
        if (!answered) {
            return Py_BuildValue("(Iy#)", number, (const char *)frame_in, (Py_ssize_t)n);
        }
        if (answer_send(number) != 0) {
            if (PyErr_Occurred()) {
                return NULL;
            }
            Py_RETURN_NONE;
        }
    }
}

#endif

static PyMethodDef probe_methods[] = {
    CALL_METHODS
    {"read", probe_read, METH_VARARGS, "read(address, n) -> bytes or None"},
    {"await_input", probe_await_input, METH_O, "await_input(spin_ns): waits on the CPU until stdin is readable, at most spin_ns"},
    {"ring_open", probe_ring_open, METH_VARARGS, "ring_open(path, doorbell_fd, spin_ns): requests and answers through shared memory"},
#if !defined(PYPY_VERSION) && !defined(GRAALVM_PYTHON)
    {"ring_serve", probe_ring_serve, METH_VARARGS, "ring_serve(objects, views, keepers, files, flags) -> (number, body) or None"},
#endif
    {"ring_write", probe_ring_write, METH_O, "ring_write(data): onto the answers"},
    {"write", probe_write, METH_VARARGS, "write(address, data) -> bool"},
    {"exporter_contents", probe_exporter_contents, METH_O, NULL},
    {"exporter_counts", probe_exporter_counts, METH_O, NULL},
    {"exporter_setitem", probe_exporter_setitem, METH_VARARGS, NULL},
    {"refcount", probe_refcount, METH_O, "refcount(o) -> Py_REFCNT(o)"},
    {"acquire", probe_acquire, METH_VARARGS, "acquire(code, obj) -> (rc, buf, len, readonly, itemsize, ndim, c, a, error, view)"},
    {"release_view", probe_release_view, METH_O, "release_view(view): PyBuffer_Release"},
    {"check_buffer", probe_check_buffer, METH_O, "check_buffer(obj) -> PyObject_CheckBuffer(obj)"},
    {"c_memory", probe_c_memory, METH_VARARGS, "c_memory(data, writable) -> (memoryview, keeper)"},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef probe_module = {
    PyModuleDef_HEAD_INIT, "_oldbuffer_probe", "Old buffer API probe", -1, probe_methods
};

PyMODINIT_FUNC PyInit__oldbuffer_probe(void)
{
    ExporterType.tp_flags = Py_TPFLAGS_DEFAULT;
    ExporterType.tp_new = exporter_new;
    ExporterType.tp_dealloc = (destructor)exporter_dealloc;
    ExporterType.tp_as_buffer = &exporter_as_buffer;
    ExporterType.tp_doc = "Exporter(data, readonly, step, fail_with): configurable bf_getbuffer";
    if (PyType_Ready(&ExporterType) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&probe_module);
    if (m == NULL) {
        return NULL;
    }
    Py_INCREF(&ExporterType);
    if (PyModule_AddObject(m, "Exporter", (PyObject *)&ExporterType) < 0) {
        Py_DECREF(&ExporterType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

#else   /* OLDBUFFER_ABI3: the module of the calls alone */

static PyMethodDef abi3_methods[] = {
    CALL_METHODS
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef abi3_module = {
    PyModuleDef_HEAD_INIT, "_oldbuffer_abi3", "Old buffer API calls, built for the stable ABI of 3.2", -1, abi3_methods
};

PyMODINIT_FUNC PyInit__oldbuffer_abi3(void)
{
    return PyModule_Create(&abi3_module);
}

#endif
