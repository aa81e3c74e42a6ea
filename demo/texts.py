"""The Swedish texts the generated stories are told with (demo and bench alike)."""

# (code, name, lead department code, amount, unit, public description)
CASE_TYPES = [
    ("bygglov", "Bygglov / förhandsbesked", "samhallsbyggnad", 70, "calendar_days",
     "Du vill bygga nytt, bygga till eller ändra användning av en byggnad."),
    ("startbesked", "Startbesked / anmälan", "samhallsbyggnad", 28, "calendar_days",
     "Du har fått bygglov eller ska göra en anmälningspliktig åtgärd och vill börja bygga."),
    ("livsmedel", "Livsmedelsregistrering", "miljo", 14, "calendar_days",
     "Du ska starta eller ta över en verksamhet som hanterar livsmedel."),
    ("servering", "Serveringstillstånd", "tillstand", 56, "calendar_days",
     "Du vill servera alkohol i en restaurang, på ett evenemang eller för ett slutet sällskap."),
    ("markupplatelse", "Markupplåtelse / uteservering", "teknik", 28, "calendar_days",
     "Du vill använda kommunens mark, till exempel för uteservering eller skyltar."),
    ("brandfarlig", "Brandfarlig vara", "raddning", 90, "calendar_days",
     "Du ska hantera brandfarliga eller explosiva varor i din verksamhet."),
    ("miljofarlig", "Miljöfarlig verksamhet (anmälan)", "miljo", 42, "calendar_days",
     "Du ska starta en verksamhet som kan påverka miljön, t.ex. verkstad eller tvätthall."),
    # The 2 working days of DOMAIN.md are the promise of a first answer or routing, not the
    # time the whole matter takes: the case's deadline is four weeks of working days.
    ("etablering", "Etablering / lokal / mark", "naringsliv", 20, "working_days",
     "Du vill etablera företaget i kommunen, hitta en lokal eller köpa mark."),
]  # fmt: skip

# The clock per case type (docs/clocks.md): PBL's statutory weeks for lov/förhandsbesked and
# startbesked, and whether the type is one of SKR Insikt's four NKI areas (since 2024).
CASE_TYPE_CLOCKS: dict[str, dict[str, object]] = {
    "bygglov": {"clock": "statutory", "statutory_weeks": 10, "insikt_area": True},
    "startbesked": {"clock": "statutory", "statutory_weeks": 4, "insikt_area": True},
    "livsmedel": {"insikt_area": True},
    "servering": {"insikt_area": True},
    "miljofarlig": {"insikt_area": True},
}

# The demo municipality's published service guarantees (servicegarantier, docs/clocks.md):
# (promise, case type code or None for all, starts, met by, amount, unit).
SERVICE_GUARANTEES = [
    ("svara eller skicka vidare ditt ärende inom 48 timmar", None, "opened", "first_response",
     48, "hours"),
    ("ge dig en samordnare inom 2 arbetsdagar", "etablering", "opened", "coordinator_named",
     2, "working_days"),
    ("besvara remisser mellan förvaltningarna inom 5 arbetsdagar", None, "referral_sent",
     "referral_answered", 5, "working_days"),
]  # fmt: skip

COMPANY_STEMS = [
    "Pizzeria Bella Napoli", "Kafé Solrosen", "Hultbergs Bygg & Montage", "Norrgårdens Gårdsbutik",
    "Exempelby Bilservice", "Sjöviks Camping", "Lindqvists Snickeri", "Café Kanelbullen",
    "Grill & Kebab Torget", "Tvätthallen i Exempelby", "Nordic Solpaneler", "Ekens Förskola",
    "Bergs Åkeri", "Hotell Strand", "Restaurang Fjäril", "Exempelby Fastigheter",
    "Mattssons Måleri", "Gymmet Kraft", "Ljungs Elektriska", "Blomsterhandeln Ros",
    "Exempelby Bryggeri", "Sushi Sakura", "Vandrarhemmet Ekbacken", "Frisersalongen Sax",
    "Dahls Rör & VVS", "Skogsgläntans Hunddagis", "Torgets Konditori", "Exempelby Däck",
    "Möbelverkstan", "Nilssons Lantbruk", "Glassbaren Strand", "Food Truck Tacos",
    "Lokalproducerat i Exempelby", "Second Hand Ekonomiska", "Eventbolaget Fest",
    "Exempelby Golfklubb Restaurang", "Bageriet Surdeg", "Padelhallen", "Vinbaren Druvan",
    "Kiosken vid Badet", "Exempelby Måleri & Tapet", "Tandläkarna Centrum", "Djurkliniken",
    "Fiskaffären Hamnen", "Smedjan Konst", "Lagerhuset Logistik", "Byggvaruhuset",
    "Stenhuggeriet", "Thai Garden", "Bowlinghallen", "Biografen Röda Kvarn",
    "Mekaniska Verkstaden", "Laddstationen", "Ekologiska Odlarna", "Turistbyrån Upplev",
    "Kebabhuset Centrum", "Exempelby Trädgård", "Hantverksbryggeriet Humle", "Cykelverkstan",
    "Städbolaget Glans",
]  # fmt: skip

