package io.hvreplica.wsman;

/** XML namespaces of SOAP 1.2, WS-Addressing 2004/08, WS-Management and WS-Enumeration. */
public final class Namespaces {
    public static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    public static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    public static final String WSMAN_MS = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    public static final String ENUMERATION = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    public static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    public static final String WSMAN_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    public static final String IDENTITY = "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd";
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String ANONYMOUS = ADDRESSING + "/role/anonymous";
    public static final String WQL = "http://schemas.microsoft.com/wbem/wsman/1/WQL";

    private Namespaces() {
    }
}
