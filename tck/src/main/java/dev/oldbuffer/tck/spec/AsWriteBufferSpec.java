package dev.oldbuffer.tck.spec;

import static dev.oldbuffer.spi.Function.AS_WRITE_BUFFER;

import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.PyBuf;
import dev.oldbuffer.tck.OldBufferTck;
import dev.oldbuffer.tck.RequiresFeature;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.assertions.Agreements;
import dev.oldbuffer.tck.assertions.TckMessages;
import dev.oldbuffer.tck.fixtures.Fixtures;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of {@code PyObject_AsWriteBuffer}: assertions {@code write01}..{@code write20}.
 * If these fail, check that the implementation asks for {@code PyBUF_WRITABLE}, turns every refusal into a
 * TypeError, and releases the view before returning.
 */
@ExtendWith(OldBufferTck.class)
@DisplayName("PyObject_AsWriteBuffer")
public class AsWriteBufferSpec {

    @Test
    @SpecAssertion("write01")
    void required_write01_writableContiguousObjectsSucceed(Subject s) {
        Checks.returns(s, AS_WRITE_BUFFER, Fixtures.contiguousWritable(s.runtime().features()), 0);
    }

    @Test
    @SpecAssertion("write02")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_write02_bufferHoldsTheObjectsBytes(Subject s) {
        Checks.pointsAtContents(s, AS_WRITE_BUFFER, Fixtures.contiguousWritable(s.runtime().features()));
    }

    @Test
    @SpecAssertion("write03")
    void required_write03_lengthIsTheByteSize(Subject s) {
        Checks.lengthIsByteSize(s, AS_WRITE_BUFFER, Fixtures.contiguousWritable(s.runtime().features()));
    }

