package io.hvreplica.hyperv;

import io.hvreplica.hyperv.xml.computersystem.MsvmComputerSystemType;
import io.hvreplica.hyperv.xml.concretejob.MsvmConcreteJobType;
import io.hvreplica.hyperv.xml.replicationservice.MsvmReplicationServiceType;
import io.hvreplica.wsman.WsmanProtocolException;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import org.w3c.dom.Element;

/**
 * Binds WMI instance elements to the JAXB types generated from {@code schemas/hyperv}. The
 * context is built on first use only, so commands that never read an instance do not pay for it.
 */
final class Instances {
    private Instances() {
    }

    private static final class Context {
        static final JAXBContext INSTANCE = create();

        private static JAXBContext create() {
            try {
                return JAXBContext.newInstance(MsvmComputerSystemType.class, MsvmConcreteJobType.class,
                        MsvmReplicationServiceType.class, io.hvreplica.hyperv.xml.settingdata.MsvmVirtualSystemSettingDataType.class);
            } catch (JAXBException e) {
                throw new IllegalStateException("cannot build the JAXB context: " + e, e);
            }
        }
    }

    /** Builds the JAXB context on a background thread, so the first read finds it ready. */
    static void warmUp() {
        Thread t = new Thread(() -> Context.INSTANCE.hashCode(), "hvreplica-jaxb-prestart");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Reads {@code element} as {@code type}, whatever the element's name; unknown properties are
     * ignored, a malformed known one is an error.
     */
    static <T> T read(Element element, Class<T> type, String what) {
        try {
            Unmarshaller u = Context.INSTANCE.createUnmarshaller();
            // Hosts send many properties the schema does not model, and JAXB reports each as an
            // error without a cause: carry on. A modelled value that fails to convert carries its
            // cause (e.g. NumberFormatException): stop.
            u.setEventHandler(event -> event.getSeverity() != ValidationEvent.FATAL_ERROR
                    && event.getLinkedException() == null);
            return u.unmarshal(element, type).getValue();
        } catch (JAXBException | RuntimeException e) {
            String detail = e.getMessage() != null ? e.getMessage()
                    : e.getCause() != null ? String.valueOf(e.getCause().getMessage()) : e.getClass().getSimpleName();
            throw new WsmanProtocolException("the host's " + what + " cannot be read: " + detail, e);
        }
    }
}
