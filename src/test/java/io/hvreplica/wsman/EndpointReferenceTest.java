package io.hvreplica.wsman;

import io.hvreplica.testing.XmlAssert;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointReferenceTest {
    private static final String V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";
    private static final String JOB_URI = V2 + "Msvm_ConcreteJob";
    private static final String JOB_ID = "2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61";
    private static final String P = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ReplicationService";

    private static Element parseJob(String xml) {
        Document d = XmlAssert.parse(xml);
        return Xml.descendant(d.getDocumentElement(), P, "Job");
    }

    private static String output(String job) {
        return "<p:RevertFailover_OUTPUT xmlns:p=\"" + P + "\">" + job + "<p:ReturnValue>4096</p:ReturnValue>"
                + "</p:RevertFailover_OUTPUT>";
    }

    /** The job EPR as Hyper-V returns it in p:Job: a:Address and a:ReferenceParameters directly inside. */
    private static final String JOB_EPR = output("""
            <p:Job xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">
              <a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>
              <a:ReferenceParameters>
                <w:ResourceURI>http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ConcreteJob</w:ResourceURI>
                <w:SelectorSet>
                  <w:Selector Name="InstanceID">2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61</w:Selector>
                  <w:Selector Name="__cimnamespace">root/virtualization/v2</w:Selector>
                </w:SelectorSet>
              </a:ReferenceParameters>
            </p:Job>""");

    @Test
    void jobReferenceKeepsCimNamespaceSelectorInOrder() {
        EndpointReference ref = EndpointReference.parse(parseJob(JOB_EPR));

        assertEquals(Namespaces.ANONYMOUS, ref.address());
        assertEquals(JOB_URI, ref.resourceUri());
        assertEquals(List.of("InstanceID", "__cimnamespace"), List.copyOf(ref.selectors().asMap().keySet()));
        assertEquals(JOB_ID, ref.selectors().get("InstanceID"));
        assertEquals("root/virtualization/v2", ref.selectors().get("__cimnamespace"));
    }

    @Test
    void selectorOrderIsTheHostsOrder() {
        String reversed = JOB_EPR.replace(
                "<w:Selector Name=\"InstanceID\">2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61</w:Selector>\n", "")
                .replace("</w:SelectorSet>", "<w:Selector Name=\"InstanceID\">" + JOB_ID + "</w:Selector></w:SelectorSet>");
        EndpointReference ref = EndpointReference.parse(parseJob(reversed));
        assertEquals(List.of("__cimnamespace", "InstanceID"), List.copyOf(ref.selectors().asMap().keySet()));
    }

    @Test
    void prefixesDoNotMatterOnlyNamespaces() {
        String other = output("""
                <p:Job>
                  <Address xmlns="http://schemas.xmlsoap.org/ws/2004/08/addressing">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</Address>
                  <wsa:ReferenceParameters xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:wsman="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">
                    <wsman:ResourceURI>
                      http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ConcreteJob
                    </wsman:ResourceURI>
                    <SelectorSet xmlns="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">
                      <Selector Name="InstanceID">  2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61  </Selector>
                      <Selector Name="__cimnamespace">root/virtualization/v2</Selector>
                    </SelectorSet>
                  </wsa:ReferenceParameters>
                </p:Job>""");
        assertEquals(EndpointReference.parse(parseJob(JOB_EPR)), EndpointReference.parse(parseJob(other)));
    }

    @Test
    void referencePropertiesContainerIsReadLikeReferenceParameters() {
        String props = JOB_EPR.replace("a:ReferenceParameters", "a:ReferenceProperties");
        assertEquals(EndpointReference.parse(parseJob(JOB_EPR)), EndpointReference.parse(parseJob(props)));
    }

    @Test
    void missingAddressMeansAnonymous() {
        String noAddress = JOB_EPR.replaceAll("<a:Address>[^<]*</a:Address>", "");
        assertEquals(Namespaces.ANONYMOUS, EndpointReference.parse(parseJob(noAddress)).address());
    }

    @Test
    void missingResourceUriIsAClearProtocolError() {
        String noUri = JOB_EPR.replaceAll("<w:ResourceURI>[^<]*</w:ResourceURI>", "");
        WsmanProtocolException e = assertThrows(WsmanProtocolException.class,
                () -> EndpointReference.parse(parseJob(noUri)));
        assertEquals("the host returned a reference (Job) without a ResourceURI", e.getMessage());
        assertEquals("protocol", e.kind().label());
    }

    @Test
    void resourceUriInTheWrongNamespaceIsNotAccepted() {
        String wrongNs = JOB_EPR.replace("<w:ResourceURI>", "<ResourceURI>").replace("</w:ResourceURI>", "</ResourceURI>");
        assertThrows(WsmanProtocolException.class, () -> EndpointReference.parse(parseJob(wrongNs)));
    }

    @Test
    void noReferenceParametersAtAllIsAProtocolError() {
        String bare = output("<p:Job xmlns:a=\"" + Namespaces.ADDRESSING + "\"><a:Address>" + Namespaces.ANONYMOUS
                + "</a:Address></p:Job>");
        assertThrows(WsmanProtocolException.class, () -> EndpointReference.parse(parseJob(bare)));
    }

    @Test
    void writeToProducesTheWsmanFormAndParsesBackEqual() throws Exception {
        EndpointReference ref = EndpointReference.parse(parseJob(JOB_EPR));
        Document doc = Xml.newDocument();
        Element container = doc.createElementNS(P, "p:ComputerSystem");
        doc.appendChild(container);
        ref.writeTo(container);

        XmlAssert.assertSameXml("""
                <p:ComputerSystem xmlns:p="%s" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"
                                  xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">
                  <a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>
                  <a:ReferenceParameters>
                    <w:ResourceURI>http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ConcreteJob</w:ResourceURI>
                    <w:SelectorSet>
                      <w:Selector Name="InstanceID">2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61</w:Selector>
                      <w:Selector Name="__cimnamespace">root/virtualization/v2</w:Selector>
                    </w:SelectorSet>
                  </a:ReferenceParameters>
                </p:ComputerSystem>""".formatted(P), serialize(doc));
        EndpointReference again = EndpointReference.parse(XmlAssert.parse(serialize(doc)).getDocumentElement());
        assertEquals(ref, again);
        assertEquals(List.copyOf(ref.selectors().asMap().keySet()), List.copyOf(again.selectors().asMap().keySet()));
    }

    @Test
    void writeToOmitsAnEmptySelectorSet() throws Exception {
        EndpointReference ref = new EndpointReference(Namespaces.ANONYMOUS, JOB_URI, SelectorSet.of(Map.of()));
        Document doc = Xml.newDocument();
        Element container = doc.createElementNS(P, "p:X");
        doc.appendChild(container);
        ref.writeTo(container);
        String xml = serialize(doc);
        assertTrue(!xml.contains("SelectorSet"), xml);
        assertEquals(ref, EndpointReference.parse(XmlAssert.parse(xml).getDocumentElement()));
    }

    private static String serialize(Document doc) throws Exception {
        StringWriter w = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(w));
        return w.toString();
    }
}
