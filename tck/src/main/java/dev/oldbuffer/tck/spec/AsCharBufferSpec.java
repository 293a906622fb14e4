package dev.oldbuffer.tck.spec;

import static dev.oldbuffer.spi.Function.AS_CHAR_BUFFER;

import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.PyBuf;
import dev.oldbuffer.tck.OldBufferTck;
import dev.oldbuffer.tck.RequiresFeature;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.fixtures.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of {@code PyObject_AsCharBuffer}: assertions {@code char01}..{@code char21}.
 * If these fail, check first that the implementation asks the exporter for a simple view
 * ({@code PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE)}), copies {@code view.buf} and {@code view.len} to the
 * out-parameters and calls {@code PyBuffer_Release} before returning.
 */
@ExtendWith(OldBufferTck.class)
@DisplayName("PyObject_AsCharBuffer")
public class AsCharBufferSpec {

    @Test
    @SpecAssertion("char01")
    void required_char01_contiguousObjectsSucceed(Subject s) {
        Checks.returns(s, AS_CHAR_BUFFER, Fixtures.contiguous(s.runtime().features()), 0);
    }

    @Test
    @SpecAssertion("char02")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_char02_bufferHoldsTheObjectsBytes(Subject s) {
        Checks.pointsAtContents(s, AS_CHAR_BUFFER, Fixtures.contiguous(s.runtime().features()));
    }

    @Test
    @SpecAssertion("char03")
    void required_char03_lengthIsTheByteSize(Subject s) {
        Checks.lengthIsByteSize(s, AS_CHAR_BUFFER, Fixtures.contiguous(s.runtime().features()));
    }

    @Test
    @SpecAssertion("char04")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_char04_addressIsTheObjectsOwnMemory(Subject s) {
        Checks.addressIsObjectsMemory(s, AS_CHAR_BUFFER);
    }

    @Test
    @SpecAssertion("char05")
    void required_char05_readOnlyObjectsAreAccepted(Subject s) {
        Checks.returns(s, AS_CHAR_BUFFER, Fixtures.contiguousReadOnly(s.runtime().features()), 0);
    }

    @Test
    @SpecAssertion("char06")
    void required_char06_sliceAddressIsInsideTheBase(Subject s) {
        Checks.slicePointsIntoBase(s, AS_CHAR_BUFFER);
    }

    @Test
    @SpecAssertion("char07")
    void required_char07_emptyObjectsSucceedWithLengthZero(Subject s) {
        Checks.lengthIsByteSize(s, AS_CHAR_BUFFER, Fixtures.empty());
    }

    @Test
    @SpecAssertion("char08")
    void required_char08_successLeavesNoError(Subject s) {
        Checks.successLeavesNoError(s, AS_CHAR_BUFFER, Fixtures.contiguous(s.runtime().features()));
    }

    @Test
    @SpecAssertion("char09")
    void required_char09_objectsWithoutBufferReturnMinusOne(Subject s) {
        Checks.returns(s, AS_CHAR_BUFFER, Fixtures.withoutBuffer(), -1);
    }

    @Test
    @SpecAssertion("char10")
    void required_char10_objectsWithoutBufferSetTypeError(Subject s) {
        Checks.failsWith(s, AS_CHAR_BUFFER, Fixtures.withoutBuffer(), "TypeError");
    }

    @Test
    @SpecAssertion("char11")
    void required_char11_nonContiguousObjectsAreRefused(Subject s) {
        Checks.returns(s, AS_CHAR_BUFFER, Fixtures.nonContiguous(s.runtime().features()), -1);
    }

    @Test
    @SpecAssertion("char12")
    void required_char12_nonContiguousRefusalSetsTheProfilesError(Subject s) {
        Checks.failsWith(s, AS_CHAR_BUFFER, Fixtures.nonContiguous(s.runtime().features()), s.expectedError("char12"));
    }

