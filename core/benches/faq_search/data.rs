//! Fixed data: how made-up words are spelled, the countries and topics entries are filed
//! under, and the needle entries with the queries that look for them.

/// A fixed entry holding the phrases the needle queries look for.
pub(crate) struct Needle {
    pub(crate) country: &'static str,
    pub(crate) topic: &'static str,
    /// Language, title, answer.
    pub(crate) versions: &'static [(&'static str, &'static str, &'static str)],
}

/// How one language's made-up words are spelled, and its little words.
pub(crate) struct Spelling {
    pub(crate) onsets: &'static [&'static str],
    pub(crate) nuclei: &'static [&'static str],
    pub(crate) codas: &'static [&'static str],
    /// Little words mixed into the text; all are stop words for search.
    pub(crate) little: &'static [&'static str],
}

pub(crate) const ENGLISH: Spelling = Spelling {
    onsets: &[
        "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br",
        "cl", "dr", "fl", "gr", "pl", "st", "tr", "sh", "th",
    ],
    nuclei: &["a", "e", "i", "o", "u", "ai", "ea", "ee", "oo", "ou"],
    codas: &["", "", "", "n", "r", "s", "t", "l", "nd", "ck", "ng"],
    little: &[
        "the", "a", "to", "of", "and", "in", "for", "you", "your", "is", "with", "at", "on", "can",
        "it", "be", "do", "how", "from", "by", "or",
    ],
};

pub(crate) const FRENCH: Spelling = Spelling {
    onsets: &[
        "b", "c", "d", "f", "g", "j", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "cr", "pr",
        "tr", "gr", "bl",
    ],
    nuclei: &[
        "a", "e", "i", "o", "u", "é", "è", "ou", "oi", "au", "eau", "ai", "an", "on",
    ],
    codas: &["", "", "", "n", "r", "s", "t", "l", "que", "tte"],
    little: &[
        "le", "la", "les", "de", "des", "du", "et", "à", "un", "une", "pour", "vous", "est", "en",
        "au", "aux", "avec", "sur", "dans", "par", "que", "qui", "ce",
    ],
};

/// ISO 3166-1 alpha-2 codes of countries expats often ask about.
pub(crate) const COUNTRIES: &[&str] = &[
    "FR", "BE", "CH", "LU", "DE", "AT", "NL", "ES", "PT", "IT", "IE", "GB", "SE", "NO", "DK", "FI",
    "PL", "CZ", "GR", "CA", "US", "MX", "BR", "AR", "CL", "CO", "MA", "TN", "SN", "CI", "CM", "ZA",
    "AE", "IN", "TH", "VN", "JP", "KR", "AU", "NZ",
];

/// The default topic keys.
pub(crate) const TOPICS: &[&str] = &[
    "housing",
    "jobs",
    "health",
    "schooling",
    "paperwork",
    "banking",
    "transport",
    "language",
    "daily-life",
];

/// Entries with the phrases members really type; no generated word uses their words.
pub(crate) const NEEDLES: &[Needle] = &[
    Needle {
        country: "FR",
        topic: "paperwork",
        versions: &[(
            "fr",
            "Renouveler son titre de séjour à la préfecture",
            "La demande de renouvellement du titre de séjour se fait en ligne, deux à quatre \
             mois avant la fin de validité. Gardez le récépissé : il prouve que la demande \
             est en cours.",
        )],
    },
    Needle {
        country: "FR",
        topic: "health",
        versions: &[
            (
                "fr",
                "Obtenir sa carte Vitale",
                "Après l'inscription à l'Assurance maladie, la carte Vitale arrive par courrier. \
                 En attendant, l'attestation de droits suffit chez le médecin.",
            ),
            (
                "en",
                "Getting your carte Vitale",
                "Once you are registered with the French health insurance, the carte Vitale \
                 comes by post. Until then, your certificate of rights is enough at the doctor.",
            ),
        ],
    },
    Needle {
        country: "DE",
        topic: "paperwork",
        versions: &[(
            "en",
            "Renewing a residence permit at the Ausländerbehörde",
            "Book an appointment early: residence permit renewals take weeks. Bring your \
             passport, a biometric photo, your rental contract and proof of income.",
        )],
    },
    Needle {
        country: "FR",
        topic: "paperwork",
        versions: &[(
            "en",
            "Residence permit (titre de séjour) after a student visa",
            "Students switching to a work residence permit apply to the préfecture before \
             their visa ends; the titre de séjour is renewed every year or two.",
        )],
    },
    Needle {
        country: "BE",
        topic: "health",
        versions: &[(
            "fr",
            "Carte Vitale perdue ou volée",
            "Déclarez la perte en ligne sur votre compte ameli ; une nouvelle carte Vitale \
             arrive sous trois semaines.",
        )],
    },
    Needle {
        country: "CA",
        topic: "paperwork",
        versions: &[(
            "en",
            "Permanent residence permit card lost abroad",
            "Apply for a travel document to come back, then replace the residence permit \
             card once home.",
        )],
    },
];

/// Queries for the needles, as members would type them.
pub(crate) const NEEDLE_QUERIES: &[&str] = &[
    "titre de séjour",
    "Titre de sejour",
    "renouveler titre de séjour",
    "carte vitale",
    "Carte Vitale perdue",
    "residence permit",
    "how to renew my residence permit",
    "residence permit appointment",
];
