"""The words of the sample profile (fictional companies and people)."""

from __future__ import annotations

COMPANIES: tuple[str, ...] = (
    "Bluewave Contact Center",
    "Harborline BPO",
    "Northstar Customer Care",
    "Pinnacle Connect",
    "Sunrise Teleservices",
    "Meridian Support Hub",
    "Lakeside CX Solutions",
    "Cobalt Voice Services",
    "Evergreen Outsourcing",
    "Summit Call Partners",
    "Brightline Global Services",
    "Keystone Customer Solutions",
    "Silverpeak Contact Hub",
    "Tidewater Teleservices Group",
    "Orchid Voice & Chat",
    "Crescent Care Connect",
    "Ironwood Helpdesk Services",
    "Redcliff Outsourcing",
    "Maple Bay Contact Center",
    "Starling CX",
    "Goldfield Support Partners",
    "Westgate Call Solutions",
    "Clearpath Customer Experience",
    "Horizon Link BPO",
    "Amberstone Services",
    "Seabright Teleservices",
    "Ridgeview Contact Solutions",
    "Nimbus Support Co.",
    "Pacific Crest BPO",
    "Lumen Customer Care",
    "Granite Point Services",
    "Willow Creek Contact Center",
    "Falcon Ridge Outsourcing",
    "Copperline CX",
    "Riverside Voice Partners",
    "Juniper Helpline Services",
)

# (name, role, memory hook): the hook is what was talked about, to be recognised later.
CONTACTS: tuple[tuple[str, str, str], ...] = (
    ("Maria Santos", "Recruiter", "Also from Iloilo; we talked about the long commute to Ortigas."),
    (
        "James Reyes",
        "Operations manager",
        "Asked about my basketball league; started as an agent himself.",
    ),
    ("Anna Cruz", "HR assistant", "Liked that I walked in with a printed resume and a pen."),
    ("Paolo Mendoza", "Team leader", "Told me night shift gets easier after the second week."),
    (
        "Grace Villanueva",
        "Account trainer",
        "Ran the mock call; was the 'angry customer' with a broken router.",
    ),
    ("Mark Dela Rosa", "Recruitment lead", "Mentioned the new site opening in Cebu next year."),
    (
        "Liza Garcia",
        "Talent acquisition",
        "We both like K-dramas; she laughed about my practice routine.",
    ),
    (
        "Ramon Aquino",
        "Senior recruiter",
        "Was strict about punctuality; noticed I came 20 minutes early.",
    ),
    (
        "Tess Navarro",
        "Quality analyst",
        "Scored my typing test; said accuracy matters more than speed.",
    ),
    (
        "Carlo Bautista",
        "Operations supervisor",
        "Asked why I left retail; liked my answer about helping people.",
    ),
    ("Joy Ramos", "Recruiter", "Phone screen; her dog barked and we both laughed."),
    ("Vince Castillo", "Account manager", "Final interview; asked about weekends twice."),
)

# (kind, account type, position): kind picks the account's test (sales, service, tech).
ACCOUNTS: tuple[tuple[str, str, str], ...] = (
    ("service", "Telecom inbound customer service", "Customer Service Representative"),
    ("tech", "Internet provider technical support", "Technical Support Representative"),
    ("sales", "Retail outbound sales", "Sales Agent"),
    ("service", "Bank credit card support", "Customer Service Representative"),
    ("service", "Airline reservations", "Reservations Agent"),
    ("tech", "Software helpdesk", "Technical Support Representative"),
    ("service", "E-commerce chat and email", "Chat Support Agent"),
    ("sales", "Insurance telesales", "Sales Agent"),
    ("service", "Health insurance claims", "Customer Care Associate"),
)

# (furthest milestone, outcome there, status): 40 applications across the whole pipeline.
PLAN: tuple[tuple[str, str, str], ...] = (
    # Waiting after sending the application, or never heard back.
    ("application", "pending", "active"),
    ("application", "pending", "active"),
    ("application", "pending", "active"),
    ("application", "pending", "active"),
    ("application", "pending", "ghosted"),
    ("application", "pending", "ghosted"),
    ("application", "pending", "ghosted"),
    ("application", "pending", "withdrawn"),
    # Phone interviews: where most of this applicant's applications stop.
    ("phone-interview", "failed", "rejected"),
    ("phone-interview", "failed", "rejected"),
    ("phone-interview", "failed", "rejected"),
    ("phone-interview", "failed", "rejected"),
    ("phone-interview", "failed", "rejected"),
    ("phone-interview", "failed", "rejected"),
    ("phone-interview", "no-show", "withdrawn"),
    ("phone-interview", "scheduled", "active"),
    ("phone-interview", "scheduled", "active"),
    ("phone-interview", "pending", "active"),
    # In-person interviews.
    ("in-person-interview", "failed", "rejected"),
    ("in-person-interview", "failed", "rejected"),
    ("in-person-interview", "failed", "rejected"),
    ("in-person-interview", "scheduled", "active"),
    # Exams.
    ("exam", "failed", "rejected"),
    ("exam", "failed", "rejected"),
    ("exam", "pending", "active"),
    ("exam", "scheduled", "active"),
    # Mock calls.
    ("mock-call", "failed", "rejected"),
    ("mock-call", "failed", "rejected"),
    ("mock-call", "scheduled", "active"),
    # Account tests.
    ("customer-service-test", "failed", "rejected"),
    ("tech-support-test", "passed", "active"),
    ("sales-test", "failed", "rejected"),
    # Final interviews.
    ("final-interview", "failed", "rejected"),
    ("final-interview", "scheduled", "active"),
    ("final-interview", "pending", "active"),
    # Offers.
    ("job-offer", "pending", "offer"),
    ("job-offer", "passed", "accepted"),
    # Two more recent applications and one late withdrawal.
    ("application", "pending", "active"),
    ("application", "pending", "active"),
    ("in-person-interview", "passed", "withdrawn"),
)

