/**
 * What the hub's Camel routes share: the asynchronous step over an immutable body ({@link UniStep}), the way a
 * resource hands a request to its route ({@link RouteCalls}) and a span for each named step ({@link TracedSteps}).
 */
package org.yimatong.hub.routes;
