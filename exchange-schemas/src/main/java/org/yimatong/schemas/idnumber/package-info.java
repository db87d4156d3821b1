/**
 * Resident ID numbers (GB 11643-1999, 18 characters, also on residence permits for Hong Kong, Macao and
 * Taiwan residents): validation, masking for logs and the HMAC-SM3 pseudonym used as list subject id.
 * Other document numbers (passports, travel permits) and the region table itself (see the dictionary
 * package) do not live here.
 */
package org.yimatong.schemas.idnumber;