# (milestone or "any", what the interviewer said, improvement areas).
TIPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "phone-interview",
        "Speak up a little: I had to ask you to repeat yourself twice.",
        ("voice-volume",),
    ),
    (
        "phone-interview",
        "Smile while you talk. It changes how you sound on the line.",
        ("phone-manner",),
    ),
    (
        "phone-interview",
        "Slow down when you introduce yourself; the first sentence was rushed.",
        ("speaking-pace",),
    ),
    (
        "phone-interview",
        "Sound more sure of your strengths. You said 'I think' a lot.",
        ("confidence",),
    ),
    (
        "phone-interview",
        "Find a quiet room for the call; the background noise made it hard to hear you.",
        ("phone-manner", "voice-volume"),
    ),
    (
        "in-person-interview",
        "Good introduction. Work on past-tense verbs: 'I have worked', not 'I have work'.",
        ("english-grammar",),
    ),
    (
        "in-person-interview",
        "Look at the panel when you answer, not at the table.",
        ("confidence",),
    ),
    (
        "in-person-interview",
        "Bring two copies of your resume next time; one was not enough.",
        ("resume",),
    ),
    (
        "in-person-interview",
        "Practise the 'th' sound: 'three' came out as 'tree'.",
        ("pronunciation",),
    ),
    (
        "exam",
        "Reading comprehension was the weakest part; read the question before the passage.",
        ("reading-comprehension",),
    ),
    ("exam", "Grammar section was fine. Watch subject-verb agreement.", ("english-grammar",)),
    ("exam", "Typing test: aim for 35 words a minute with at least 95% accuracy.", ("typing",)),
    (
        "mock-call",
        "Acknowledge the customer's frustration before you jump to the fix.",
        ("empathy",),
    ),
    (
        "mock-call",
        "You did not know the plan details; read the product sheet before the call.",
        ("product-knowledge",),
    ),
    (
        "mock-call",
        "Use the customer's name at least twice, and summarise before closing.",
        ("listening",),
    ),
    (
        "mock-call",
        "Your volume dropped when the customer got angry. Keep it steady.",
        ("voice-volume", "confidence"),
    ),
    (
        "customer-service-test",
        "Ask one more question to confirm the request before processing it.",
        ("listening",),
    ),
    (
        "sales-test",
        "Offer the product's benefit, not only its features, and ask for the sale.",
        ("sales",),
    ),
    (
        "tech-support-test",
        "Give one step at a time and wait for the customer to confirm.",
        ("speaking-pace", "computer-skills"),
    ),
    (
        "final-interview",
        "Be ready to say yes or no clearly about graveyard shifts.",
        ("confidence",),
    ),
    (
        "final-interview",
        "Know what salary you expect and why before the final interview.",
        ("confidence",),
    ),
    ("job-offer", "Read the whole contract, including the probation terms, before signing.", ()),
    (
        "any",
        "Arrive fifteen minutes early: the security check at the lobby takes time.",
        ("punctuality",),
    ),
    (
        "any",
        "Your English is clear. Keep reading aloud every day to build fluency.",
        ("pronunciation",),
    ),
)

# (what the applicant noted for themselves, improvement areas).
OBSERVATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("I froze when asked 'Why should we hire you?'. Prepare a 30-second answer.", ("confidence",)),
    (
        "Misunderstood the question about shifting schedules; ask them to repeat next time.",
        ("listening",),
    ),
    ("Forgot to mention my cashier experience, which is real customer service.", ("confidence",)),
    (
        "My voice shook at the start; breathe and slow down before answering.",
        ("speaking-pace", "confidence"),
    ),
    (
        "Arrived with 5 minutes to spare because of traffic. Leave an hour earlier.",
        ("punctuality",),
    ),
)
