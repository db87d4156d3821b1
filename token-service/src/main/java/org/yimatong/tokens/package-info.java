/**
 * Cross-region tokens: exchange, validation, introspection, levels of assurance. Filled by the tokens issue.
 */
package org.yimatong.tokens;
