package dev.oldbuffer.tck.spec;

import static dev.oldbuffer.spi.Function.CHECK_READ_BUFFER;

import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.PyBuf;
import dev.oldbuffer.tck.OldBufferTck;
import dev.oldbuffer.tck.RequiresFeature;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.assertions.Agreements;
import dev.oldbuffer.tck.assertions.TckMessages;
import dev.oldbuffer.tck.fixtures.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of {@code PyObject_CheckReadBuffer}: assertions {@code check01}..{@code check10}.
 * If these fail, check that the implementation asks for a simple view, clears any error the exporter
 * raised (the answer is the return value) and releases the view it got.
 */
@ExtendWith(OldBufferTck.class)
@DisplayName("PyObject_CheckReadBuffer")
public class CheckReadBufferSpec {

    @Test
    @SpecAssertion("check01")
    void required_check01_contiguousObjectsReturnOne(Subject s) {
        List<Fixture> all = new ArrayList<>(Fixtures.contiguous(s.runtime().features()));
        all.addAll(Fixtures.empty());
        Checks.returns(s, CHECK_READ_BUFFER, all, 1);
    }

    @Test
    @SpecAssertion("check45")
    @RequiresFeature(Feature.NEW_BUFFER_API)
    void required_check45_checkBufferLooksOnlyForTheSlot(Subject s) {
        for (Fixture fixture : Fixtures.refusing(s.runtime().features())) {
            var obj = s.create(fixture);
            CallResult check = s.call(CHECK_READ_BUFFER, obj);
            s.fetchError();
            s.verify(check).returned(0);
            int answer = s.checkBuffer(obj);
            if (answer != 1) {
                throw TckMessages.shouldHave(s.context(CHECK_READ_BUFFER), "PyObject_CheckBuffer(" + fixture.describe() + ")",
                        "answer 1: the type has the buffer interface, though " + check, 1, answer);
            }
        }
    }

    @Test
    @SpecAssertion("check02")
    void required_check02_objectsWithoutBufferReturnZero(Subject s) {
        Checks.returns(s, CHECK_READ_BUFFER, Fixtures.withoutBuffer(), 0);
    }

    @Test
    @SpecAssertion("check03")
    void required_check03_nonContiguousObjectsReturnZero(Subject s) {
        Checks.returns(s, CHECK_READ_BUFFER, Fixtures.nonContiguous(s.runtime().features()), 0);
    }

    @Test
    @SpecAssertion("check04")
    void required_check04_refusingExportersReturnZero(Subject s) {
        Checks.returns(s, CHECK_READ_BUFFER, Fixtures.refusing(s.runtime().features()), 0);
    }

    @Test
    @SpecAssertion("check05")
    void required_check05_zeroLeavesNoError(Subject s) {
        List<Fixture> answeredZero = new ArrayList<>(Fixtures.withoutBuffer());
        answeredZero.addAll(Fixtures.nonContiguous(s.runtime().features()));
        answeredZero.addAll(Fixtures.refusing(s.runtime().features()));
        for (Fixture fixture : answeredZero) {
            CallResult r = s.call(CHECK_READ_BUFFER, fixture);
            s.fetchError();
            s.verify(r).hasNoErrorSet();
        }
    }

    @Test
    @SpecAssertion("check06")
    void required_check06_oneLeavesNoError(Subject s) {
        for (Fixture fixture : Fixtures.contiguous(s.runtime().features())) {
            CallResult r = s.call(CHECK_READ_BUFFER, fixture);
            s.fetchError();
            s.verify(r).hasNoErrorSet();
        }
    }

    @Test
    @SpecAssertion("check07")
    void required_check07_agreesWithAsReadBuffer(Subject s) {
        for (Fixture fixture : Fixtures.everything(s.runtime().features())) {
            Agreements.checkAgreesWithAsRead(s, s.create(fixture));
        }
    }

    @Test
    @SpecAssertion("check08")
    @RequiresFeature({Feature.CONFIGURABLE_EXPORTER, Feature.EXPORT_PROBES})
    void required_check08_everyAcquiredViewIsReleased(Subject s) {
        Checks.exporterBalanced(s, CHECK_READ_BUFFER, List.of(ExporterSpec.readOnly(Fixtures.ascii("ro")),
                ExporterSpec.writable(Fixtures.ascii("rw")), ExporterSpec.strided(3, Fixtures.ascii("st")),
                ExporterSpec.failing("ValueError")));
        Checks.noLongerExported(s, CHECK_READ_BUFFER);
    }

    @Test
    @SpecAssertion("check09")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void cpython_check09_requestsASimpleView(Subject s) {
        Checks.requests(s, CHECK_READ_BUFFER, ExporterSpec.writable(Fixtures.ascii("flags")), PyBuf.SIMPLE, "PyBUF_SIMPLE");
    }

