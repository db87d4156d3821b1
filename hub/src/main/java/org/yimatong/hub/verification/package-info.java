/**
 * Real-time verification of dynamic codes (DESIGN.md §6): {@code POST /v1/verifications} and the Camel route
 * behind it, decode and verify, choose the route, call home or parent, merge with list state, audit, answer.
 * Where to route is {@code routing}'s; how to call is {@code memberapi}'s; list state is {@code lists}'.
 */
package org.yimatong.hub.verification;
