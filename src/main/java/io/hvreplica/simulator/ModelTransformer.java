package io.hvreplica.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.hvreplica.simulator.HostCatalog.JobStep;
import io.hvreplica.simulator.HostModel.InvokeAnswer;
import io.hvreplica.simulator.HostModel.JobView;
import io.hvreplica.simulator.HostModel.Reference;
import io.hvreplica.simulator.HostModel.SettingDataView;
import io.hvreplica.simulator.HostModel.SystemView;
import io.hvreplica.wsman.Xml;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Answers the requests that depend on the host's state. WireMock stubs still route (action,
 * resource URI, service selectors), so tests can put their own answers on top; the stubs that
 * reach the model name this transformer and an {@code op} parameter, and the transformer reads the
 * request, asks the {@link HostModel} and picks a recording with its parameters. WireMock runs it
 * before its response templating (extensions given to the options come first), so the recording is
 * still a Handlebars template for RelatesTo and MessageID.
 *
 * <p>The request is parsed with the project's hardened parser (namespace-aware, no DTDs) and read by
 * local names, since clients choose their own prefixes.
 */
final class ModelTransformer implements ResponseDefinitionTransformerV2 {
    static final String NAME = "hyperv-host-model";

    static final String OP_ENUMERATE = "enumerate";
    static final String OP_INVOKE = "invoke";
    static final String OP_GET_JOB = "get-job";
    static final String OP_RESET = "reset";

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private final HostModel model;
    private final Templates templates;

    ModelTransformer(HostModel model, Templates templates) {
        this.model = model;
        this.templates = templates;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Parameters stub = serveEvent.getResponseDefinition().getTransformerParameters();
        String op = stub == null ? null : stub.getString("op", null);
        if (OP_RESET.equals(op)) {
            model.reset();
            return aResponse().withStatus(200)
                    .withHeader("Content-Type", "text/plain;charset=UTF-8")
                    .withBody("reset " + model.hostName() + "\n").build();
        }
        Document request;
        try {
            request = parse(serveEvent.getRequest().getBodyAsString());
        } catch (Exception e) {
            // The stubs' XPath matchers have parsed it already, so this does not happen in practice.
            return soap(500, "fault-action-not-supported", Recordings.host(model.hostName()));
        }
        if (OP_ENUMERATE.equals(op)) {
            return enumerate(request);
        }
        if (OP_GET_JOB.equals(op)) {
            return getJob(request);
        }
        if (OP_INVOKE.equals(op)) {
            return invoke(request);
        }
        return soap(500, "fault-action-not-supported", Recordings.host(model.hostName()));
    }

    // ------------------------------------------------------------------ Enumerate

    private ResponseDefinition enumerate(Document request) {
        Element enumerate = firstChild(body(request), "Enumerate");
        Element filter = enumerate == null ? null : firstChild(enumerate, "Filter");
        try {
            WqlFilter.Query query = WqlFilter.parse(filter == null ? null : filter.getTextContent().trim());
            if (query.className().equalsIgnoreCase("Msvm_ComputerSystem")) {
                return systems(model.computerSystems(query));
            }
            if (query.className().equalsIgnoreCase("Msvm_VirtualSystemSettingData")) {
                return settings(model.settingData(query));
            }
            if (query.className().equalsIgnoreCase("Msvm_ConcreteJob")) {
                List<Map<String, Object>> jobs = new ArrayList<>();
                for (JobView job : model.jobs(query)) {
                    jobs.add(jobProperties(job));
                }
                return soap(200, "enumerate-job-response", Map.of("jobs", jobs));
            }
        } catch (WqlFilter.Invalid e) {
            // falls through to the fault WMI gives for a query it rejects
        }
        return soap(500, "fault-cannot-process-filter", Recordings.host(model.hostName()));
    }

