package dev.oldbuffer.tck.properties;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.arbitraries.OldBufferDomain;
import dev.oldbuffer.tck.assertions.Agreements;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apiguardian.api.API;

/** The functions agree with each other on every input, whatever the object. */
@Domain(OldBufferDomain.class)
@API(status = MAINTAINED, since = "0.1")
@AddLifecycleHook(PropertyHook.class)
@Label("Agreement between the functions")
public class AgreementProperties {

    @Property
    @SpecAssertion("read22")
    void required_read22_asCharBufferAndAsReadBufferAgree(@ForAll Fixture object, @ForAll Subject s) {
        Expectations.assumeBuildable(s, object);
        Agreements.asReadAgreesWithAsChar(s, s.create(object));
    }

    @Property
    @SpecAssertion("write15")
    void required_write15_writeSuccessImpliesTheSameReadBuffer(@ForAll Fixture object, @ForAll Subject s) {
        Expectations.assumeBuildable(s, object);
        Agreements.asReadFollowsAsWrite(s, s.create(object));
    }

    @Property
    @SpecAssertion("check07")
    void required_check07_answersOneExactlyWhenAsReadBufferSucceeds(@ForAll Fixture object, @ForAll Subject s) {
        Expectations.assumeBuildable(s, object);
        Agreements.checkAgreesWithAsRead(s, s.create(object));
    }
}
