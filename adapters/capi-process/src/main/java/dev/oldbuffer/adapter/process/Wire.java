package dev.oldbuffer.adapter.process;

import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.PyBuf;
import dev.oldbuffer.spi.Replacement;
import dev.oldbuffer.spi.Typecodes;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every code the adapter and the interpreter side agree on, written once: operations, response statuses, the test
 * hooks' modes, the bits of a call's mode byte, the functions, the tags of fixture recipes, the feature names and the
 * fixed layouts of a call and its result. {@link DriverFiles} turns this class into {@value #PYTHON_MODULE}.py for the
 * driver and {@value #C_HEADER} for the probe, so neither repeats a number, and each checks at start-up that it
 * handles every entry ({@code WireTest} runs that check on every interpreter of the build).
 */
final class Wire {

    /** The generated Python module and C header. */
    static final String PYTHON_MODULE = "oldbuffer_wire";
    static final String C_HEADER = "oldbuffer_wire.h";

    private Wire() {
    }

    /** A request's operation. */
    enum Op {
        HELLO(1), CREATE(2), CALL(3), CALL_BATCH(4), SET_ERROR(5), FETCH_ERROR(6), READ(7), WRITE(8), CONTENTS(9),
        SET_ITEM(10), TRY_RESIZE(11), TRY_RELEASE(12), EXPORT_COUNTS(13), RESET(14), FILE_CONTENTS(18), REF_COUNT(19),
        /** The new buffer API: a replacement call, PyBuffer_Release of the view it left held, PyObject_CheckBuffer. */
        ACQUIRE(20), RELEASE_VIEW(21), CHECK_BUFFER(22),
        /** The contents of several objects in one frame (a stateful try's invariant). */
        CONTENTS_BATCH(23),
        /** sys.gettotalrefcount() of a debug build. */
        TOTAL_REF_COUNT(24),
        /** ACQUIRE, then RELEASE_VIEW of the view it left held: one request where a test compares what was handed over. */
        ACQUIRE_AND_RELEASE(25),
        /** Test hooks: a hang, a crash, a broken stream. */
        SLEEP(15), CRASH(16), DESYNC(17);

        final int code;

        Op(int code) {
            this.code = code;
        }
    }

    /** A response's status. */
    enum Status {
        OK(0), ILLEGAL_ARGUMENT(1), UNSUPPORTED(2), MEMORY_ACCESS(3), INTERNAL(4), UNAVAILABLE(5);

        final int code;

        Status(int code) {
            this.code = code;
        }

        static Status of(int code) {
            for (Status s : values()) {
                if (s.code == code) {
                    return s;
                }
            }
            return INTERNAL;
        }
    }

    /** How {@link Op#DESYNC} breaks the protocol after answering. */
    enum Desync {
        SWALLOW_NEXT(0), ANSWER_TWICE(1), STOP_READING(2);

        final int code;

        Desync(int code) {
            this.code = code;
        }
    }

    /** Bits of a call's mode byte: which arguments are C NULL. */
    static final int NULL_OBJECT = 1, NULL_BUFFER = 2, NULL_LENGTH = 4;
    /**
     * A single call's mode bit, not the C probe's: after a success, the answer carries the bytes at the returned address
     * (up to {@link #MEMORY_WITH_CALL} of them), which the kit reads next to check them - one round trip fewer.
     */
    static final int WITH_MEMORY = 8;
    static final int MEMORY_WITH_CALL = 4096;

    /** Calls per batch frame: bounds the frame size and the time one frame may take. */
    static final int MAX_BATCH = 4096;

    /** Big-endian struct layouts (Python's struct syntax): a call's fixed arguments, its result, an exporter's counts. */
    static final String CALL_ARGS = ">BBIqq", RESULT = ">iqqB", COUNTS = ">iii";
    /**
     * A replacement call's result: rc, buf, len, readonly, itemsize, ndim, C-contiguous, one segment, the driver's number
     * of the held view (0: none), error follows.
     */
    static final String ACQUIRED = ">iqqBqiBBIB";

    /** A function's code on the wire. */
    static int code(Function f) {
        return switch (f) {
            case AS_CHAR_BUFFER -> 0;
            case AS_READ_BUFFER -> 1;
            case CHECK_READ_BUFFER -> 2;
            case AS_WRITE_BUFFER -> 3;
        };
    }

    /** A replacement call's code on the wire. */
    static int code(Replacement r) {
        return switch (r) {
            case GET_BUFFER_SIMPLE -> 0;
            case GET_BUFFER_WRITABLE -> 1;
            case GET_BUFFER_FULL_RO -> 2;
            case PARSE_Y_STAR -> 3;
            case PARSE_W_STAR -> 4;
            case PARSE_S_STAR -> 5;
            case PARSE_Y_HASH -> 6;
        };
    }

    /** The tag letter that starts a fixture recipe on the wire; {@link Protocol#encode} writes each kind's fields after it. */
    enum Tag {
        BYTES('B'), BYTEARRAY('A'), ARRAY('R'), MEMORYVIEW('M'), SLICED('S'), CAST('C'), READONLY('O'), RELEASED('L'),
        STR('T'), INT('I'), NONE('N'), EXPORTER('E'), EXISTING('X'), SUBCLASS('U'), MMAP('P'),
        PYTHON_EXPORTER('Y'), CTYPES('K'), C_MEMORY('F'), BUFFER_OVERRIDE('V'), LARGE_MAP('G');

        final char letter;

        Tag(char letter) {
            this.letter = letter;
        }
    }

    /** The driver's module: the same codes as Python constants. */
    static String pythonModule() {
        StringBuilder py = new StringBuilder("# Generated by dev.oldbuffer.adapter.process.Wire, the one definition of the "
                + "protocol's codes; do not edit.\n");
        for (Op op : Op.values()) {
            py.append(op.name()).append(" = ").append(op.code).append('\n');
        }
        py.append("OPS = (").append(Arrays.stream(Op.values()).map(Op::name).collect(Collectors.joining(", "))).append(")\n");
        for (Status s : Status.values()) {
            py.append(s.name()).append(" = ").append(s.code).append('\n');
        }
        for (Desync d : Desync.values()) {
            py.append(d.name()).append(" = ").append(d.code).append('\n');
        }
        py.append("NULL_OBJECT, NULL_BUFFER, NULL_LENGTH = ").append(NULL_OBJECT).append(", ").append(NULL_BUFFER).append(", ")
                .append(NULL_LENGTH).append('\n');
        py.append("WITH_MEMORY, MEMORY_WITH_CALL = ").append(WITH_MEMORY).append(", ").append(MEMORY_WITH_CALL).append('\n');
        py.append("CALL_ARGS_FORMAT, RESULT_FORMAT, COUNTS_FORMAT, ACQUIRED_FORMAT = '").append(CALL_ARGS).append("', '").append(RESULT)
                .append("', '").append(COUNTS).append("', '").append(ACQUIRED).append("'\n");
        py.append("PYBUF_READ, PYBUF_WRITE = ").append(PyBuf.READ).append(", ").append(PyBuf.WRITE).append('\n');
        py.append("# (code, C name, has out-parameters)\nFUNCTIONS = (");
        for (Function f : Function.values()) {
            py.append('(').append(code(f)).append(", '").append(f.cName()).append("', ").append(f.hasOutParameters() ? "True" : "False")
                    .append("), ");
        }
        py.append(")\n# by code: (name, request flags of a GetBuffer call or None, PyArg_ParseTuple format or None)\nREPLACEMENTS = (");
        for (Replacement r : Replacement.values()) {   // in code order: the codes are the indexes
            py.append("('").append(r.name()).append("', ").append(r.isGetBuffer() ? Integer.toString(r.flags()) : "None")
              .append(", ").append(r.isGetBuffer() ? "None" : "b'" + r.format() + "'").append("), ");
        }
        py.append(")\nTAGS = {");
        for (Tag t : Tag.values()) {
            py.append('\'').append(t.name()).append("': '").append(t.letter).append("', ");
        }
        py.append("}\nPEP688_MODES = (");
        for (Fixture.PythonExporter.Mode m : Fixture.PythonExporter.Mode.values()) {
            py.append('\'').append(m.name()).append("', ");
        }
        py.append(")\nCTYPES_TYPES = (");
        for (Fixture.Ctypes.Type t : Fixture.Ctypes.Type.values()) {
            py.append('\'').append(t.name()).append("', ");
        }
        py.append(")\n# the exporter's rule breaks, by code (their index)\nEXPORTER_RULES = (");
        for (ExporterSpec.RuleBreak rule : ExporterSpec.RuleBreak.values()) {
            py.append('\'').append(rule.name()).append("', ");
        }
        py.append(")\n# the formats whose size is the C data model's (Feature.LP64_ITEM_SIZES)\nLP64_FORMATS = '")
                .append(Typecodes.LP64_FORMATS).append("'\nFEATURES = (");
        for (Feature f : Feature.values()) {
            py.append('\'').append(f.name()).append("', ");
        }
        return py.append(")\n").toString();
    }

    /** The probe's header: the codes of functions, modes, operations, statuses and fixture tags as C macros. */
    static String cHeader() {
        StringBuilder h = new StringBuilder("/* Generated by dev.oldbuffer.adapter.process.Wire, the one definition of the "
                + "protocol's codes; do not edit. */\n");
        for (Function f : Function.values()) {
            h.append("#define OLDBUFFER_FN_").append(f.name()).append(' ').append(code(f)).append('\n');
        }
        h.append("#define OLDBUFFER_FN_COUNT ").append(Function.values().length).append('\n');
        for (Replacement r : Replacement.values()) {
            h.append("#define OLDBUFFER_RP_").append(r.name()).append(' ').append(code(r)).append('\n');
        }
        h.append("#define OLDBUFFER_RP_COUNT ").append(Replacement.values().length).append('\n');
        h.append("#define OLDBUFFER_NULL_OBJECT ").append(NULL_OBJECT).append('\n');
        h.append("#define OLDBUFFER_NULL_BUFFER ").append(NULL_BUFFER).append('\n');
        h.append("#define OLDBUFFER_NULL_LENGTH ").append(NULL_LENGTH).append('\n');
        for (ExporterSpec.RuleBreak rule : ExporterSpec.RuleBreak.values()) {
            h.append("#define OLDBUFFER_RULE_").append(rule.name()).append(' ').append(rule.ordinal()).append('\n');
        }
        h.append("#define OLDBUFFER_RULE_COUNT ").append(ExporterSpec.RuleBreak.values().length).append('\n');
        // what the probe's ring_serve answers itself: the frames of the commonest requests
        for (Op op : Op.values()) {
            h.append("#define OLDBUFFER_OP_").append(op.name()).append(' ').append(op.code).append('\n');
        }
        for (Status s : Status.values()) {
            h.append("#define OLDBUFFER_STATUS_").append(s.name()).append(' ').append(s.code).append('\n');
        }
        for (Tag t : Tag.values()) {
            h.append("#define OLDBUFFER_TAG_").append(t.name()).append(" '").append(t.letter).append("'\n");
        }
        h.append("#define OLDBUFFER_WITH_MEMORY ").append(WITH_MEMORY).append('\n');
        h.append("#define OLDBUFFER_MEMORY_WITH_CALL ").append(MEMORY_WITH_CALL).append('\n');
        return h.toString();
    }
}
