/**
 * Members with a native API: their adapter settings (credentials sealed, options, timeout), the adapter of each
 * member built from {@code province-adapters} by its {@code dialect}, and the daily pull of lists that native
 * platforms publish as files. The member client ({@code memberapi}) hands every call to a non-{@code v1} member to
 * {@link org.yimatong.hub.adapters.MemberAdapters}, inside the same per-member timeout and breaker.
 */
package org.yimatong.hub.adapters;
