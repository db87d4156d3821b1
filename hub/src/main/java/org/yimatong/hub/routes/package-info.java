/**
 * What the hub's Camel routes share: the asynchronous step over an immutable body ({@link UniStep}) and the way a
 * resource hands a request to its route ({@link RouteCalls}).
 */
package org.yimatong.hub.routes;