    @Test
    @SpecAssertion("char13")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_char13_exporterRefusalSetsTheProfilesError(Subject s) {
        Checks.failsWith(s, AS_CHAR_BUFFER, List.of(Fixture.exporter(ExporterSpec.failing("ValueError"))),
                s.expectedError("char13"));
    }

    @Test
    @SpecAssertion("char14")
    void required_char14_releasedMemoryviewSetsTheProfilesError(Subject s) {
        Checks.failsWith(s, AS_CHAR_BUFFER, Fixtures.refusing(Set.of()), s.expectedError("char14"));
    }

    @Test
    @SpecAssertion("char15")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_char15_everyAcquiredViewIsReleased(Subject s) {
        Checks.exporterBalanced(s, AS_CHAR_BUFFER, List.of(ExporterSpec.readOnly(Fixtures.ascii("ro")),
                ExporterSpec.writable(Fixtures.ascii("rw")), ExporterSpec.strided(3, Fixtures.ascii("st")),
                ExporterSpec.failing("ValueError")));
    }

    @Test
    @SpecAssertion("char16")
    @RequiresFeature(Feature.EXPORT_PROBES)
    void required_char16_objectIsNoLongerExportedAfterwards(Subject s) {
        Checks.noLongerExported(s, AS_CHAR_BUFFER);
    }

    @Test
    @SpecAssertion("char17")
    void cpython_char17_failureLeavesOutParametersUntouched(Subject s) {
        List<Fixture> failing = new ArrayList<>(Fixtures.withoutBuffer());
        failing.addAll(Fixtures.nonContiguous(s.runtime().features()));
        failing.addAll(Fixtures.refusing(s.runtime().features()));
        Checks.failureLeavesSlots(s, AS_CHAR_BUFFER, failing);
    }

    @Test
    @SpecAssertion("char18")
    @RequiresFeature(Feature.NULL_ARGUMENTS)
    void cpython_char18_nullArgumentsSetSystemError(Subject s) {
        Checks.nullArguments(s, AS_CHAR_BUFFER);
    }

    @Test
    @SpecAssertion("char19")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void cpython_char19_requestsASimpleView(Subject s) {
        Checks.requests(s, AS_CHAR_BUFFER, ExporterSpec.writable(Fixtures.ascii("flags")), PyBuf.SIMPLE, "PyBUF_SIMPLE");
    }

    @Test
    @SpecAssertion("char20")
    void cpython_char20_typeErrorNamesTheType(Subject s) {
        Checks.failsWithMessage(s, AS_CHAR_BUFFER, Fixtures.withoutBuffer(), Checks::bytesLikeRequired);
    }

    @Test
    @SpecAssertion("char90")
    void untested_char90_theCallerCannotControlHowLongTheAddressStaysValid(Subject s) {
        throw s.notVerified();
    }

    @Test
    @SpecAssertion("char21")
    @RequiresFeature(Feature.PRESET_ERROR)
    void cpython_char21_successKeepsAPresetError(Subject s) {
        Checks.keepsPresetError(s, AS_CHAR_BUFFER, Fixture.bytes(Fixtures.ascii("abc")), 0);
    }

    @Test
    @SpecAssertion("char22")
    @RequiresFeature({Feature.NULL_ARGUMENTS, Feature.PRESET_ERROR})
    void cpython_char22_nullArgumentsKeepAnEarlierError(Subject s) {
        Checks.nullArgumentsKeepAnEarlierError(s, AS_CHAR_BUFFER);
    }

    @Test
    @SpecAssertion("char23")
    @RequiresFeature(Feature.SUBCLASSES)
    void required_char23_subclassesAreHandledAsTheirBaseTypes(Subject s) {
        Checks.subclassesAsTheirBase(s, AS_CHAR_BUFFER);
    }

    @Test
    @SpecAssertion("char24")
    @RequiresFeature(Feature.MMAP)
    void required_char24_aClosedMmapIsRefused(Subject s) {
        Checks.failsWith(s, AS_CHAR_BUFFER, List.of(Fixtures.closedMmap()), s.expectedError("char24"));
    }

