"""The demo municipality's knowledge bank: about forty questions businesses ask, across the
LOTS course topics. (owner department code, question, answer, sources, public?, stale?,
English question, English answer). Demo texts: a municipality writes its own."""

PBL = "Plan- och bygglagen (2010:900) | https://www.riksdagen.se/sv/dokument-och-lagar/"
PBF = "Plan- och byggförordningen (2011:338)"
LIVS = "Livsmedelslagen (2006:804)"
ALK = "Alkohollagen (2010:1622) | https://www.riksdagen.se/sv/dokument-och-lagar/"
MB = "Miljöbalken (1998:808)"
LBE = "Lagen (2010:1011) om brandfarliga och explosiva varor"
MSB = "MSBFS 2013:3 om tillstånd för hantering av brandfarlig gas och vätska"
LSO = "Lagen (2003:778) om skydd mot olyckor"
ORD = "Ordningslagen (1993:1617)"

ARTICLES = [
    # --- Bygglov och plan (PBL)
    (
        "samhallsbyggnad",
        "Behöver jag bygglov för en uteservering?",
        "En uteservering med fasta delar (trädäck, räcken, tak eller väggar) kräver oftast "
        "bygglov. Möbler som ställs ut över säsongen och tas in kräver inte bygglov, men på "
        "allmän plats behövs tillstånd från polisen (markupplåtelse). Kontakta bygglov i god tid: "
        "ett komplett ärende beslutas inom tio veckor.",
        PBL,
        True,
        False,
        "Do I need a building permit for outdoor seating?",
        "Outdoor seating with fixed parts (decking, railings, roof or walls) usually needs a "
        "building permit. Furniture put out for the season does not, but on public land the police "
        "must grant permission to use the space.",
    ),
    (
        "samhallsbyggnad",
        "Hur lång tid tar det att få bygglov?",
        "Byggnadsnämnden ska besluta inom tio veckor från att ansökan är komplett. Tiden kan "
        "förlängas en gång med högst tio veckor, och du får då besked innan den första tiden gått "
        "ut. Saknas handlingar får du ett föreläggande inom tre veckor.",
        PBL,
        True,
        False,
        "How long does a building permit take?",
        "The committee decides within ten weeks of a complete application; the time can be "
        "extended once by at most ten weeks, and you are told before the first period ends.",
    ),
    (
        "samhallsbyggnad",
        "Vad händer med avgiften om bygglovet dröjer?",
        "Om kommunen inte beslutar inom tidsfristen minskas avgiften med en femtedel för varje "
        "påbörjad vecka som tiden överskrids, till noll efter fem veckor.",
        "Plan- och bygglagen 12 kap. 8 a §",
        True,
        False,
        "",
        "",
    ),
    (
        "samhallsbyggnad",
        "Behöver jag bygglov för att ändra en butik till restaurang?",
        "Att ändra användning från butik till restaurang är en ändrad användning som kräver "
        "bygglov, även om inget byggs om på utsidan. Ventilation och brandskydd kan också behöva "
        "anmälas.",
        PBL,
        True,
        False,
        "",
        "",
    ),
    (
        "samhallsbyggnad",
        "Vad är ett förhandsbesked?",
        "Ett förhandsbesked svarar på om en åtgärd kan tillåtas på en viss plats innan du "
        "projekterar i detalj, t.ex. ett nytt lager utanför detaljplan. Beskedet gäller i två år.",
        PBL,
        False,
        True,
        "",
        "",
    ),
    (
        "samhallsbyggnad",
        "Behöver jag bygglov för en skylt?",
        "De flesta skyltar och ljusanordningar kräver bygglov inom detaljplanerat område. Små "
        "skyltar på egen fasad kan vara undantagna enligt detaljplanen; fråga innan du beställer.",
        PBF,
        True,
        True,
        "Do I need a permit for a sign?",
        "Most signs and illuminated signs need a permit in areas with a detailed plan.",
    ),
    (
        "samhallsbyggnad",
        "När behövs startbesked?",
        "Du får inte börja bygga förrän byggnadsnämnden gett startbesked, även om bygglovet är "
        "klart. Efter en anmälan beslutar nämnden inom fyra veckor.",
        PBL,
        False,
        False,
        "",
        "",
    ),
    # --- Livsmedel
    (
        "miljo",
        "Hur registrerar jag en livsmedelsanläggning?",
        "Du registrerar anläggningen hos miljö- och hälsoskydd senast två veckor innan "
        "verksamheten startar. Registreringen kostar en avgift, och kontrollen följer sedan en "
        "riskklassning.",
        LIVS,
        True,
        False,
        "How do I register a food business?",
        "Register the premises with the environmental health office at least two weeks before "
        "you start.",
    ),
    (
        "miljo",
        "Får jag sälja mat från en food truck?",
        "En food truck registreras som livsmedelsanläggning i den kommun där du bor eller har "
        "ditt säte. För att stå på allmän plats behöver du dessutom polisens tillstånd.",
        LIVS,
        True,
        False,
        "",
        "",
    ),
    (
        "miljo",
        "Behöver jag ett system för egenkontroll i mitt kafé?",
        "Ja. Alla livsmedelsföretag ska ha rutiner för egenkontroll: temperaturer, rengöring, "
        "allergener och spårbarhet. Kontrollen utgår från dina rutiner.",
        LIVS,
        True,
        True,
        "",
        "",
    ),
    (
        "miljo",
        "Vad kostar livsmedelskontrollen?",
        "Avgiften bestäms av riskklassningen och kommunens taxa. Sedan 2024 tas den ofta ut i "
        "efterhand för den kontroll som gjorts.",
        "Kommunens taxa för livsmedelskontroll",
        False,
        False,
        "",
        "",
    ),
    # --- Serveringstillstånd, alkohol, tobak
    (
        "tillstand",
        "Hur lång tid tar ett serveringstillstånd?",
        "Ett stadigvarande serveringstillstånd tar normalt cirka åtta veckor från komplett "
        "ansökan, eftersom polisen, Skatteverket, räddningstjänsten och miljö får yttra sig. "
        "Tillfälligt tillstånd för allmänheten tar cirka fyra veckor, slutet sällskap två.",
        ALK,
        True,
        False,
        "How long does a licence to serve alcohol take?",
        "A permanent licence usually takes about eight weeks from a complete application; a "
        "temporary one for the public about four weeks, a private party two.",
    ),
    (
        "tillstand",
        "Vad krävs för att få serveringstillstånd?",
        "Du ska visa att du är lämplig (ekonomi, vandel), klara kunskapsprovet i alkohollagen, "
        "ha ett kök för lagad mat och lokaler som uppfyller kraven.",
        ALK,
        True,
        False,
        "",
        "",
    ),
    (
        "tillstand",
        "Får jag servera alkohol på uteserveringen?",
        "Ja, om uteserveringen ingår i ditt serveringstillstånd. Anmäl en ny uteservering till "
        "tillståndsenheten innan du börjar servera där.",
        ALK,
        True,
        True,
        "",
        "",
    ),
    (
        "tillstand",
        "Behöver jag tillstånd för att sälja tobak?",
        "Ja. Sedan 2019 krävs försäljningstillstånd för tobak från kommunen, och du ska ha ett "
        "egenkontrollprogram.",
        "Lagen (2018:2088) om tobak och liknande produkter",
        True,
        False,
        "",
        "",
    ),
    (
        "tillstand",
        "Hur säljer jag folköl?",
        "Folköl får säljas efter anmälan till kommunen om du också säljer matvaror. Du ska ha "
        "egenkontrollprogram och kontrollera ålder.",
        ALK,
        False,
        False,
        "",
        "",
    ),
    # --- Miljö
    (
        "miljo",
        "När behöver min verksamhet anmälas enligt miljöbalken?",
        "Anmälningspliktig miljöfarlig verksamhet (t.ex. vissa verkstäder och tvätthallar) ska "
        "anmälas senast sex veckor innan den startar.",
        MB,
        True,
        False,
        "When must my business be notified under the Environmental Code?",
        "Notifiable activities must be notified at least six weeks before they start.",
    ),
    (
        "miljo",
        "Vad gäller för att öppna en frisörsalong?",
        "Frisörer och andra hygieniska verksamheter där det finns risk för blodsmitta ska "
        "anmälas. Frisörer utan sådan behandling behöver inte anmäla, men ska följa miljöbalkens "
        "hygienkrav.",
        MB,
        True,
        False,
        "",
        "",
    ),
    (
        "miljo",
        "Hur hanterar jag farligt avfall från verkstaden?",
        "Farligt avfall ska förvaras säkert, lämnas till en godkänd mottagare och antecknas. "
        "Transportören ska ha tillstånd.",
        "Avfallsförordningen (2020:614)",
        False,
        True,
        "",
        "",
    ),
    (
        "miljo",
        "Behöver jag tillstånd för en cistern?",
        "Cisterner för brandfarlig vätska över vissa volymer ska anmälas till miljö- och "
        "hälsoskydd och kontrolleras regelbundet.",
        MB,
        False,
        False,
        "",
        "",
    ),
    # --- Brandfarliga varor och brandskydd
    (
        "raddning",
        "Behöver restaurangen tillstånd för gasol?",
        "En restaurang behöver tillstånd för gasol om mer än 2 liter hanteras inomhus, eller mer "
        "än 60 liter när allt hanteras utomhus. Ansök hos räddningstjänsten; räkna med upp till "
        "tre månader.",
        f"{LBE}\n{MSB}",
        True,
        False,
        "Does my restaurant need a permit for LPG?",
        "Yes above 2 litres handled indoors, or above 60 litres when all of it is outdoors.",
    ),
    (
        "raddning",
        "Vad ska finnas i en skriftlig redogörelse för brandskyddet?",
        "Vissa verksamheter ska lämna en redogörelse för brandskyddet till räddningstjänsten: "
        "organisation, utbildning, utrymning och kontroller.",
        LSO,
        False,
        False,
        "",
        "",
    ),
    (
        "raddning",
        "Hur många gäster får vi ta emot i lokalen?",
        "Antalet beror på utrymningsvägarna och lokalens utformning. Samlingslokaler för fler än "
        "150 personer har särskilda krav; fråga räddningstjänsten innan ni bokar stora event.",
        "Boverkets byggregler (BBR) 5 kap.",
        True,
        False,
        "",
        "",
    ),
    (
        "raddning",
        "Får vi ha levande ljus i butiken?",
        "Levande ljus är tillåtet med försiktighet; de får inte placeras nära brännbart material "
        "eller i utrymningsvägar.",
        LSO,
        False,
        True,
        "",
        "",
    ),
    # --- Markupplåtelse
    (
        "teknik",
        "Hur får jag ställa ut en gatupratare?",
        "För att ställa något på allmän plats, som trottoaren, krävs polisens tillstånd. "
        "Kommunen yttrar sig om placeringen; räkna med cirka fyra veckor.",
        ORD,
        True,
        False,
        "How can I put an A-board on the pavement?",
        "Anything on public land needs a permit from the police; the municipality gives its "
        "opinion on the placing.",
    ),
    (
        "teknik",
        "Vad kostar det att använda allmän plats?",
        "Kommunen tar ut en avgift för upplåtelse av allmän plats enligt taxan, beräknad på yta "
        "och tid.",
        "Lagen (1957:259) om rätt att ta ut avgifter för upplåtelse av offentlig plats",
        False,
        False,
        "",
        "",
    ),
    (
        "teknik",
        "Får jag ställa upp en container på gatan vid ombyggnaden?",
        "Ja, med polisens tillstånd och en trafikanordningsplan godkänd av kommunen.",
        ORD,
        False,
        True,
        "",
        "",
    ),
    # --- Starta och driva företag
    (
        "naringsliv",
        "Vilken företagsform ska jag välja?",
        "Enskild firma är enkel att starta men du ansvarar personligen. Aktiebolag kräver 25 000 "
        "kronor i aktiekapital och begränsar ansvaret. Handelsbolag är för två eller fler. Boka "
        "gärna ett samtal med näringslivskontoret.",
        "verksamt.se | https://www.verksamt.se/",
        True,
        False,
        "Which legal form should I choose?",
        "A sole trader is simple to start but you are personally liable; a limited company needs "
        "SEK 25,000 in share capital.",
    ),
    (
        "naringsliv",
        "Hur får jag F-skatt?",
        "Du ansöker om F-skatt hos Skatteverket via verksamt.se samtidigt som du registrerar "
        "företaget för moms och som arbetsgivare.",
        "Skatteförfarandelagen (2011:1244)",
        True,
        False,
        "How do I get an F-tax approval?",
        "Apply to the Swedish Tax Agency through verksamt.se, together with VAT registration.",
    ),
    (
        "naringsliv",
        "Var hittar jag en lokal för mitt företag?",
        "Näringslivskontoret har en lista över lediga lokaler och mark och kan förmedla kontakter "
        "med fastighetsägare.",
        "",
        True,
        False,
        "",
        "",
    ),
    (
        "naringsliv",
        "Vad är en företagslots?",
        "En företagslots är en tjänsteperson som hjälper dig genom kommunens alla kontakter i "
        "ditt ärende. Du får en samordnare, även när flera förvaltningar är inblandade.",
        "SS 884000 Kommunal företagslotsning",
        True,
        False,
        "What is a business pilot?",
        "A business pilot guides you through all the municipality's contacts in your matter; you "
        "get one coordinator even when several departments take part.",
    ),
    # --- Finansiering och stöd
    (
        "naringsliv",
        "Vilka stöd finns för att starta företag?",
        "Almi ger lån och rådgivning, Arbetsförmedlingen kan ge starta eget-stöd och regionen har "
        "företagsstöd för investeringar. Näringslivskontoret hjälper dig att hitta rätt.",
        "Almi | https://www.almi.se/",
        True,
        False,
        "What support is there for starting a business?",
        "Almi offers loans and advice, the Public Employment Service start-up support, and the "
        "region investment grants.",
    ),
    (
        "naringsliv",
        "Kan kommunen ge bidrag till mitt företag?",
        "Kommunen får inte ge stöd till enskilda näringsidkare utan synnerliga skäl. Vi hjälper "
        "dig i stället att hitta stöd hos Almi, regionen och Tillväxtverket.",
        "Kommunallagen (2017:725) 2 kap. 8 §",
        True,
        True,
        "",
        "",
    ),
    (
        "naringsliv",
        "Hur fungerar regionalt investeringsstöd?",
        "Regionen kan ge investeringsstöd till företag i vissa områden. Ansökan görs innan "
        "investeringen påbörjas.",
        "Förordningen (2015:210) om statligt stöd till regionala investeringar",
        False,
        False,
        "",
        "",
    ),
    # --- Upphandling
    (
        "kommunledning",
        "Hur blir mitt företag leverantör till kommunen?",
        "Kommunen upphandlar enligt LOU. Bevaka upphandlingar i kommunens upphandlingsverktyg; "
        "direktupphandlingar under gränsvärdet görs också, och vi tar gärna emot presentationer.",
        "Lagen (2016:1145) om offentlig upphandling",
        True,
        False,
        "How can my business become a supplier to the municipality?",
        "The municipality buys under the Public Procurement Act; follow its tenders online.",
    ),
    (
        "kommunledning",
        "Vad är en direktupphandling?",
        "En direktupphandling får göras under gränsvärdet utan annonsering, men kommunen ska "
        "ändå ta till vara konkurrensen och dokumentera köp över 100 000 kronor.",
        "Lagen (2016:1145) om offentlig upphandling 19 kap.",
        False,
        False,
        "",
        "",
    ),
    # --- Kommunens ärendeprocess, offentlighet, dataskydd
    (
        "kommunledning",
        "Vem i kommunen ska jag kontakta med mitt ärende?",
        "Du kan vända dig till vilken kommunal tjänsteperson som helst: vi tar emot ärendet, ger "
        "dig en samordnare och ser till att rätt förvaltningar arbetar med det tillsammans.",
        "",
        True,
        False,
        "Who in the municipality should I contact?",
        "Any official: we take your matter in, give you one coordinator and make sure the right "
        "departments work on it together.",
    ),
    (
        "kommunledning",
        "Är mina handlingar till kommunen offentliga?",
        "Handlingar som kommer in till kommunen blir allmänna handlingar och kan lämnas ut, om "
        "inte sekretess gäller, t.ex. för affärs- och driftförhållanden.",
        "Offentlighets- och sekretesslagen (2009:400) 31 kap. 16 §",
        True,
        False,
        "",
        "",
    ),
    (
        "kommunledning",
        "Hur behandlar kommunen mina personuppgifter i ärendet?",
        "Kommunen behandlar personuppgifterna för att handlägga ärendet (allmänt intresse och "
        "myndighetsutövning) och gallrar dem enligt dokumenthanteringsplanen.",
        "Dataskyddsförordningen (EU) 2016/679",
        True,
        True,
        "",
        "",
    ),
    (
        "kontaktcenter",
        "Hur tar vi emot ett ärende som inte är vårt?",
        'Det är inte "inte mitt bord": ta emot ärendet i portalen, bli dess samordnare och skicka '
        "remiss till rätt förvaltning. Företaget ska inte behöva berätta samma sak två gånger.",
        "Kommunens rutin för företagslotsning",
        False,
        False,
        "",
        "",
    ),
    (
        "kontaktcenter",
        "Vad lovar kommunen om svarstid?",
        "Vi svarar eller lotsar vidare inom två arbetsdagar. Om ett löfte inte kan hållas får "
        "företaget veta det, och varför.",
        "Kommunens servicegarantier",
        True,
        False,
        "What does the municipality promise about response times?",
        "We answer or route your matter within two working days, and tell you if a promise "
        "cannot be kept.",
    ),
]
