"""Ten news items: (slug, days ago, tags, title, summary, paragraphs)."""

NEWS = [
    (
        "session-9-cluster-management-training",
        6,
        ["cluster management", "training", "cluster governance"],
        "Session 9 of the cluster management training programme: financing the cluster organisation",
        "Forty-two cluster managers from eleven countries discussed how to move from public grants to member fees and paid services.",
        [
            "The ninth virtual session of the cluster management training programme focused on the financing of cluster organisations. Speakers from Bogotá, Monterrey and Porto Alegre presented their membership models and the services their members pay for.",
            "Participants worked in groups on a simple revenue model for their own initiative. The recording and the slides are available to registered participants; session 10, on measuring results, takes place in two weeks.",
        ],
    ),
    (
        "call-circular-economy-pilots",
        12,
        ["circular economy", "call for proposals"],
        "Call for proposals: circular-economy pilots in clusters",
        "Cluster initiatives can apply for co-financing of industrial-symbiosis pilots until the end of next month.",
        [
            "The call co-finances up to 50% of pilots in which at least three member firms exchange materials, energy or water.",
            "Applicants must show a baseline of the material flows involved. A webinar on the call is scheduled next week.",
        ],
    ),
    (
        "new-topic-digital-transformation",
        20,
        ["digital transformation"],
        "New research topic: digital transformation of SMEs",
        "A new research topic gathers practices on maturity diagnostics and shared pilots.",
        [
            "Members can now follow the research topic on the digital transformation of SMEs and receive new practices in their weekly digest."
        ],
    ),
    (
        "registry-passes-100-initiatives",
        27,
        ["registry"],
        "The registry passes one hundred initiatives",
        "Cluster initiatives from fourteen countries are now on the map.",
        [
            "Thanks to cluster managers who registered and updated their initiatives, the registry now lists over one hundred initiatives. Initiative managers can claim imported records from their initiative's page."
        ],
    ),
    (
        "huila-coffee-visit",
        35,
        ["coffee", "post-harvest"],
        "Learning visit to the Huila coffee cluster",
        "Managers from Peru and Honduras visited the shared solar dryers in southern Huila.",
        [
            "The visit showed how growers share dryers between neighbours and how the cooperative pays by cupping score."
        ],
    ),
    (
        "supplier-development-webinar",
        44,
        ["supplier development", "medical devices"],
        "Webinar: what anchor companies expect from local suppliers",
        "Quality managers from medical-device plants explained certification paths for SMEs.",
        [
            "The webinar recording is available on the events page, with the slides on ISO 13485 readiness."
        ],
    ),
    (
        "export-consortia-study",
        52,
        ["export promotion", "internationalisation"],
        "Study: export consortia in Latin American clusters",
        "A new study compares 24 export consortia and what made them last.",
        [
            "Consortia with clear cost-sharing rules and a professional manager lasted longest. The study is attached to the export-promotion research topic."
        ],
    ),
    (
        "skills-roundtable",
        60,
        ["skills", "training"],
        "Round table on skills with technical schools",
        "Cluster managers and technical schools agreed on shared curricula pilots.",
        ["Five clusters will pilot shared curricula with technical schools next year."],
    ),
    (
        "mendoza-water-award",
        68,
        ["water", "wine", "sustainability"],
        "Mendoza's water-saving programme wins a regional award",
        "The wine cluster's irrigation advisory service was recognised for its results.",
        [
            "The award recognises the shared sensor network and the 28% cut in water use per hectare."
        ],
    ),
    (
        "welcome-articula",
        80,
        ["cluster management"],
        "Welcome to Articula",
        "A new home for the community of cluster initiatives.",
        [
            "Articula brings together the registry of initiatives, good practices, research topics and the training programme's sessions. Sign up to keep a profile, follow topics and share your practices."
        ],
    ),
]