INDUSTRIES = {
    "Pizzeria": "Restaurang", "Kafé": "Kafé", "Café": "Kafé", "Bygg": "Bygg", "Grill": "Restaurang",
    "Hotell": "Hotell", "Restaurang": "Restaurang", "Sushi": "Restaurang", "Thai": "Restaurang",
    "Bryggeri": "Livsmedelsproduktion", "Bageriet": "Bageri", "Konditori": "Bageri",
    "Åkeri": "Transport", "Bilservice": "Fordonsservice", "Däck": "Fordonsservice",
    "Camping": "Turism", "Vandrarhemmet": "Turism", "Turistbyrån": "Turism",
}  # fmt: skip

CITIES = [("Exempelby", "579 30"), ("Ekbacken", "579 40"), ("Sjövik", "579 92")]
STREETS = ["Storgatan", "Järnvägsgatan", "Industrivägen", "Kyrkogatan", "Strandvägen", "Torget"]

CONTACT_NAMES = [
    ("Maria", "Andersson"), ("Ahmed", "Hassan"), ("Johanna", "Lindgren"), ("Peter", "Nyström"),
    ("Sara", "Öberg"), ("Mikael", "Holm"), ("Leila", "Karimi"), ("Anders", "Eriksson"),
    ("Karin", "Svensson"), ("Goran", "Petrović"), ("Emma", "Larsson"), ("Olle", "Berg"),
]  # fmt: skip

ROLES = ["VD", "Ägare", "Delägare", "Verksamhetschef", "Styrelseordförande", "Platschef"]

TITLES = {
    "bygglov": ["Tillbyggnad av lokal", "Ny verkstadsbyggnad", "Ändrad användning till kafé",
                "Fasadändring och nya skyltar", "Förhandsbesked för lagerhall", "Nytt carport-tak"],
    "startbesked": ["Startbesked för tillbyggnad", "Anmälan om ändrad planlösning",
                    "Installation av eldstad", "Startbesked för lagerhall"],
    "livsmedel": ["Registrering av ny restaurang", "Övertagande av kafé",
                  "Food truck vid torget", "Hemmabageri för försäljning", "Ny pizzeria"],
    "servering": ["Stadigvarande serveringstillstånd", "Serveringstillstånd för sommarfest",
                  "Slutet sällskap – bröllop", "Utökad serveringstid"],
    "markupplatelse": ["Uteservering på torget", "Skylt på trottoaren",
                       "Byggställning vid fasad", "Försäljningsvagn vid badet"],
    "brandfarlig": ["Tillstånd för gasol i restaurang", "Förvaring av drivmedel",
                    "Hantering av brandfarlig vara i verkstad"],
    "miljofarlig": ["Anmälan om tvätthall", "Ny bilverkstad", "Lackering i verkstad",
                    "Anmälan om värmepump"],
    "etablering": ["Söker lokal för butik", "Vill köpa industrimark", "Etablering av lager",
                   "Frågor om att starta företag", "Söker mark för laddstation"],
}  # fmt: skip

