//! The ISO 3166-1 table: every alpha-2 code in order, with its alpha-3 code, English and
//! French names, and what members call the country besides.
//!
//! Aliases are written as people type them, accents included; they are folded before
//! use, so `français` also covers `francais` and `FRANÇAIS`. The most common expat
//! countries have English and French demonyms (both genders), the name in the country's
//! own language when that is written in Latin script, the German name, and short forms.
//! Regions and cities (`Québec`, `Bretagne`, `Dubai`) are never aliases.
//!
//! Where a word could name two countries, one owns it and the other must be named in
//! full (the table test fails if a folded key is claimed twice):
//! - `congo`, `congolais`, `congolese` → CG, the country ISO calls just "Congo"; CD is
//!   `rdc`, `drc`, `congo-kinshasa`, `zaïre` or its full name.
//! - `guinea`, `guinée`, `guinean` → GN; the other Guineas have two-word names.
//! - `korea`, `corée`, `korean`, `coréen` → KR; KP is `north korea`, `corée du nord`.
//! - `dominican`, `dominicain` → DO, not Dominica (whose English demonym is the same).
//! - `samoa` → WS; American Samoa is named in full. Neither Virgin Islands owns
//!   `virgin islands`.
//! - `saint-martin` → MF (the French side); SX is `sint maarten`.
//! - `england`, `scotland`, `wales`, `northern ireland` (and French) → GB; `ireland` → IE.
//! - `america`, `amérique` → US. `georgia` → GE. `macedonia`, `macédoine` → MK.
//! - `guyane` → GF (French Guiana), `guyana` → GY; `guyanais` is nobody's.
//! - `island` (Iceland in Icelandic and German) is left out: it is an English word.

use super::Country;

const fn c(
    alpha2: &'static str,
    alpha3: &'static str,
    en: &'static str,
    fr: &'static str,
    aliases: &'static [&'static str],
) -> Country {
    Country {
        alpha2,
        alpha3,
        en,
        fr,
        aliases,
    }
}

