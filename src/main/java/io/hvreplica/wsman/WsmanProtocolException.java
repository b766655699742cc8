package io.hvreplica.wsman;

import io.hvreplica.ErrorKind;
import io.hvreplica.transport.TransportException;

/** The host's SOAP answer is well-formed HTTP but not a WS-Management answer we can trust. */
public class WsmanProtocolException extends TransportException {
    public WsmanProtocolException(String message) {
        super(ErrorKind.PROTOCOL, message);
    }

    public WsmanProtocolException(String message, Throwable cause) {
        super(ErrorKind.PROTOCOL, message, cause);
    }
}
