package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.reference.memory.Region;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * {@code str}: text, no buffer interface (its bytes depend on an encoding). Like CPython's, it keeps its UTF-8 form once
 * asked for it ({@code PyUnicode_AsUTF8AndSize}), at an address that stays the same for the object's life.
 */
@API(status = INTERNAL, since = "0.1")
public final class PyStr implements PyObject {

    private final String text;
    private Region utf8;

    public PyStr(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    @Override
    public String typeName() {
        return "str";
    }

    @Override
    public byte[] toBytes() throws PyException {
        throw PyException.typeError("string argument without an encoding");
    }

    /** {@code PyUnicode_AsUTF8AndSize}: the UTF-8 bytes, kept in {@code memory}; a lone surrogate cannot be encoded. */
    public Region utf8(AddressSpace memory) throws PyException {
        if (utf8 == null) {
            try {
                ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
                byte[] bytes = new byte[encoded.remaining()];
                encoded.get(bytes);
                utf8 = memory.allocate(bytes, true, "str UTF-8");
            } catch (CharacterCodingException e) {
                throw new PyException("UnicodeEncodeError", "'utf-8' codec can't encode: surrogates not allowed");
            }
        }
        return utf8;
    }

    @Override
    public String toString() {
        return "PyStr[" + text + "]";
    }
}
