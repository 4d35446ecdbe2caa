// Destinations in the trunk table are ISO 3166 country codes; Kamailio routes on the dialled number.
// ITU-T E.164 assigned country codes (https://www.itu.int/pub/T-SP-E.164D): the prefix of an
// international number in E.164 form. Countries sharing a code (the NANP's +1) share a route.

/** ISO 3166 alpha-2 -> E.164 country calling code, for the destinations operators commonly sell. */
export const CALLING_CODES: Readonly<Record<string, string>> = {
  US: "1",
  CA: "1",
  PR: "1",
  DO: "1",
  JM: "1",
  TT: "1",
  MX: "52",
  GT: "502",
  SV: "503",
  HN: "504",
  NI: "505",
  CR: "506",
  PA: "507",
  CO: "57",
  VE: "58",
  CU: "53",
  HT: "509",
  EC: "593",
  PE: "51",
  BO: "591",
  PY: "595",
  UY: "598",
  AR: "54",
  CL: "56",
  BR: "55",
  ES: "34",
  PT: "351",
  FR: "33",
  BE: "32",
  NL: "31",
  LU: "352",
  DE: "49",
  AT: "43",
  CH: "41",
  IT: "39",
  GB: "44",
  IE: "353",
  DK: "45",
  SE: "46",
  NO: "47",
  FI: "358",
  PL: "48",
  CZ: "420",
  SK: "421",
  HU: "36",
  RO: "40",
  BG: "359",
  GR: "30",
  TR: "90",
  IL: "972",
  AE: "971",
  SA: "966",
  EG: "20",
  MA: "212",
  DZ: "213",
  TN: "216",
  ZA: "27",
  NG: "234",
  KE: "254",
  IN: "91",
  PK: "92",
  CN: "86",
  HK: "852",
  JP: "81",
  KR: "82",
  SG: "65",
  PH: "63",
  ID: "62",
  VN: "84",
  TH: "66",
  MY: "60",
  AU: "61",
  NZ: "64",
};

/**
 * The E.164 prefix of a trunk-table destination: a country, or a country with a suffix (MX-MOBILE)
 * whose prefix must be given explicitly in `extraPrefixes`, since no table can guess an operator's
 * number ranges.
 */
export function destinationPrefix(destination: string, extraPrefixes: Readonly<Record<string, string>> = {}): string {
  const prefix = extraPrefixes[destination] ?? (destination.includes("-") ? undefined : CALLING_CODES[destination]);
  if (prefix === undefined) {
    throw new Error(
      `destination "${destination}": no E.164 prefix known; add it to voice.destinationPrefixes (digits, e.g. "521")`,
    );
  }
  return prefix;
}
