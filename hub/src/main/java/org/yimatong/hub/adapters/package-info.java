/**
 * How the hub speaks to platforms: the adapter of each platform built from {@code province-adapters} by its
 * {@code dialect} ({@code v1} being one), their settings (credentials sealed, options, timeout), and the daily pull
 * of lists that native platforms publish as files ({@link org.yimatong.hub.adapters.DailyListPullRoutes}). The
 * member client ({@code memberapi}) hands every call to a platform to
 * {@link org.yimatong.hub.adapters.MemberAdapters}, inside the platform's timeout and breaker.
 */
package org.yimatong.hub.adapters;