DESCRIPTIONS = [
    "Företaget hörde av sig och vill veta vilka tillstånd som krävs och hur lång tid det tar.",
    "Planerar att starta till våren. Har ritningar men inte lämnat in något än.",
    "Vill ha hjälp att samordna kontakterna med kommunen. Har flera frågor till olika avdelningar.",
    "Ägaren har tagit över verksamheten och undrar vad som gäller för överlåtelsen.",
    "Behöver besked snabbt för att kunna skriva hyresavtal.",
]

REQUESTS = {
    "samhallsbyggnad": "Behövs bygglov för åtgärden, och vilka handlingar ska lämnas in?",
    "miljo": "Behöver verksamheten registreras eller anmälas enligt livsmedels- eller miljöbalken?",
    "tillstand": "Vad krävs för serveringstillstånd och hur lång är handläggningstiden?",
    "teknik": "Kan marken upplåtas och vad säger ni i ett yttrande till polisen?",
    "raddning": "Krävs tillstånd för brandfarlig vara och vilka krav ställs på lokalen?",
    "naringsliv": "Kan näringslivet hjälpa till med lokal och kontakter?",
    "kommunledning": "Berörs kommunens mark eller avtal av etableringen?",
}

ANSWERS = {
    "samhallsbyggnad": "Ja, bygglov krävs. Skicka in ritningar, situationsplan och fasadritning.",
    "miljo": "Verksamheten ska registreras senast två veckor innan start. Blankett skickad.",
    "tillstand": "Ansökan tar cirka åtta veckor. Remiss går till polisen och räddningstjänsten.",
    "teknik": "Marken kan upplåtas maj–september. Vi tillstyrker i yttrandet till polisen.",
    "raddning": (
        "En restaurang behöver tillstånd över 2 liter gasol inomhus, 60 liter om allt står"
        " utomhus (MSBFS 2013:3). Vi gör ett platsbesök före beslut."
    ),
    "naringsliv": "Vi har två lediga lokaler som passar. Fastighetsägarens kontakt är skickad.",
    "kommunledning": "Nej, kommunens avtal berörs inte.",
}  # fmt: skip

NOTES = [
    "Ringde företaget, de återkommer med ritningar nästa vecka.",
    "Bokat samordningsmöte med berörda avdelningar.",
    "Företaget har fått information om avgifter.",
    "Platsbesök genomfört. Inga hinder.",
]

MESSAGES = [
    "Tack för ditt ärende! Vi har skickat frågan till berörda avdelningar och återkommer inom "
    "två veckor med en tidsplan.",
    "Vi behöver kompletterande handlingar: en situationsplan och en planritning.",
    "Nu har alla avdelningar svarat. Här är en sammanfattning av vad som gäller för er.",
]

DECLINE_REASON = "Frågan hör till en annan avdelning."
CLOSING_COMMENT = "Klart."

REPLIES = [
    "Tack! Vi skickar ritningarna i slutet av veckan.",
    "Bra, då vet vi vad som gäller. Vi hör av oss om något är oklart.",
    "Går det att boka ett möte nästa vecka?",
]

SURVEY_COMMENTS = [
    "Snabbt och trevligt bemötande, tack!",
    "Bra att jag bara behövde prata med en person, även när flera förvaltningar var inblandade.",
    "Det tog längre tid än utlovat och ingen hörde av sig när det drog ut på tiden.",
    "Handläggaren förklarade reglerna tydligt, även om beslutet inte blev som vi hoppats.",
    "Svårt att förstå vilka handlingar som behövdes. En checklista hade hjälpt.",
    "Mycket kunnig personal. Vi känner oss välkomna som företagare i kommunen.",
    "Smidigt att kunna följa ärendet på webben.",
]

FIRST_NAMES = ["Anna", "Erik", "Maria", "Johan", "Fatima", "Lars", "Sara", "Ahmed", "Karin",
               "Nils", "Emma", "Oskar", "Leila", "Per", "Ida", "Mohammed", "Elin", "Jonas",
               "Sofia", "Anders", "Hanna", "Ali", "Linnea", "Gustav"]  # fmt: skip
LAST_NAMES = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
              "Persson", "Svensson", "Gustafsson", "Hassan", "Lindberg", "Jakobsson", "Holm",
              "Berg", "Ek", "Lund", "Sandberg", "Öberg", "Wik", "Falk", "Nyström"]  # fmt: skip
