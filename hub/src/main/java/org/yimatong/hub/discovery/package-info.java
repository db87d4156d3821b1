/**
 * How the hub describes itself: the entity configuration at {@code /.well-known/yimatong} and the v1
 * contract (OpenAPI document and JSON Schemas) it serves. Its keys are in {@code keys}.
 */
package org.yimatong.hub.discovery;
