package dev.oldbuffer.tck.spec;

import static dev.oldbuffer.spi.Function.AS_READ_BUFFER;

import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.PyBuf;
import dev.oldbuffer.tck.OldBufferTck;
import dev.oldbuffer.tck.RequiresFeature;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.assertions.Agreements;
import dev.oldbuffer.tck.fixtures.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of {@code PyObject_AsReadBuffer}: assertions {@code read01}..{@code read22}.
 * If these fail, check first that the implementation asks the exporter for a simple view
 * ({@code PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE)}), copies {@code view.buf} and {@code view.len} to the
 * out-parameters and calls {@code PyBuffer_Release} before returning.
 */
@ExtendWith(OldBufferTck.class)
@DisplayName("PyObject_AsReadBuffer")
public class AsReadBufferSpec {

    @Test
    @SpecAssertion("read01")
    void required_read01_contiguousObjectsSucceed(Subject s) {
        Checks.returns(s, AS_READ_BUFFER, Fixtures.contiguous(s.runtime().features()), 0);
    }

    @Test
    @SpecAssertion("read02")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_read02_bufferHoldsTheObjectsBytes(Subject s) {
        Checks.pointsAtContents(s, AS_READ_BUFFER, Fixtures.contiguous(s.runtime().features()));
    }

    @Test
    @SpecAssertion("read03")
    void required_read03_lengthIsTheByteSize(Subject s) {
        Checks.lengthIsByteSize(s, AS_READ_BUFFER, Fixtures.contiguous(s.runtime().features()));
    }

    @Test
    @SpecAssertion("read04")
    @RequiresFeature(Feature.MEMORY_READ)
    void required_read04_addressIsTheObjectsOwnMemory(Subject s) {
        Checks.addressIsObjectsMemory(s, AS_READ_BUFFER);
    }

    @Test
    @SpecAssertion("read05")
    void required_read05_readOnlyObjectsAreAccepted(Subject s) {
        Checks.returns(s, AS_READ_BUFFER, Fixtures.contiguousReadOnly(s.runtime().features()), 0);
    }

    @Test
    @SpecAssertion("read06")
    void required_read06_sliceAddressIsInsideTheBase(Subject s) {
        Checks.slicePointsIntoBase(s, AS_READ_BUFFER);
    }

    @Test
    @SpecAssertion("read07")
    void required_read07_emptyObjectsSucceedWithLengthZero(Subject s) {
        Checks.lengthIsByteSize(s, AS_READ_BUFFER, Fixtures.empty());
    }

    @Test
    @SpecAssertion("read08")
    void required_read08_successLeavesNoError(Subject s) {
        Checks.successLeavesNoError(s, AS_READ_BUFFER, Fixtures.contiguous(s.runtime().features()));
    }

    @Test
    @SpecAssertion("read09")
    void required_read09_objectsWithoutBufferReturnMinusOne(Subject s) {
        Checks.returns(s, AS_READ_BUFFER, Fixtures.withoutBuffer(), -1);
    }

    @Test
    @SpecAssertion("read10")
    void required_read10_objectsWithoutBufferSetTypeError(Subject s) {
        Checks.failsWith(s, AS_READ_BUFFER, Fixtures.withoutBuffer(), "TypeError");
    }

    @Test
    @SpecAssertion("read11")
    void required_read11_nonContiguousObjectsAreRefused(Subject s) {
        Checks.returns(s, AS_READ_BUFFER, Fixtures.nonContiguous(s.runtime().features()), -1);
    }

    @Test
    @SpecAssertion("read12")
    void required_read12_nonContiguousRefusalSetsTheProfilesError(Subject s) {
        Checks.failsWith(s, AS_READ_BUFFER, Fixtures.nonContiguous(s.runtime().features()), s.expectedError("read12"));
    }

    @Test
    @SpecAssertion("read13")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_read13_exporterRefusalSetsTheProfilesError(Subject s) {
        Checks.failsWith(s, AS_READ_BUFFER, List.of(Fixture.exporter(ExporterSpec.failing("ValueError"))),
                s.expectedError("read13"));
    }

    @Test
    @SpecAssertion("read14")
    void required_read14_releasedMemoryviewSetsTheProfilesError(Subject s) {
        Checks.failsWith(s, AS_READ_BUFFER, Fixtures.refusing(Set.of()), s.expectedError("read14"));
    }

    @Test
    @SpecAssertion("read15")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_read15_everyAcquiredViewIsReleased(Subject s) {
        Checks.exporterBalanced(s, AS_READ_BUFFER, List.of(ExporterSpec.readOnly(Fixtures.ascii("ro")),
                ExporterSpec.writable(Fixtures.ascii("rw")), ExporterSpec.strided(3, Fixtures.ascii("st")),
                ExporterSpec.failing("ValueError")));
    }

    @Test
    @SpecAssertion("read16")
    @RequiresFeature(Feature.EXPORT_PROBES)
    void required_read16_objectIsNoLongerExportedAfterwards(Subject s) {
        Checks.noLongerExported(s, AS_READ_BUFFER);
    }

    @Test
    @SpecAssertion("read17")
    void cpython_read17_failureLeavesOutParametersUntouched(Subject s) {
        List<Fixture> failing = new ArrayList<>(Fixtures.withoutBuffer());
        failing.addAll(Fixtures.nonContiguous(s.runtime().features()));
        failing.addAll(Fixtures.refusing(s.runtime().features()));
        Checks.failureLeavesSlots(s, AS_READ_BUFFER, failing);
    }

    @Test
    @SpecAssertion("read18")
    @RequiresFeature(Feature.NULL_ARGUMENTS)
    void cpython_read18_nullArgumentsSetSystemError(Subject s) {
        Checks.nullArguments(s, AS_READ_BUFFER);
    }

