/**
 * Adapters for native member API dialects and the member simulator. Filled by the adapters issue.
 */
package org.yimatong.adapters;
