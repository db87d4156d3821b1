package org.yimatong.adapters.spi;

/** The status and body of a node's answer to an {@link HttpCall} (the body read whole, at most the client's limit). */
public record HttpAnswer(int status, byte[] body) {

    public HttpAnswer {
        body = body == null ? new byte[0] : body;
    }
}