    @Test
    @SpecAssertion("char25")
    @RequiresFeature(Feature.PEP688)
    void required_char25_pythonExportersAreAcceptedAndReleasedOnce(Subject s) {
        Pep688Checks.accepted(s, AS_CHAR_BUFFER);
    }

    @Test
    @SpecAssertion("char26")
    @RequiresFeature(Feature.PEP688)
    void required_char26_pythonExporterRefusalsSetTheProfilesError(Subject s) {
        Pep688Checks.refused(s, AS_CHAR_BUFFER, "char26");
    }

    @Test
    @SpecAssertion("char27")
    @RequiresFeature(Feature.PEP688)
    void required_char27_releaseTroubleStaysInsideTheCall(Subject s) {
        Pep688Checks.releaseTroubleStaysInside(s, AS_CHAR_BUFFER);
    }

    @Test
    @SpecAssertion("char40")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_char40_aViewOfMoreThanOneSegmentIsRefused(Subject s) {
        RuleBreakChecks.notOneSegmentRefused(s, AS_CHAR_BUFFER);
    }

    @Test
    @SpecAssertion("char41")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void cpython_char41_whatTheExporterHandsBackIsPassedOn(Subject s) {
        RuleBreakChecks.notOneSegmentPassedOn(s, AS_CHAR_BUFFER);
    }

    @Test
    @SpecAssertion("char42")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_char42_aSilentFailureStillSetsTypeError(Subject s) {
        RuleBreakChecks.silentFailure(s, AS_CHAR_BUFFER, "TypeError");
    }

    @Test
    @SpecAssertion("char43")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void cpython_char43_aSilentFailureIsPassedOnSilently(Subject s) {
        RuleBreakChecks.silentFailure(s, AS_CHAR_BUFFER, null);
    }

    @Test
    @SpecAssertion("char48")
    @RequiresFeature({Feature.CONFIGURABLE_EXPORTER, Feature.NEW_BUFFER_API})
    void required_char48_yStarDemandsCOrder(Subject s) {
        RuleBreakChecks.fortranOrderRefusedByYStar(s);
    }

    @Test
    @SpecAssertion("char44")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_char44_oneSegmentInAnyLayoutIsAccepted(Subject s) {
        RuleBreakChecks.otherLayoutsOfOneSegmentAccepted(s, AS_CHAR_BUFFER);
    }

    @Test
    @SpecAssertion("char28")
    @RequiresFeature(Feature.CTYPES)
    void required_char28_ctypesObjectsAreAcceptedWithTheirOwnMemory(Subject s) {
        Checks.ctypesObjects(s, AS_CHAR_BUFFER);
    }

    @Test
    @SpecAssertion("char29")
    @RequiresFeature(Feature.C_MEMORY)
    void required_char29_memoryviewsOverCMemoryAreAcceptedWithThatMemory(Subject s) {
        Checks.sharesItsMemory(s, AS_CHAR_BUFFER, List.of(Fixtures.readOnlyCMemory(), Fixtures.writableCMemory()));
    }

    @Test
    @SpecAssertion("char45")
    @RequiresFeature(Feature.ARRAY_MODULE)
    void required_char45_everyItemFormatIsAcceptedWithItsSizeInBytes(Subject s) {
        Checks.sharesItsMemory(s, AS_CHAR_BUFFER, Fixtures.otherItemFormats(s.runtime().features()));
    }

    @Test
    @SpecAssertion("char46")
    @RequiresFeature({Feature.PEP688, Feature.EXPORT_PROBES})
    void required_char46_aBytearraySubclassIsExportedThroughItsOwnBufferMethod(Subject s) {
        Checks.exportsThroughItsOverride(s, AS_CHAR_BUFFER);
    }

    @Test
    @SpecAssertion("char47")
    @RequiresFeature({Feature.LARGE_MAPS, Feature.MMAP})
    void required_char47_aMapOver2GiBKeepsItsFullLength(Subject s) {
        Checks.largeMapsKeepTheirFullLength(s, AS_CHAR_BUFFER);
    }
}