/// All 249 countries and territories, sorted by alpha-2 code.
#[rustfmt::skip]
pub(super) static COUNTRIES: [Country; 249] = [
    c("AD", "AND", "Andorra", "Andorre", &[]),
    c("AE", "ARE", "United Arab Emirates", "Émirats arabes unis", &[
        "uae", "emirates", "émirats", "emirati", "émirien", "émirienne",
    ]),
    c("AF", "AFG", "Afghanistan", "Afghanistan", &[]),
    c("AG", "ATG", "Antigua and Barbuda", "Antigua-et-Barbuda", &[]),
    c("AI", "AIA", "Anguilla", "Anguilla", &[]),
    c("AL", "ALB", "Albania", "Albanie", &[
        "albanian", "albanais", "albanaise", "shqipëria", "shqipëri", "albanien",
    ]),
    c("AM", "ARM", "Armenia", "Arménie", &["armenian", "arménien", "arménienne", "armenien"]),
    c("AO", "AGO", "Angola", "Angola", &[]),
    c("AQ", "ATA", "Antarctica", "Antarctique", &[]),
    c("AR", "ARG", "Argentina", "Argentine", &[
        "argentinian", "argentinean", "argentin", "argentinien",
    ]),
    c("AS", "ASM", "American Samoa", "Samoa américaines", &[]),
    c("AT", "AUT", "Austria", "Autriche", &[
        "austrian", "autrichien", "autrichienne", "österreich", "osterreich",
    ]),
    c("AU", "AUS", "Australia", "Australie", &[
        "australian", "australien", "australienne", "aussie",
    ]),
    c("AW", "ABW", "Aruba", "Aruba", &[]),
    c("AX", "ALA", "Åland Islands", "Îles Åland", &["åland"]),
    c("AZ", "AZE", "Azerbaijan", "Azerbaïdjan", &[]),
    c("BA", "BIH", "Bosnia and Herzegovina", "Bosnie-Herzégovine", &[
        "bosnia", "bosnie", "bosnian", "bosnien", "bosnienne", "bosna i hercegovina",
    ]),
    c("BB", "BRB", "Barbados", "Barbade", &[]),
    c("BD", "BGD", "Bangladesh", "Bangladesh", &["bangladeshi", "bangladais", "bangladaise"]),
    c("BE", "BEL", "Belgium", "Belgique", &[
        "belgian", "belge", "belgië", "belgien",
    ]),
    c("BF", "BFA", "Burkina Faso", "Burkina Faso", &["burkina", "burkinabè", "burkinabé"]),
    c("BG", "BGR", "Bulgaria", "Bulgarie", &["bulgarian", "bulgare", "bulgarien"]),
    c("BH", "BHR", "Bahrain", "Bahreïn", &[]),
    c("BI", "BDI", "Burundi", "Burundi", &["burundian", "burundais", "burundaise"]),
    c("BJ", "BEN", "Benin", "Bénin", &["beninese", "béninois", "béninoise"]),
    c("BL", "BLM", "Saint Barthélemy", "Saint-Barthélemy", &["st barth", "saint-barth"]),
    c("BM", "BMU", "Bermuda", "Bermudes", &[]),
    c("BN", "BRN", "Brunei", "Brunei", &[]),
    c("BO", "BOL", "Bolivia", "Bolivie", &["bolivian", "bolivien", "bolivienne"]),
    c("BQ", "BES", "Caribbean Netherlands", "Pays-Bas caribéens", &["bonaire"]),
    c("BR", "BRA", "Brazil", "Brésil", &[
        "brasil", "brazilian", "brésilien", "brésilienne", "brasilien",
    ]),
    c("BS", "BHS", "Bahamas", "Bahamas", &[]),
    c("BT", "BTN", "Bhutan", "Bhoutan", &[]),
    c("BV", "BVT", "Bouvet Island", "Île Bouvet", &[]),
    c("BW", "BWA", "Botswana", "Botswana", &[]),
    c("BY", "BLR", "Belarus", "Biélorussie", &[
        "bélarus", "belarusian", "biélorusse",
    ]),
    c("BZ", "BLZ", "Belize", "Belize", &[]),
    c("CA", "CAN", "Canada", "Canada", &[
        "canadian", "canadien", "canadienne", "kanada",
    ]),
    c("CC", "CCK", "Cocos (Keeling) Islands", "Îles Cocos", &["cocos islands"]),
    c("CD", "COD", "Democratic Republic of the Congo", "République démocratique du Congo", &[
        "drc", "rdc", "dr congo", "rd congo", "congo-kinshasa", "zaïre",
    ]),
    c("CF", "CAF", "Central African Republic", "République centrafricaine", &[
        "centrafrique", "centrafricain", "centrafricaine",
    ]),
    c("CG", "COG", "Republic of the Congo", "République du Congo", &[
        "congo", "congo-brazzaville", "congolese", "congolais", "congolaise",
    ]),
    c("CH", "CHE", "Switzerland", "Suisse", &[
        "swiss", "schweiz", "svizzera", "svizra", "helvetia",
    ]),
    c("CI", "CIV", "Côte d'Ivoire", "Côte d'Ivoire", &[
        "ivory coast", "ivorian", "ivoirien", "ivoirienne", "elfenbeinküste",
    ]),
    c("CK", "COK", "Cook Islands", "Îles Cook", &[]),
    c("CL", "CHL", "Chile", "Chili", &["chilean", "chilien", "chilienne"]),
    c("CM", "CMR", "Cameroon", "Cameroun", &[
        "cameroonian", "camerounais", "camerounaise", "kamerun",
    ]),
    c("CN", "CHN", "China", "Chine", &["chinese", "chinois", "chinoise", "zhongguo"]),
    c("CO", "COL", "Colombia", "Colombie", &[
        "colombian", "colombien", "colombienne", "kolumbien",
    ]),
    c("CR", "CRI", "Costa Rica", "Costa Rica", &["costa rican", "costaricien", "costaricienne"]),
    c("CU", "CUB", "Cuba", "Cuba", &["cuban", "cubain", "cubaine", "kuba"]),
    c("CV", "CPV", "Cape Verde", "Cap-Vert", &[
        "cabo verde", "cape verdean", "capverdien", "capverdienne",
    ]),
    c("CW", "CUW", "Curaçao", "Curaçao", &[]),
    c("CX", "CXR", "Christmas Island", "Île Christmas", &[]),
    c("CY", "CYP", "Cyprus", "Chypre", &["cypriot", "chypriote", "zypern"]),
    c("CZ", "CZE", "Czech Republic", "République tchèque", &[
        "czechia", "tchéquie", "czech", "tchèque", "česko", "česká republika", "tschechien",
    ]),
    c("DE", "DEU", "Germany", "Allemagne", &[
        "german", "allemand", "allemande", "deutschland",
    ]),
    c("DJ", "DJI", "Djibouti", "Djibouti", &["djiboutian", "djiboutien", "djiboutienne"]),
    c("DK", "DNK", "Denmark", "Danemark", &[
        "danish", "dane", "danois", "danoise", "danmark", "dänemark",
    ]),
    c("DM", "DMA", "Dominica", "Dominique", &[]),
    c("DO", "DOM", "Dominican Republic", "République dominicaine", &[
        "dominican", "dominicain", "dominicaine", "república dominicana",
    ]),
    c("DZ", "DZA", "Algeria", "Algérie", &[
        "algerian", "algérien", "algérienne", "algerien",
    ]),
    c("EC", "ECU", "Ecuador", "Équateur", &["ecuadorian", "équatorien", "équatorienne"]),
    c("EE", "EST", "Estonia", "Estonie", &["estonian", "estonien", "estonienne", "eesti", "estland"]),
    c("EG", "EGY", "Egypt", "Égypte", &["egyptian", "égyptien", "égyptienne", "ägypten"]),
    c("EH", "ESH", "Western Sahara", "Sahara occidental", &[]),
    c("ER", "ERI", "Eritrea", "Érythrée", &["eritrean", "érythréen", "érythréenne"]),
    c("ES", "ESP", "Spain", "Espagne", &[
        "spanish", "espagnol", "espagnole", "españa", "spanien",
    ]),
    c("ET", "ETH", "Ethiopia", "Éthiopie", &["ethiopian", "éthiopien", "éthiopienne", "äthiopien"]),
    c("FI", "FIN", "Finland", "Finlande", &[
        "finnish", "finn", "finlandais", "finlandaise", "suomi", "finnland",
    ]),
    c("FJ", "FJI", "Fiji", "Fidji", &[]),
    c("FK", "FLK", "Falkland Islands", "Îles Malouines", &["falklands", "malouines"]),
    c("FM", "FSM", "Micronesia", "Micronésie", &[]),
    c("FO", "FRO", "Faroe Islands", "Îles Féroé", &["faroes", "féroé"]),
    c("FR", "FRA", "France", "France", &[
        "french", "français", "française", "frankreich",
    ]),
    c("GA", "GAB", "Gabon", "Gabon", &["gabonese", "gabonais", "gabonaise"]),
    c("GB", "GBR", "United Kingdom", "Royaume-Uni", &[
        "uk", "u.k.", "great britain", "britain", "grande-bretagne", "england", "angleterre",
        "scotland", "écosse", "wales", "pays de galles", "northern ireland", "irlande du nord",
        "british", "britannique", "brit", "english", "anglais", "anglaise", "scottish",
        "écossais", "écossaise", "welsh", "gallois", "galloise", "großbritannien",
        "vereinigtes königreich",
    ]),
    c("GD", "GRD", "Grenada", "Grenade", &[]),
    c("GE", "GEO", "Georgia", "Géorgie", &["georgian", "géorgien", "géorgienne", "georgien"]),
    c("GF", "GUF", "French Guiana", "Guyane", &["guyane française"]),
    c("GG", "GGY", "Guernsey", "Guernesey", &[]),
    c("GH", "GHA", "Ghana", "Ghana", &["ghanaian", "ghanéen", "ghanéenne"]),
    c("GI", "GIB", "Gibraltar", "Gibraltar", &[]),
    c("GL", "GRL", "Greenland", "Groenland", &[]),
    c("GM", "GMB", "Gambia", "Gambie", &["gambian", "gambien", "gambienne"]),
    c("GN", "GIN", "Guinea", "Guinée", &[
        "guinea-conakry", "guinée-conakry", "guinean", "guinéen", "guinéenne",
    ]),
    c("GP", "GLP", "Guadeloupe", "Guadeloupe", &[]),
    c("GQ", "GNQ", "Equatorial Guinea", "Guinée équatoriale", &["guinea ecuatorial"]),
    c("GR", "GRC", "Greece", "Grèce", &[
        "greek", "grec", "grecque", "griechenland", "hellas",
    ]),
    c("GS", "SGS", "South Georgia and the South Sandwich Islands", "Géorgie du Sud-et-les Îles Sandwich du Sud", &[]),
    c("GT", "GTM", "Guatemala", "Guatemala", &["guatemalan", "guatémaltèque"]),
    c("GU", "GUM", "Guam", "Guam", &[]),
    c("GW", "GNB", "Guinea-Bissau", "Guinée-Bissau", &["guiné-bissau"]),
    c("GY", "GUY", "Guyana", "Guyana", &[]),
    c("HK", "HKG", "Hong Kong", "Hong Kong", &["hongkong"]),
    c("HM", "HMD", "Heard Island and McDonald Islands", "Îles Heard-et-MacDonald", &[]),
    c("HN", "HND", "Honduras", "Honduras", &[]),
    c("HR", "HRV", "Croatia", "Croatie", &[
        "croatian", "croate", "hrvatska", "kroatien",
    ]),
    c("HT", "HTI", "Haiti", "Haïti", &["haitian", "haïtien", "haïtienne", "ayiti"]),
    c("HU", "HUN", "Hungary", "Hongrie", &[
        "hungarian", "hongrois", "hongroise", "magyarország", "ungarn",
    ]),
    c("ID", "IDN", "Indonesia", "Indonésie", &[
        "indonesian", "indonésien", "indonésienne", "indonesien",
    ]),
    c("IE", "IRL", "Ireland", "Irlande", &[
        "irish", "irlandais", "irlandaise", "éire", "irland",
    ]),
    c("IL", "ISR", "Israel", "Israël", &["israeli", "israélien", "israélienne"]),
    c("IM", "IMN", "Isle of Man", "Île de Man", &[]),
    c("IN", "IND", "India", "Inde", &["indian", "indien", "indienne", "bharat"]),
    c("IO", "IOT", "British Indian Ocean Territory", "Territoire britannique de l'océan Indien", &[]),
    c("IQ", "IRQ", "Iraq", "Irak", &["iraqi", "irakien", "irakienne"]),
    c("IR", "IRN", "Iran", "Iran", &["iranian", "iranien", "iranienne", "persia", "perse"]),
    c("IS", "ISL", "Iceland", "Islande", &["icelandic", "islandais", "islandaise"]),
    c("IT", "ITA", "Italy", "Italie", &[
        "italian", "italien", "italienne", "italia",
    ]),
    c("JE", "JEY", "Jersey", "Jersey", &[]),
    c("JM", "JAM", "Jamaica", "Jamaïque", &["jamaican", "jamaïcain", "jamaïcaine"]),
    c("JO", "JOR", "Jordan", "Jordanie", &["jordanian", "jordanien", "jordanienne"]),
    c("JP", "JPN", "Japan", "Japon", &[
        "japanese", "japonais", "japonaise", "nihon", "nippon",
    ]),
    c("KE", "KEN", "Kenya", "Kenya", &["kenyan", "kényan", "kényane"]),
    c("KG", "KGZ", "Kyrgyzstan", "Kirghizistan", &[]),
    c("KH", "KHM", "Cambodia", "Cambodge", &["cambodian", "cambodgien", "cambodgienne"]),
    c("KI", "KIR", "Kiribati", "Kiribati", &[]),
    c("KM", "COM", "Comoros", "Comores", &["comorian", "comorien", "comorienne"]),
    c("KN", "KNA", "Saint Kitts and Nevis", "Saint-Kitts-et-Nevis", &[]),
    c("KP", "PRK", "North Korea", "Corée du Nord", &["dprk", "north korean", "nord-coréen", "nord-coréenne"]),
    c("KR", "KOR", "South Korea", "Corée du Sud", &[
        "korea", "corée", "korean", "coréen", "coréenne", "south korean", "sud-coréen",
        "sud-coréenne", "südkorea",
    ]),
    c("KW", "KWT", "Kuwait", "Koweït", &[]),
    c("KY", "CYM", "Cayman Islands", "Îles Caïmans", &[]),
    c("KZ", "KAZ", "Kazakhstan", "Kazakhstan", &[]),
    c("LA", "LAO", "Laos", "Laos", &[]),
    c("LB", "LBN", "Lebanon", "Liban", &[
        "lebanese", "libanais", "libanaise", "libanon",
    ]),
    c("LC", "LCA", "Saint Lucia", "Sainte-Lucie", &["st lucia"]),
    c("LI", "LIE", "Liechtenstein", "Liechtenstein", &[]),
    c("LK", "LKA", "Sri Lanka", "Sri Lanka", &["sri lankan", "sri-lankais", "sri-lankaise"]),
    c("LR", "LBR", "Liberia", "Liberia", &[]),
    c("LS", "LSO", "Lesotho", "Lesotho", &[]),
    c("LT", "LTU", "Lithuania", "Lituanie", &[
        "lithuanian", "lituanien", "lituanienne", "lietuva", "litauen",
    ]),
    c("LU", "LUX", "Luxembourg", "Luxembourg", &[
        "luxembourgish", "luxembourger", "luxembourgeois", "luxembourgeoise", "lëtzebuerg",
        "luxemburg",
    ]),
    c("LV", "LVA", "Latvia", "Lettonie", &[
        "latvian", "letton", "lettone", "latvija", "lettland",
    ]),
    c("LY", "LBY", "Libya", "Libye", &["libyan", "libyen", "libyenne"]),
    c("MA", "MAR", "Morocco", "Maroc", &[
        "moroccan", "marocain", "marocaine", "marokko",
    ]),
    c("MC", "MCO", "Monaco", "Monaco", &["monégasque", "monegasque"]),
    c("MD", "MDA", "Moldova", "Moldavie", &["moldovan", "moldave"]),
    c("ME", "MNE", "Montenegro", "Monténégro", &["montenegrin", "monténégrin", "monténégrine", "crna gora"]),
    c("MF", "MAF", "Saint Martin", "Saint-Martin", &[]),
    c("MG", "MDG", "Madagascar", "Madagascar", &["malagasy", "malgache", "madagasikara"]),
    c("MH", "MHL", "Marshall Islands", "Îles Marshall", &[]),
    c("MK", "MKD", "North Macedonia", "Macédoine du Nord", &[
        "macedonia", "macédoine", "macedonian", "macédonien", "macédonienne",
    ]),
    c("ML", "MLI", "Mali", "Mali", &["malian", "malien", "malienne"]),
    c("MM", "MMR", "Myanmar", "Birmanie", &["burma", "birmanie"]),
    c("MN", "MNG", "Mongolia", "Mongolie", &[]),
    c("MO", "MAC", "Macao", "Macao", &["macau"]),
    c("MP", "MNP", "Northern Mariana Islands", "Îles Mariannes du Nord", &[]),
    c("MQ", "MTQ", "Martinique", "Martinique", &[]),
    c("MR", "MRT", "Mauritania", "Mauritanie", &["mauritanian", "mauritanien", "mauritanienne"]),
    c("MS", "MSR", "Montserrat", "Montserrat", &[]),
    c("MT", "MLT", "Malta", "Malte", &["maltese", "maltais", "maltaise"]),
    c("MU", "MUS", "Mauritius", "Maurice", &["île maurice", "mauritian", "mauricien", "mauricienne"]),
    c("MV", "MDV", "Maldives", "Maldives", &[]),
    c("MW", "MWI", "Malawi", "Malawi", &[]),
    c("MX", "MEX", "Mexico", "Mexique", &[
        "méxico", "mexican", "mexicain", "mexicaine", "mexiko",
    ]),
    c("MY", "MYS", "Malaysia", "Malaisie", &["malaysian", "malaisien", "malaisienne"]),
    c("MZ", "MOZ", "Mozambique", "Mozambique", &["moçambique"]),
    c("NA", "NAM", "Namibia", "Namibie", &[]),
    c("NC", "NCL", "New Caledonia", "Nouvelle-Calédonie", &[]),
    c("NE", "NER", "Niger", "Niger", &["nigerien", "nigérien", "nigérienne"]),
    c("NF", "NFK", "Norfolk Island", "Île Norfolk", &[]),
    c("NG", "NGA", "Nigeria", "Nigeria", &["nigerian", "nigérian", "nigériane"]),
    c("NI", "NIC", "Nicaragua", "Nicaragua", &[]),
    c("NL", "NLD", "Netherlands", "Pays-Bas", &[
        "holland", "hollande", "dutch", "néerlandais", "néerlandaise", "hollandais",
        "hollandaise", "nederland", "niederlande",
    ]),
    c("NO", "NOR", "Norway", "Norvège", &[
        "norwegian", "norvégien", "norvégienne", "norge", "noreg", "norwegen",
    ]),
    c("NP", "NPL", "Nepal", "Népal", &["nepali", "nepalese", "népalais", "népalaise"]),
    c("NR", "NRU", "Nauru", "Nauru", &[]),
    c("NU", "NIU", "Niue", "Niue", &[]),
    c("NZ", "NZL", "New Zealand", "Nouvelle-Zélande", &[
        "new zealander", "néo-zélandais", "néo-zélandaise", "aotearoa", "neuseeland",
    ]),
    c("OM", "OMN", "Oman", "Oman", &[]),
    c("PA", "PAN", "Panama", "Panama", &[]),
    c("PE", "PER", "Peru", "Pérou", &["peruvian", "péruvien", "péruvienne", "perú"]),
    c("PF", "PYF", "French Polynesia", "Polynésie française", &[]),
    c("PG", "PNG", "Papua New Guinea", "Papouasie-Nouvelle-Guinée", &[]),
    c("PH", "PHL", "Philippines", "Philippines", &[
        "filipino", "filipina", "philippin", "philippine", "pilipinas", "philippinen",
    ]),
    c("PK", "PAK", "Pakistan", "Pakistan", &["pakistani", "pakistanais", "pakistanaise"]),
    c("PL", "POL", "Poland", "Pologne", &[
        "polish", "polonais", "polonaise", "polska", "polen",
    ]),
    c("PM", "SPM", "Saint Pierre and Miquelon", "Saint-Pierre-et-Miquelon", &[]),
    c("PN", "PCN", "Pitcairn Islands", "Îles Pitcairn", &[]),
    c("PR", "PRI", "Puerto Rico", "Porto Rico", &[]),
    c("PS", "PSE", "Palestine", "Palestine", &["palestinian", "palestinien", "palestinienne"]),
    c("PT", "PRT", "Portugal", "Portugal", &["portuguese", "portugais", "portugaise"]),
    c("PW", "PLW", "Palau", "Palaos", &[]),
    c("PY", "PRY", "Paraguay", "Paraguay", &["paraguayan", "paraguayen", "paraguayenne"]),
    c("QA", "QAT", "Qatar", "Qatar", &["qatari"]),
    c("RE", "REU", "Réunion", "La Réunion", &["île de la réunion"]),
    c("RO", "ROU", "Romania", "Roumanie", &[
        "romanian", "roumain", "roumaine", "românia", "rumänien",
    ]),
    c("RS", "SRB", "Serbia", "Serbie", &["serbian", "serbe", "srbija", "serbien"]),
    c("RU", "RUS", "Russia", "Russie", &["russian", "russe", "russland"]),
    c("RW", "RWA", "Rwanda", "Rwanda", &["rwandan", "rwandais", "rwandaise"]),
    c("SA", "SAU", "Saudi Arabia", "Arabie saoudite", &["saudi", "saoudien", "saoudienne"]),
    c("SB", "SLB", "Solomon Islands", "Îles Salomon", &[]),
    c("SC", "SYC", "Seychelles", "Seychelles", &[]),
    c("SD", "SDN", "Sudan", "Soudan", &["sudanese", "soudanais", "soudanaise"]),
    c("SE", "SWE", "Sweden", "Suède", &[
        "swedish", "swede", "suédois", "suédoise", "sverige", "schweden",
    ]),
    c("SG", "SGP", "Singapore", "Singapour", &["singaporean", "singapourien", "singapourienne"]),
    c("SH", "SHN", "Saint Helena", "Sainte-Hélène", &[]),
    c("SI", "SVN", "Slovenia", "Slovénie", &[
        "slovenian", "slovene", "slovène", "slovenija", "slowenien",
    ]),
    c("SJ", "SJM", "Svalbard and Jan Mayen", "Svalbard et Jan Mayen", &[]),
    c("SK", "SVK", "Slovakia", "Slovaquie", &[
        "slovak", "slovaque", "slovensko", "slowakei",
    ]),
    c("SL", "SLE", "Sierra Leone", "Sierra Leone", &[]),
    c("SM", "SMR", "San Marino", "Saint-Marin", &[]),
    c("SN", "SEN", "Senegal", "Sénégal", &["senegalese", "sénégalais", "sénégalaise"]),
    c("SO", "SOM", "Somalia", "Somalie", &["somali", "somalien", "somalienne"]),
    c("SR", "SUR", "Suriname", "Suriname", &[]),
    c("SS", "SSD", "South Sudan", "Soudan du Sud", &[]),
    c("ST", "STP", "São Tomé and Príncipe", "Sao Tomé-et-Principe", &[]),
    c("SV", "SLV", "El Salvador", "Salvador", &[]),
    c("SX", "SXM", "Sint Maarten", "Sint Maarten", &[]),
    c("SY", "SYR", "Syria", "Syrie", &["syrian", "syrien", "syrienne"]),
    c("SZ", "SWZ", "Eswatini", "Eswatini", &["swaziland"]),
    c("TC", "TCA", "Turks and Caicos Islands", "Îles Turques-et-Caïques", &[]),
    c("TD", "TCD", "Chad", "Tchad", &["chadian", "tchadien", "tchadienne"]),
    c("TF", "ATF", "French Southern Territories", "Terres australes et antarctiques françaises", &["taaf"]),
    c("TG", "TGO", "Togo", "Togo", &["togolese", "togolais", "togolaise"]),
    c("TH", "THA", "Thailand", "Thaïlande", &["thai", "thaïlandais", "thaïlandaise"]),
    c("TJ", "TJK", "Tajikistan", "Tadjikistan", &[]),
    c("TK", "TKL", "Tokelau", "Tokelau", &[]),
    c("TL", "TLS", "East Timor", "Timor oriental", &["timor-leste", "timor"]),
    c("TM", "TKM", "Turkmenistan", "Turkménistan", &[]),
    c("TN", "TUN", "Tunisia", "Tunisie", &[
        "tunisian", "tunisien", "tunisienne", "tunesien",
    ]),
    c("TO", "TON", "Tonga", "Tonga", &[]),
    c("TR", "TUR", "Turkey", "Turquie", &[
        "türkiye", "turkish", "turc", "turque", "türkei",
    ]),
    c("TT", "TTO", "Trinidad and Tobago", "Trinité-et-Tobago", &[]),
    c("TV", "TUV", "Tuvalu", "Tuvalu", &[]),
    c("TW", "TWN", "Taiwan", "Taïwan", &["taiwanese", "taïwanais", "taïwanaise"]),
    c("TZ", "TZA", "Tanzania", "Tanzanie", &["tanzanian", "tanzanien", "tanzanienne"]),
    c("UA", "UKR", "Ukraine", "Ukraine", &["ukrainian", "ukrainien", "ukrainienne"]),
    c("UG", "UGA", "Uganda", "Ouganda", &["ugandan", "ougandais", "ougandaise"]),
    c("UM", "UMI", "United States Minor Outlying Islands", "Îles mineures éloignées des États-Unis", &[]),
    c("US", "USA", "United States", "États-Unis", &[
        "u.s.", "u.s.a.", "america", "amérique", "united states of america",
        "états-unis d'amérique", "american", "américain", "américaine", "amerika",
        "vereinigte staaten",
    ]),
    c("UY", "URY", "Uruguay", "Uruguay", &["uruguayan", "uruguayen", "uruguayenne"]),
    c("UZ", "UZB", "Uzbekistan", "Ouzbékistan", &[]),
    c("VA", "VAT", "Vatican City", "Vatican", &["holy see", "saint-siège"]),
    c("VC", "VCT", "Saint Vincent and the Grenadines", "Saint-Vincent-et-les-Grenadines", &[]),
    c("VE", "VEN", "Venezuela", "Venezuela", &["venezuelan", "vénézuélien", "vénézuélienne"]),
    c("VG", "VGB", "British Virgin Islands", "Îles Vierges britanniques", &[]),
    c("VI", "VIR", "US Virgin Islands", "Îles Vierges des États-Unis", &[]),
    c("VN", "VNM", "Vietnam", "Vietnam", &[
        "viet nam", "việt nam", "vietnamese", "vietnamien", "vietnamienne",
    ]),
    c("VU", "VUT", "Vanuatu", "Vanuatu", &[]),
    c("WF", "WLF", "Wallis and Futuna", "Wallis-et-Futuna", &[]),
    c("WS", "WSM", "Samoa", "Samoa", &[]),
    c("YE", "YEM", "Yemen", "Yémen", &["yemeni", "yéménite"]),
    c("YT", "MYT", "Mayotte", "Mayotte", &[]),
    c("ZA", "ZAF", "South Africa", "Afrique du Sud", &[
        "rsa", "south african", "sud-africain", "sud-africaine", "südafrika",
    ]),
    c("ZM", "ZMB", "Zambia", "Zambie", &["zambian", "zambien", "zambienne"]),
    c("ZW", "ZWE", "Zimbabwe", "Zimbabwe", &["zimbabwean", "zimbabwéen", "zimbabwéenne"]),
];
