/**
 * Where a request goes in the tree (DESIGN.md §1): the direct child serving a region by longest prefix, or
 * the parent hub, and the {@code Ymt-Hop}/{@code Ymt-Path} loop guard. No HTTP calls live here; see
 * {@code memberapi}.
 */
package org.yimatong.hub.routing;