    @Test
    @SpecAssertion("write04")
    @RequiresFeature(Feature.MEMORY_WRITE)
    void required_write04_writesThroughTheAddressReachTheObject(Subject s) {
        for (Fixture fixture : Fixtures.contiguousWritable(s.runtime().features())) {
            byte[] current = s.layout(fixture).data();
            ObjRef obj = s.create(fixture);
            CallResult r = s.call(AS_WRITE_BUFFER, obj);
            byte[] pattern = new byte[current.length];
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = (byte) (0xF0 ^ i);
            }
            s.writeThrough(r, current, pattern);
            byte[] seen = s.contents(obj);
            if (!java.util.Arrays.equals(seen, pattern)) {
                throw TckMessages.shouldHave(s.context(AS_WRITE_BUFFER), r,
                        "make bytes written at the address the object's content",
                        HexFormat.ofDelimiter(" ").formatHex(pattern), HexFormat.ofDelimiter(" ").formatHex(seen));
            }
        }
    }

    @Test
    @SpecAssertion("write05")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_write05_addressIsTheObjectsOwnMemory(Subject s) {
        Checks.addressIsObjectsMemory(s, AS_WRITE_BUFFER);
    }

    @Test
    @SpecAssertion("write06")
    void required_write06_readOnlyObjectsAreRefused(Subject s) {
        Checks.returns(s, AS_WRITE_BUFFER, Fixtures.readOnly(s.runtime().features()), -1);
    }

    @Test
    @SpecAssertion("write07")
    void required_write07_readOnlyRefusalSetsTypeError(Subject s) {
        Checks.failsWith(s, AS_WRITE_BUFFER, Fixtures.readOnly(s.runtime().features()), "TypeError");
    }

    @Test
    @SpecAssertion("write08")
    void required_write08_nonContiguousObjectsAreRefusedWithTypeError(Subject s) {
        Checks.failsWith(s, AS_WRITE_BUFFER, Fixtures.nonContiguousWritable(s.runtime().features()), "TypeError");
    }

    @Test
    @SpecAssertion("write09")
    void required_write09_objectsWithoutBufferAreRefusedWithTypeError(Subject s) {
        Checks.failsWith(s, AS_WRITE_BUFFER, Fixtures.withoutBuffer(), "TypeError");
    }

    @Test
    @SpecAssertion("write10")
    void required_write10_refusingExportersGiveTypeError(Subject s) {
        Checks.failsWith(s, AS_WRITE_BUFFER, Fixtures.refusing(s.runtime().features()), "TypeError");
    }

    @Test
    @SpecAssertion("write11")
    void required_write11_successLeavesNoError(Subject s) {
        Checks.successLeavesNoError(s, AS_WRITE_BUFFER, Fixtures.contiguousWritable(s.runtime().features()));
    }

    @Test
    @SpecAssertion("write12")
    void required_write12_emptyWritableObjectSucceedsWithLengthZero(Subject s) {
        Checks.lengthIsByteSize(s, AS_WRITE_BUFFER, List.of(Fixture.bytearray(), Fixture.memoryview(Fixture.bytearray())));
    }

    @Test
    @SpecAssertion("write13")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_write13_everyAcquiredViewIsReleased(Subject s) {
        Checks.exporterBalanced(s, AS_WRITE_BUFFER, List.of(ExporterSpec.writable(Fixtures.ascii("rw")),
                ExporterSpec.readOnly(Fixtures.ascii("ro")), ExporterSpec.strided(3, Fixtures.ascii("st")),
                ExporterSpec.failing("ValueError")));
    }

    @Test
    @SpecAssertion("write14")
    @RequiresFeature(Feature.EXPORT_PROBES)
    void required_write14_objectIsNoLongerExportedAfterwards(Subject s) {
        Checks.noLongerExported(s, AS_WRITE_BUFFER);
    }

    @Test
    @SpecAssertion("write15")
    void required_write15_successImpliesTheSameReadBuffer(Subject s) {
        for (Fixture fixture : Fixtures.everything(s.runtime().features())) {
            Agreements.asReadFollowsAsWrite(s, s.create(fixture));
        }
    }

    @Test
    @SpecAssertion("write16")
    void cpython_write16_failureLeavesOutParametersUntouched(Subject s) {
        List<Fixture> failing = new ArrayList<>(Fixtures.withoutBuffer());
        failing.addAll(Fixtures.readOnly(s.runtime().features()));
        failing.addAll(Fixtures.nonContiguousWritable(s.runtime().features()));
        failing.addAll(Fixtures.refusing(s.runtime().features()));
        Checks.failureLeavesSlots(s, AS_WRITE_BUFFER, failing);
    }

    @Test
    @SpecAssertion("write17")
    @RequiresFeature(Feature.NULL_ARGUMENTS)
    void cpython_write17_nullArgumentsSetSystemError(Subject s) {
        Checks.nullArguments(s, AS_WRITE_BUFFER);
    }

    @Test
    @SpecAssertion("write18")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void cpython_write18_requestsAWritableView(Subject s) {
        Checks.requests(s, AS_WRITE_BUFFER, ExporterSpec.writable(Fixtures.ascii("flags")), PyBuf.WRITABLE, "PyBUF_WRITABLE");
    }

    @Test
    @SpecAssertion("write19")
    void cpython_write19_everyRefusalHasTheSameMessage(Subject s) {
        List<Fixture> failing = new ArrayList<>(Fixtures.withoutBuffer());
        failing.addAll(Fixtures.readOnly(s.runtime().features()));
        failing.addAll(Fixtures.nonContiguousWritable(s.runtime().features()));
        failing.addAll(Fixtures.refusing(s.runtime().features()));
        Checks.failsWithMessage(s, AS_WRITE_BUFFER, failing, (subject, f) -> "expected a writable bytes-like object");
    }

    @Test
    @SpecAssertion("write20")
    @RequiresFeature(Feature.PRESET_ERROR)
    void cpython_write20_successKeepsAPresetError(Subject s) {
        Checks.keepsPresetError(s, AS_WRITE_BUFFER, Fixture.bytearray(Fixtures.ascii("abc")), 0);
    }

    @Test
    @SpecAssertion("write21")
    @RequiresFeature({Feature.NULL_ARGUMENTS, Feature.PRESET_ERROR})
    void cpython_write21_nullArgumentsKeepAnEarlierError(Subject s) {
        Checks.nullArgumentsKeepAnEarlierError(s, AS_WRITE_BUFFER);
    }

    @Test
    @SpecAssertion("write22")
    @RequiresFeature(Feature.SUBCLASSES)
    void required_write22_subclassesAreHandledAsTheirBaseTypes(Subject s) {
        Checks.subclassesAsTheirBase(s, AS_WRITE_BUFFER);
    }

    @Test
    @SpecAssertion("write23")
    @RequiresFeature({Feature.MMAP, Feature.MEMORY_WRITE})
    void required_write23_writesThroughTheAddressReachTheMapAndItsFile(Subject s) {
        Checks.writesThroughAnMmap(s);
    }

    @Test
    @SpecAssertion("write24")
    @RequiresFeature(Feature.MMAP)
    void required_write24_readOnlyAndClosedMmapsAreRefused(Subject s) {
        Checks.failsWith(s, AS_WRITE_BUFFER, List.of(new Fixture.Mmap(Fixtures.ascii("read only"), 9,
                Fixture.Mmap.Access.READ, true, false), Fixtures.closedMmap()), "TypeError");
    }

    @Test
    @SpecAssertion("write25")
    @RequiresFeature(Feature.PEP688)
    void required_write25_pythonExportersAreAcceptedAndReleasedOnce(Subject s) {
        Pep688Checks.accepted(s, AS_WRITE_BUFFER);
    }

    @Test
    @SpecAssertion("write26")
    @RequiresFeature(Feature.PEP688)
    void required_write26_pythonExporterRefusalsSetTheProfilesError(Subject s) {
        Pep688Checks.refused(s, AS_WRITE_BUFFER, "write26");
    }

    @Test
    @SpecAssertion("write27")
    @RequiresFeature(Feature.PEP688)
    void required_write27_releaseTroubleStaysInsideTheCall(Subject s) {
        Pep688Checks.releaseTroubleStaysInside(s, AS_WRITE_BUFFER);
    }

    @Test
    @SpecAssertion("write40")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_write40_aViewOfMoreThanOneSegmentIsRefused(Subject s) {
        RuleBreakChecks.notOneSegmentRefused(s, AS_WRITE_BUFFER);
    }

    @Test
    @SpecAssertion("write41")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void cpython_write41_whatTheExporterHandsBackIsPassedOn(Subject s) {
        RuleBreakChecks.notOneSegmentPassedOn(s, AS_WRITE_BUFFER);
    }

    @Test
    @SpecAssertion("write42")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_write42_aSilentFailureStillSetsTypeError(Subject s) {
        RuleBreakChecks.silentFailure(s, AS_WRITE_BUFFER, "TypeError");
    }

    @Test
    @SpecAssertion("write43")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_write43_aReadOnlyViewToAWritableRequestIsRefused(Subject s) {
        RuleBreakChecks.readOnlyViewToAWritableRequest(s, false);
    }

    @Test
    @SpecAssertion("write44")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void cpython_write44_aReadOnlyViewToAWritableRequestIsPassedOn(Subject s) {
        RuleBreakChecks.readOnlyViewToAWritableRequest(s, true);
    }

    @Test
    @SpecAssertion("write45")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_write45_oneSegmentInAnyLayoutIsAccepted(Subject s) {
        RuleBreakChecks.otherLayoutsOfOneSegmentAccepted(s, AS_WRITE_BUFFER);
    }

    @Test
    @SpecAssertion("write28")
    @RequiresFeature(Feature.CTYPES)
    void required_write28_ctypesObjectsAreWritable(Subject s) {
        Checks.ctypesObjects(s, AS_WRITE_BUFFER);
    }

    @Test
    @SpecAssertion("write29")
    @RequiresFeature(Feature.C_MEMORY)
    void required_write29_memoryviewsOverWritableCMemoryAreWritable(Subject s) {
        Checks.sharesItsMemory(s, AS_WRITE_BUFFER, List.of(Fixtures.writableCMemory()));
    }

    @Test
    @SpecAssertion("write46")
    @RequiresFeature(Feature.C_MEMORY)
    void required_write46_memoryviewsOverReadOnlyCMemoryAreRefusedWithTypeError(Subject s) {
        Checks.failsWith(s, AS_WRITE_BUFFER, List.of(Fixtures.readOnlyCMemory()), "TypeError");
    }

    @Test
    @SpecAssertion("write47")
    @RequiresFeature(Feature.ARRAY_MODULE)
    void required_write47_everyItemFormatIsWritableWithItsSizeInBytes(Subject s) {
        Checks.sharesItsMemory(s, AS_WRITE_BUFFER, Fixtures.otherItemFormats(s.runtime().features()));
    }

    @Test
    @SpecAssertion("write48")
    @RequiresFeature({Feature.PEP688, Feature.EXPORT_PROBES})
    void required_write48_aBytearraySubclassIsExportedThroughItsOwnBufferMethod(Subject s) {
        Checks.exportsThroughItsOverride(s, AS_WRITE_BUFFER);
    }

    @Test
    @SpecAssertion("write49")
    @RequiresFeature({Feature.LARGE_MAPS, Feature.MMAP})
    void required_write49_aMapOver2GiBKeepsItsFullLength(Subject s) {
        Checks.largeMapsKeepTheirFullLength(s, AS_WRITE_BUFFER);
    }
}
