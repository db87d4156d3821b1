package org.yimatong.schemas.idnumber;

/**
 * ISO 7064 check characters. One implementation for every number that carries one: the last character of a resident
 * ID number (GB 11643, over 17 digits) and of Gansu's own code strings ({@code GSJKM1}, over 26 digits).
 */
public final class Iso7064 {

    private Iso7064() {
    }

    /**
     * The ISO 7064 MOD 11-2 check character of {@code digits}, of any length: the digit at position {@code i} from
     * the right (the check character itself at {@code i = 1}) weighs {@code 2^(i-1) mod 11}, and the check value
     * {@code c} makes the weighted sum plus {@code c} 1 modulo 11, 10 written {@code X}. E.g. {@code 11010519491231002}
     * gives {@code X} (the example of GB 11643).
     *
     * @return {@code 0}-{@code 9} or {@code X}
     * @throws IllegalArgumentException if {@code digits} is null or holds anything but ASCII digits
     */
    public static char mod11_2(CharSequence digits) {
        if (digits == null) {
            throw new IllegalArgumentException("need decimal digits");
        }
        int sum = 0;
        int weight = 2;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("need decimal digits");
            }
            sum = (sum + (c - '0') * weight) % 11;
            weight = weight * 2 % 11;
        }
        int value = (12 - sum) % 11;
        return value == 10 ? 'X' : (char) ('0' + value);
    }
}
