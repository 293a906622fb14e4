package dev.oldbuffer.tck.broken;

import dev.oldbuffer.spi.ImplementationUnavailableException;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.RuntimeRequest;

/**
 * Makes each {@link Defect} selectable as {@code broken-<id>} (registered in the test resources'
 * {@code META-INF/services}): one small provider class per defect, since the service loader makes one instance
 * per class. Each accepts the run's profile and refuses a profile it does not model.
 */
public abstract class BrokenProvider extends ReferenceVariant {

    private final Defect defect;

    BrokenProvider(Defect defect) {
        super(defect.providerId(), "reference implementation with a defect: " + defect.description);
        this.defect = defect;
    }

    /** Opens for a run of the profile the defect is derived from, and refuses any other. */
    @Override
    public OldBufferRuntime open(RuntimeRequest request) {
        if (request.profile() != defect.profile) {
            throw new ImplementationUnavailableException(id() + " models the " + defect.profile + " profile only, not "
                    + request.profile());
        }
        return defect.open();
    }

    public static final class SuccessReturnsOne extends BrokenProvider {
        public SuccessReturnsOne() {
            super(Defect.SUCCESS_RETURNS_ONE);
        }
    }

    public static final class LengthInItems extends BrokenProvider {
        public LengthInItems() {
            super(Defect.LENGTH_IN_ITEMS);
        }
    }

    public static final class AcceptsStrided extends BrokenProvider {
        public AcceptsStrided() {
            super(Defect.ACCEPTS_STRIDED);
        }
    }

    public static final class CheckLeavesError extends BrokenProvider {
        public CheckLeavesError() {
            super(Defect.CHECK_LEAVES_ERROR);
        }
    }

    public static final class WrongExceptionType extends BrokenProvider {
        public WrongExceptionType() {
            super(Defect.WRONG_EXCEPTION_TYPE);
        }
    }

    public static final class ViewNeverReleased extends BrokenProvider {
        public ViewNeverReleased() {
            super(Defect.VIEW_NEVER_RELEASED);
        }
    }

    public static final class ReleasedTwice extends BrokenProvider {
        public ReleasedTwice() {
            super(Defect.RELEASED_TWICE);
        }
    }

    public static final class PointerToACopy extends BrokenProvider {
        public PointerToACopy() {
            super(Defect.POINTER_TO_A_COPY);
        }
    }

    public static final class WritableReadOnly extends BrokenProvider {
        public WritableReadOnly() {
            super(Defect.WRITABLE_READ_ONLY);
        }
    }

    public static final class CheckReturnsTwo extends BrokenProvider {
        public CheckReturnsTwo() {
            super(Defect.CHECK_RETURNS_TWO);
        }
    }

    public static final class CheckIgnoresContiguity extends BrokenProvider {
        public CheckIgnoresContiguity() {
            super(Defect.CHECK_IGNORES_CONTIGUITY);
        }
    }

    public static final class SuccessLeavesError extends BrokenProvider {
        public SuccessLeavesError() {
            super(Defect.SUCCESS_LEAVES_ERROR);
        }
    }

    public static final class AcceptsStr extends BrokenProvider {
        public AcceptsStr() {
            super(Defect.ACCEPTS_STR);
        }
    }

    public static final class EmptyRefused extends BrokenProvider {
        public EmptyRefused() {
            super(Defect.EMPTY_REFUSED);
        }
    }

    public static final class OutParamsOnFailure extends BrokenProvider {
        public OutParamsOnFailure() {
            super(Defect.OUT_PARAMS_ON_FAILURE);
        }
    }

    public static final class PresetErrorCleared extends BrokenProvider {
        public PresetErrorCleared() {
            super(Defect.PRESET_ERROR_CLEARED);
        }
    }

    public static final class SubclassesRefused extends BrokenProvider {
        public SubclassesRefused() {
            super(Defect.SUBCLASSES_REFUSED);
        }
    }

    public static final class MmapRefused extends BrokenProvider {
        public MmapRefused() {
            super(Defect.MMAP_REFUSED);
        }
    }

    public static final class NullReplacesEarlierError extends BrokenProvider {
        public NullReplacesEarlierError() {
            super(Defect.NULL_REPLACES_EARLIER_ERROR);
        }
    }

    public static final class NullCrashes extends BrokenProvider {
        public NullCrashes() {
            super(Defect.NULL_CRASHES);
        }
    }

    public static final class Pep688Refused extends BrokenProvider {
        public Pep688Refused() {
            super(Defect.PEP688_REFUSED);
        }
    }

    public static final class TrustsTheExporter extends BrokenProvider {
        public TrustsTheExporter() {
            super(Defect.TRUSTS_THE_EXPORTER);
        }
    }

    public static final class COrderOnly extends BrokenProvider {
        public COrderOnly() {
            super(Defect.C_ORDER_ONLY);
        }
    }

    public static final class RechecksTheView extends BrokenProvider {
        public RechecksTheView() {
            super(Defect.RECHECKS_THE_VIEW);
        }
    }

    public static final class ByteFormatsOnly extends BrokenProvider {
        public ByteFormatsOnly() {
            super(Defect.BYTE_FORMATS_ONLY);
        }
    }

    public static final class OwnerlessRefused extends BrokenProvider {
        public OwnerlessRefused() {
            super(Defect.OWNERLESS_REFUSED);
        }
    }

    public static final class OwnerlessWritable extends BrokenProvider {
        public OwnerlessWritable() {
            super(Defect.OWNERLESS_WRITABLE);
        }
    }

    public static final class DecrefForgotten extends BrokenProvider {
        public DecrefForgotten() {
            super(Defect.DECREF_FORGOTTEN);
        }
    }

    public static final class FormatTableLength extends BrokenProvider {
        public FormatTableLength() {
            super(Defect.FORMAT_TABLE_LENGTH);
        }
    }

    public static final class InheritedSlot extends BrokenProvider {
        public InheritedSlot() {
            super(Defect.INHERITED_SLOT);
        }
    }

    public static final class LengthInAnInt extends BrokenProvider {
        public LengthInAnInt() {
            super(Defect.LENGTH_IN_AN_INT);
        }
    }

    public static final class GetBufferForgetsReadonly extends BrokenProvider {
        public GetBufferForgetsReadonly() {
            super(Defect.GET_BUFFER_FORGETS_READONLY);
        }
    }

    public static final class YStarAnyOrder extends BrokenProvider {
        public YStarAnyOrder() {
            super(Defect.Y_STAR_ANY_ORDER);
        }
    }

    public static final class GetBufferReleasesAtOnce extends BrokenProvider {
        public GetBufferReleasesAtOnce() {
            super(Defect.GET_BUFFER_RELEASES_AT_ONCE);
        }
    }

    public static final class YHashIgnoresTheReleaseSlot extends BrokenProvider {
        public YHashIgnoresTheReleaseSlot() {
            super(Defect.Y_HASH_IGNORES_THE_RELEASE_SLOT);
        }
    }

    public static final class CheckBufferAsksTheExporter extends BrokenProvider {
        public CheckBufferAsksTheExporter() {
            super(Defect.CHECK_BUFFER_ASKS_THE_EXPORTER);
        }
    }

    public static final class ExceptionKept extends BrokenProvider {
        public ExceptionKept() {
            super(Defect.EXCEPTION_KEPT);
        }
    }

    public static final class WStarKeepsTheError extends BrokenProvider {
        public WStarKeepsTheError() {
            super(Defect.W_STAR_KEEPS_THE_ERROR);
        }
    }
}