    @Test
    @SpecAssertion("read19")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void cpython_read19_requestsASimpleView(Subject s) {
        Checks.requests(s, AS_READ_BUFFER, ExporterSpec.writable(Fixtures.ascii("flags")), PyBuf.SIMPLE, "PyBUF_SIMPLE");
    }

    @Test
    @SpecAssertion("read20")
    void cpython_read20_typeErrorNamesTheType(Subject s) {
        Checks.failsWithMessage(s, AS_READ_BUFFER, Fixtures.withoutBuffer(), Checks::bytesLikeRequired);
    }

    @Test
    @SpecAssertion("read21")
    @RequiresFeature(Feature.PRESET_ERROR)
    void cpython_read21_successKeepsAPresetError(Subject s) {
        Checks.keepsPresetError(s, AS_READ_BUFFER, Fixture.bytes(Fixtures.ascii("abc")), 0);
    }

    @Test
    @SpecAssertion("read22")
    void required_read22_agreesWithAsCharBuffer(Subject s) {
        for (Fixture fixture : Fixtures.everything(s.runtime().features())) {
            Agreements.asReadAgreesWithAsChar(s, s.create(fixture));
        }
    }

    @Test
    @SpecAssertion("read23")
    @RequiresFeature({Feature.NULL_ARGUMENTS, Feature.PRESET_ERROR})
    void cpython_read23_nullArgumentsKeepAnEarlierError(Subject s) {
        Checks.nullArgumentsKeepAnEarlierError(s, AS_READ_BUFFER);
    }

    @Test
    @SpecAssertion("read24")
    @RequiresFeature(Feature.SUBCLASSES)
    void required_read24_subclassesAreHandledAsTheirBaseTypes(Subject s) {
        Checks.subclassesAsTheirBase(s, AS_READ_BUFFER);
    }

    @Test
    @SpecAssertion("read25")
    @RequiresFeature(Feature.MMAP)
    void required_read25_aClosedMmapIsRefused(Subject s) {
        Checks.failsWith(s, AS_READ_BUFFER, List.of(Fixtures.closedMmap()), s.expectedError("read25"));
    }

    @Test
    @SpecAssertion("read26")
    @RequiresFeature(Feature.PEP688)
    void required_read26_pythonExportersAreAcceptedAndReleasedOnce(Subject s) {
        Pep688Checks.accepted(s, AS_READ_BUFFER);
    }

    @Test
    @SpecAssertion("read27")
    @RequiresFeature(Feature.PEP688)
    void required_read27_pythonExporterRefusalsSetTheProfilesError(Subject s) {
        Pep688Checks.refused(s, AS_READ_BUFFER, "read27");
    }

    @Test
    @SpecAssertion("read28")
    @RequiresFeature(Feature.PEP688)
    void required_read28_releaseTroubleStaysInsideTheCall(Subject s) {
        Pep688Checks.releaseTroubleStaysInside(s, AS_READ_BUFFER);
    }

    @Test
    @SpecAssertion("read40")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_read40_aViewOfMoreThanOneSegmentIsRefused(Subject s) {
        RuleBreakChecks.notOneSegmentRefused(s, AS_READ_BUFFER);
    }

    @Test
    @SpecAssertion("read41")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void cpython_read41_whatTheExporterHandsBackIsPassedOn(Subject s) {
        RuleBreakChecks.notOneSegmentPassedOn(s, AS_READ_BUFFER);
    }

    @Test
    @SpecAssertion("read42")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_read42_aSilentFailureStillSetsTypeError(Subject s) {
        RuleBreakChecks.silentFailure(s, AS_READ_BUFFER, "TypeError");
    }

    @Test
    @SpecAssertion("read43")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void cpython_read43_aSilentFailureIsPassedOnSilently(Subject s) {
        RuleBreakChecks.silentFailure(s, AS_READ_BUFFER, null);
    }

    @Test
    @SpecAssertion("read44")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_read44_oneSegmentInAnyLayoutIsAccepted(Subject s) {
        RuleBreakChecks.otherLayoutsOfOneSegmentAccepted(s, AS_READ_BUFFER);
    }

    @Test
    @SpecAssertion("read29")
    @RequiresFeature(Feature.CTYPES)
    void required_read29_ctypesObjectsAreAcceptedWithTheirOwnMemory(Subject s) {
        Checks.ctypesObjects(s, AS_READ_BUFFER);
    }

    @Test
    @SpecAssertion("read45")
    @RequiresFeature(Feature.C_MEMORY)
    void required_read45_memoryviewsOverCMemoryAreAcceptedWithThatMemory(Subject s) {
        Checks.sharesItsMemory(s, AS_READ_BUFFER, List.of(Fixtures.readOnlyCMemory(), Fixtures.writableCMemory()));
    }

    @Test
    @SpecAssertion("read46")
    @RequiresFeature(Feature.ARRAY_MODULE)
    void required_read46_everyItemFormatIsAcceptedWithItsSizeInBytes(Subject s) {
        Checks.sharesItsMemory(s, AS_READ_BUFFER, Fixtures.otherItemFormats(s.runtime().features()));
    }

    @Test
    @SpecAssertion("read47")
    @RequiresFeature({Feature.PEP688, Feature.EXPORT_PROBES})
    void required_read47_aBytearraySubclassIsExportedThroughItsOwnBufferMethod(Subject s) {
        Checks.exportsThroughItsOverride(s, AS_READ_BUFFER);
    }

    @Test
    @SpecAssertion("read48")
    @RequiresFeature({Feature.LARGE_MAPS, Feature.MMAP})
    void required_read48_aMapOver2GiBKeepsItsFullLength(Subject s) {
        Checks.largeMapsKeepTheirFullLength(s, AS_READ_BUFFER);
    }
}