    @Test
    @SpecAssertion("check10")
    void required_check10_answersOnlyZeroOrOne(Subject s) {
        for (Fixture fixture : Fixtures.everything(s.runtime().features())) {
            CallResult r = s.call(CHECK_READ_BUFFER, fixture);
            s.fetchError();
            if (r.returnValue() != 0 && r.returnValue() != 1) {
                throw TckMessages.shouldHave(s.context(CHECK_READ_BUFFER), r, "return", "0 or 1", r.returnValue());
            }
        }
    }

    @Test
    @SpecAssertion("check11")
    @RequiresFeature(Feature.SUBCLASSES)
    void required_check11_subclassesAreHandledAsTheirBaseTypes(Subject s) {
        Checks.subclassesAsTheirBase(s, CHECK_READ_BUFFER);
    }

    @Test
    @SpecAssertion("check12")
    @RequiresFeature(Feature.MMAP)
    void required_check12_answersForOpenAndClosedMmaps(Subject s) {
        Checks.returns(s, CHECK_READ_BUFFER, List.of(Fixtures.writableMmaps().get(0), Fixtures.writableMmaps().get(2),
                new Fixture.Mmap(new byte[0], 8, Fixture.Mmap.Access.READ, false, false)), 1);
        Checks.returns(s, CHECK_READ_BUFFER, List.of(Fixtures.closedMmap()), 0);
        s.verify(s.call(CHECK_READ_BUFFER, Fixtures.closedMmap())).hasNoErrorSet();
    }

    @Test
    @SpecAssertion("check13")
    @RequiresFeature(Feature.PEP688)
    void required_check13_pythonExportersAnswerAsTheirMemoryviews(Subject s) {
        Pep688Checks.accepted(s, CHECK_READ_BUFFER);
        Pep688Checks.refused(s, CHECK_READ_BUFFER, "check13");
    }

    @Test
    @SpecAssertion("check14")
    @RequiresFeature(Feature.PEP688)
    void required_check14_releaseTroubleStaysInsideTheCall(Subject s) {
        Pep688Checks.releaseTroubleStaysInside(s, CHECK_READ_BUFFER);
    }

    @Test
    @SpecAssertion("check40")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_check40_aViewOfMoreThanOneSegmentAnswersZero(Subject s) {
        RuleBreakChecks.notOneSegmentRefused(s, CHECK_READ_BUFFER);
    }

    @Test
    @SpecAssertion("check41")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void cpython_check41_whatTheExporterHandsBackCountsAsABuffer(Subject s) {
        RuleBreakChecks.notOneSegmentPassedOn(s, CHECK_READ_BUFFER);
    }

    @Test
    @SpecAssertion("check42")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_check42_aSilentFailureAnswersZeroWithNoError(Subject s) {
        RuleBreakChecks.silentFailure(s, CHECK_READ_BUFFER, null);
    }

    @Test
    @SpecAssertion("check44")
    @RequiresFeature(Feature.CONFIGURABLE_EXPORTER)
    void required_check44_oneSegmentInAnyLayoutAnswersOne(Subject s) {
        RuleBreakChecks.otherLayoutsOfOneSegmentAccepted(s, CHECK_READ_BUFFER);
    }

    @Test
    @SpecAssertion("check15")
    @RequiresFeature(Feature.CTYPES)
    void required_check15_ctypesObjectsAnswerOne(Subject s) {
        Checks.ctypesObjects(s, CHECK_READ_BUFFER);
    }

    @Test
    @SpecAssertion("check16")
    @RequiresFeature(Feature.C_MEMORY)
    void required_check16_memoryviewsOverCMemoryAreReadable(Subject s) {
        Checks.sharesItsMemory(s, CHECK_READ_BUFFER, List.of(Fixtures.readOnlyCMemory(), Fixtures.writableCMemory()));
    }

    @Test
    @SpecAssertion("check17")
    @RequiresFeature(Feature.ARRAY_MODULE)
    void required_check17_everyItemFormatIsReadable(Subject s) {
        Checks.sharesItsMemory(s, CHECK_READ_BUFFER, Fixtures.otherItemFormats(s.runtime().features()));
    }

    @Test
    @SpecAssertion("check18")
    @RequiresFeature({Feature.PEP688, Feature.EXPORT_PROBES})
    void required_check18_aBytearraySubclassIsExportedThroughItsOwnBufferMethod(Subject s) {
        Checks.exportsThroughItsOverride(s, CHECK_READ_BUFFER);
    }

    @Test
    @SpecAssertion("check19")
    @RequiresFeature({Feature.LARGE_MAPS, Feature.MMAP})
    void required_check19_aMapOver2GiBIsReadable(Subject s) {
        Checks.largeMapsKeepTheirFullLength(s, CHECK_READ_BUFFER);
    }
}