    private ResponseDefinition systems(List<SystemView> views) {
        List<Map<String, Object>> systems = new ArrayList<>();
        for (SystemView vm : views) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("elementName", vm.elementName());
            p.put("name", vm.name());
            p.put("caption", vm.host() ? "Hosting Computer System" : "Virtual Machine");
            p.put("description", vm.host() ? "Microsoft Hosting Computer System" : "Microsoft Virtual Machine");
            p.put("enabledState", vm.enabledState());
            p.put("failedOverReplicationType", vm.failedOverReplicationType());
            p.put("hwThreads", vm.enabledState() == 2 ? 1 : 0);
            p.put("installDate", vm.installDate());
            p.put("lastReplicationTime", Recordings.LAST_REPLICATION_TIME);
            p.put("onTimeInMilliseconds", vm.onTimeMillis());
            if (vm.processId() != null) {
                p.put("processId", vm.processId());
            }
            p.put("replicationHealth", vm.replicationHealth());
            p.put("replicationMode", vm.replicationMode());
            p.put("replicationState", vm.replicationState());
            systems.add(p);
        }
        return soap(200, "enumerate-response", Map.of("systems", systems));
    }

    private ResponseDefinition settings(List<SettingDataView> views) {
        List<Map<String, Object>> settings = new ArrayList<>();
        for (SettingDataView s : views) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("instanceId", s.instanceId());
            p.put("elementName", s.elementName());
            p.put("creationTime", s.creationTime());
            p.put("virtualSystemType", s.virtualSystemType());
            p.put("virtualSystemIdentifier", s.virtualSystemIdentifier());
            p.put("snapshot", s.virtualSystemType().contains(":Snapshot:"));
            settings.add(p);
        }
        return soap(200, "enumerate-setting-data-response", Map.of("settings", settings));
    }

    // ------------------------------------------------------------------ Get of a job

    private ResponseDefinition getJob(Document request) {
        String id = headerSelectors(request).get("InstanceID");
        JobView job = model.pollJob(id);
        if (job == null) {
            return missingInstance("Msvm_ConcreteJob", Map.of("InstanceID", id == null ? "" : id.trim()));
        }
        return soap(200, "concrete-job-response", jobProperties(job));
    }

    /** The parameters of {@code concrete-job-instance}, the one job shape of the Get and of the job query. */
    private static Map<String, Object> jobProperties(JobView job) {
        JobStep step = job.step();
        Instant submitted = Instant.parse(job.timeSubmitted());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("caption", job.kind().caption);
        p.put("jobType", job.kind().jobType);
        p.put("jobId", job.instanceId());
        p.put("jobState", step.jobState());
        p.put("percentComplete", step.percentComplete());
        p.put("elapsed", interval(step.elapsedMillis()));
        p.put("jobStatus", step.jobStatus());
        p.put("errorCode", step.errorCode());
        if (step.errorDescription() != null) {
            p.put("errorDescription", step.errorDescription());
            p.put("errorSummaryDescription", step.errorSummaryDescription());
        }
        p.put("healthState", step.failed() ? 20 : 5);
        p.put("operationalStatus", step.failed() ? 6 : 2);
        p.put("statusDescription", step.failed() ? "Error" : "OK");
        p.put("timeSubmitted", HostCatalog.CIM_DATETIME.format(submitted));
        p.put("timeOfLastStateChange", HostCatalog.CIM_DATETIME.format(submitted.plusMillis(step.elapsedMillis())));
        return p;
    }

    /** xs:duration as Windows writes CIM intervals, e.g. {@code P0DT0H0M3.906S}. */
    static String interval(long millis) {
        long seconds = millis / 1000;
        return String.format("P%dDT%dH%dM%d.%03dS",
                seconds / 86_400, seconds / 3_600 % 24, seconds / 60 % 60, seconds % 60, millis % 1000);
    }

    // ------------------------------------------------------------------ Invoke

    private ResponseDefinition invoke(Document request) {
        String action = headerText(request, "Action");
        String resourceUri = headerText(request, "ResourceURI");
        int slash = action.lastIndexOf('/');
        String classUri = action.substring(0, Math.max(slash, 0));
        String method = action.substring(slash + 1);
        Map<String, Object> parameters = parameters(body(request), method);
        InvokeAnswer answer;
        if (classUri.equals(Wsman.REPLICATION_SERVICE)) {
            answer = model.replicationServiceMethod(method, parameters);
        } else if (classUri.equals(Wsman.MANAGEMENT_SERVICE) && method.equals("DestroySystem")) {
            answer = model.destroySystem(parameters);
        } else if (classUri.equals(Wsman.COMPUTER_SYSTEM) && resourceUri.equals(Wsman.COMPUTER_SYSTEM)) {
            Map<String, String> selectors = headerSelectors(request);
            String name = selectors.get("Name");
            if (name == null) {
                return soap(500, "fault-invalid-selectors",
                        Map.of("hostName", model.hostName(), "faultDetail", "InsufficientSelectors"));
            }
            answer = model.computerSystemMethod(name, method, parameters);
            if (answer == null) {
                Map<String, String> keys = new LinkedHashMap<>();
                keys.put("CreationClassName", "Msvm_ComputerSystem");
                keys.put("Name", name.trim());
                return missingInstance("Msvm_ComputerSystem", keys);
            }
        } else {
            return soap(500, "fault-action-not-supported", Recordings.host(model.hostName()));
        }
        if (answer.accessDenied()) {
            return soap(500, "fault-access-denied", Recordings.host(model.hostName()));
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("classUri", classUri);
        p.put("method", method);
        p.put("returnValue", answer.returnValue());
        if (answer.jobId() != null) {
            p.put("jobId", answer.jobId());
        }
        if (method.equals("TestReplicaSystem")) {
            p.put("hasResultingSystem", true);
            if (answer.resultingSystem() != null) {
                p.put("resultingSystem", answer.resultingSystem());
            }
        }
        return soap(200, "method-output-response", p);
    }

    /**
     * The children of {@code <Method>_INPUT}: a reference parameter (an element with
     * a:ReferenceParameters) becomes a {@link Reference}, xsi:nil becomes absent (Null, like an
     * omitted parameter), anything else its trimmed text.
     */
    private static Map<String, Object> parameters(Element body, String method) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        Element input = body == null ? null : firstChild(body, method + "_INPUT");
        if (input == null) {
            return parameters;
        }
        for (Node n = input.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            if ("true".equals(e.getAttributeNS(XSI, "nil").trim())) {
                continue;
            }
            Element reference = firstChild(e, "ReferenceParameters");
            if (reference != null) {
                Element uri = firstChild(reference, "ResourceURI");
                parameters.put(e.getLocalName(), new Reference(uri == null ? "" : uri.getTextContent().trim(),
                        selectors(firstChild(reference, "SelectorSet"))));
            } else {
                parameters.put(e.getLocalName(), e.getTextContent().trim());
            }
        }
        return parameters;
    }

    // ------------------------------------------------------------------ helpers

    private ResponseDefinition missingInstance(String className, Map<String, String> keys) {
        List<Map<String, String>> list = new ArrayList<>();
        keys.forEach((name, value) -> list.add(Map.of("name", name, "value", value)));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("hostName", model.hostName());
        p.put("className", className);
        p.put("keys", list);
        return soap(500, "fault-missing-instance", p);
    }

    private ResponseDefinition soap(int status, String template, Map<String, ?> parameters) {
        return Recordings.soap(templates, status, template, parameters).build();
    }

    private static Document parse(String xml) throws Exception {
        return Xml.builder().parse(new InputSource(new StringReader(xml)));
    }

    private static Element header(Document doc) {
        return firstChild(doc.getDocumentElement(), "Header");
    }

    private static Element body(Document doc) {
        return firstChild(doc.getDocumentElement(), "Body");
    }

    private static String headerText(Document doc, String localName) {
        Element header = header(doc);
        Element e = header == null ? null : firstChild(header, localName);
        return e == null ? "" : e.getTextContent().trim();
    }

    private static Map<String, String> headerSelectors(Document doc) {
        Element header = header(doc);
        return selectors(header == null ? null : firstChild(header, "SelectorSet"));
    }

    private static Map<String, String> selectors(Element selectorSet) {
        Map<String, String> selectors = new LinkedHashMap<>();
        if (selectorSet == null) {
            return selectors;
        }
        for (Node n = selectorSet.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "Selector".equals(e.getLocalName())) {
                selectors.put(e.getAttribute("Name"), e.getTextContent().trim());
            }
        }
        return selectors;
    }

    private static Element firstChild(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
