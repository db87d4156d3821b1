/**
 * Tracing (DESIGN.md §14): where the hub's spans go. The spans themselves come from Quarkus OpenTelemetry (server
 * and outbound HTTP), {@code routes.TracedSteps} (route steps) and {@code outbound.VertxMemberHttp}; this package
 * only decides whether they leave the hub.
 */
package org.yimatong.hub.tracing;
