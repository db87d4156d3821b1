package org.yimatong.adapters.spi;

/** Makes the adapter of one dialect for one member. */
public interface AdapterFactory {

    /** The dialect name of member records, e.g. {@code soap-md5}. */
    String dialect();

    /**
     * @throws IllegalArgumentException if the endpoint lacks a setting the dialect needs (checked here, at
     *     registration, not on the first call)
     */
    MemberAdapter create(MemberEndpoint endpoint, AdapterContext context);
}
