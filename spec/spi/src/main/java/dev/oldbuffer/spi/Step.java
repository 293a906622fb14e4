package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One operation of a try whose answer the kit can wait for later ({@link OldBufferRuntime#later}): the kit asks for
 * several, then reads their answers, so that a runtime behind a process can carry them over in one round trip. Each
 * step is one of the runtime's own methods, which {@link #runOn} calls.
 *
 * @param <T> what the step answers
 */
@API(status = EXPERIMENTAL, since = "0.3")
public sealed interface Step<T> permits OldBufferRuntime.Call, Step.FetchError, Step.RefCount, Step.ExportCountsOf,
        Step.TryResize, Step.TryRelease, Step.SetItem, Step.Read, Step.Write, Step.Contents, Step.ContentsOf,
        Step.AcquireAndRelease, Step.CheckBuffer {

    /** Runs the step on {@code runtime} at once, by the method it stands for. */
    T runOn(OldBufferRuntime runtime);

    /** {@link OldBufferRuntime#fetchError()}. */
    record FetchError() implements Step<Optional<PyError>> {
        @Override
        public Optional<PyError> runOn(OldBufferRuntime runtime) {
            return runtime.fetchError();
        }
    }

    /** {@link OldBufferRuntime#refCount}. */
    record RefCount(ObjRef object) implements Step<Long> {
        @Override
        public Long runOn(OldBufferRuntime runtime) {
            return runtime.refCount(object);
        }
    }

    /** {@link OldBufferRuntime#exportCounts}. */
    record ExportCountsOf(ObjRef exporter) implements Step<ExportCounts> {
        @Override
        public ExportCounts runOn(OldBufferRuntime runtime) {
            return runtime.exportCounts(exporter);
        }
    }

    /** {@link OldBufferRuntime#tryResize}. */
    record TryResize(ObjRef object) implements Step<Boolean> {
        @Override
        public Boolean runOn(OldBufferRuntime runtime) {
            return runtime.tryResize(object);
        }
    }

    /** {@link OldBufferRuntime#tryRelease}. */
    record TryRelease(ObjRef view) implements Step<Boolean> {
        @Override
        public Boolean runOn(OldBufferRuntime runtime) {
            return runtime.tryRelease(view);
        }
    }

    /** {@link OldBufferRuntime#setItem}; answers true once the byte is stored. */
    record SetItem(ObjRef object, int index, byte value) implements Step<Boolean> {
        @Override
        public Boolean runOn(OldBufferRuntime runtime) {
            runtime.setItem(object, index, value);
            return true;
        }
    }

    /** {@link OldBufferRuntime#read}. */
    record Read(long address, int length) implements Step<byte[]> {
        @Override
        public byte[] runOn(OldBufferRuntime runtime) {
            return runtime.read(address, length);
        }
    }

    /** {@link OldBufferRuntime#write}; answers true once the bytes are written. */
    record Write(long address, byte[] data) implements Step<Boolean> {
        @Override
        public Boolean runOn(OldBufferRuntime runtime) {
            runtime.write(address, data);
            return true;
        }
    }

    /** {@link OldBufferRuntime#contents}. */
    record Contents(ObjRef object) implements Step<byte[]> {
        @Override
        public byte[] runOn(OldBufferRuntime runtime) {
            return runtime.contents(object);
        }
    }

    /** {@link OldBufferRuntime#contentsOf}. */
    record ContentsOf(List<ObjRef> objects) implements Step<List<byte[]>> {
        public ContentsOf {
            objects = List.copyOf(objects);
        }

        @Override
        public List<byte[]> runOn(OldBufferRuntime runtime) {
            return runtime.contentsOf(objects);
        }
    }

    /**
     * {@link OldBufferRuntime#acquire}, then {@link OldBufferRuntime#release} of the view it left held, if any: what a
     * test compares is what the call handed over ({@link Feature#NEW_BUFFER_API}).
     */
    record AcquireAndRelease(Replacement call, ObjRef object) implements Step<Acquisition> {
        @Override
        public Acquisition runOn(OldBufferRuntime runtime) {
            Acquisition a = runtime.acquire(call, object);
            if (a.holdsView()) {
                runtime.release(a);
            }
            return a;
        }
    }

    /** {@link OldBufferRuntime#checkBuffer}. */
    record CheckBuffer(ObjRef object) implements Step<Integer> {
        @Override
        public Integer runOn(OldBufferRuntime runtime) {
            return runtime.checkBuffer(object);
        }
    }
}
