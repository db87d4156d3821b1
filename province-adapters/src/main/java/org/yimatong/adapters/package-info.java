/**
 * Adapters that make a platform speaking a native health-code API a full member of the federation: the SPI in
 * {@code spi}, one package per dialect ({@code v1}, {@code soapmd5}, {@code jsonhmac}, {@code nationalrelay},
 * {@code csvlist}). Pure Java: no Quarkus, no hub classes; the hub wraps adapters with its own timeouts,
 * breakers and metrics.
 */
package org.yimatong.adapters;
