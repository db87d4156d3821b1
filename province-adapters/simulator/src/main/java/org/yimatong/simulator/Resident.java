package org.yimatong.simulator;

import java.time.Instant;

import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.payload.Attestations;

/**
 * One synthetic resident: a number {@code n} (1-based, what the simulator-only paths use), a valid resident ID
 * number of the simulator's region (never served, never logged), the issuer-scoped subject id its codes and ID
 * tokens carry, and its current colour with the listing that goes with it, and what the platform can attest about
 * it besides the colour (latest nucleic-acid test, vaccination, service links: REQ-PRIV-1). The colour and the
 * test may change at runtime.
 */
public final class Resident {

    private final int number;
    private final ResidentIdNumber idNumber;
    private final String codeSubject;
    private volatile Listing listing;
    private volatile Attestations attestations;

    /** The resident's colour and, unless GREEN, since when, until when and why it is listed. */
    public record Listing(Colour colour, Instant since, Instant until, String reason) {}

    Resident(int number, ResidentIdNumber idNumber, String codeSubject, Listing listing,
            Attestations attestations) {
        this.number = number;
        this.idNumber = idNumber;
        this.codeSubject = codeSubject;
        this.listing = listing;
        this.attestations = attestations;
    }

    public int number() {
        return number;
    }

    /** The plaintext ID number: for pseudonyms only. Never log it or put it in an answer. */
    /**
     * The number on the resident's ID card, as the resident knows it (a scenario playing the resident regenerates
     * the population from the seed); the simulator never serves it over HTTP.
     */
    public ResidentIdNumber idNumber() {
        return idNumber;
    }

    /** The issuer-scoped pseudonym in the {@code sub} of this resident's codes and ID tokens. */
    public String codeSubject() {
        return codeSubject;
    }

    public Listing listing() {
        return listing;
    }

    public Colour colour() {
        return listing.colour();
    }

    void relist(Listing newListing) {
        this.listing = newListing;
    }

    /**
     * Everything the platform knows about the resident besides the colour: each part {@code null} when it knows none
     * (a resident never tested has no {@code naat}). An answer carries only the parts asked for.
     */
    public Attestations attestations() {
        return attestations;
    }

    /** The resident's latest nucleic-acid test is now {@code naat}; vaccination and service links are kept. */
    void retest(Attestations.Naat naat) {
        Attestations known = attestations;
        this.attestations = new Attestations(naat, known.vaccination(), known.serviceLinks());
    }

    /** The resident's number and masked ID, never the ID number. */
    @Override
    public String toString() {
        return "Resident[" + number + ", " + idNumber.mask() + ", " + listing.colour() + "]";
    }
}
