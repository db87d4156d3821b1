/**
 * Identity document numbers and their list pseudonyms. Resident ID numbers (GB 11643-1999, 18 characters,
 * also on residence permits for Hong Kong, Macao and Taiwan residents): validation, masking for logs and
 * the HMAC-SM3 pseudonym used as list subject id ({@link org.yimatong.schemas.idnumber.ResidentIdNumber}).
 * The numbers of every other document type of the data dictionary (foreign permanent resident ID cards,
 * passports, mainland travel permits for Hong Kong, Macao and Taiwan residents), one normalisation rule
 * per type, in the same pseudonym space ({@link org.yimatong.schemas.idnumber.DocumentNumber}). The region
 * table itself lives in the dictionary package.
 */
package org.yimatong.schemas.idnumber;
