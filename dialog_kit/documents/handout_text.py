"""The fixed texts of the group handout on career transition, in Swedish, Danish and English.

Document text, not interface strings (see dialog_kit.documents.labels): the
handout goes to a whole age group in the language the manager chooses for it.
The facts themselves (windows, schemes, contacts) come from the guides.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

_SV: dict[str, str] = {
    "doctype": "Information till hela gruppen",
    "title": "Karriärväxling – information till {group}",
    "title_plain": "Karriärväxling – information",
    "lead": (
        "Alla i ditt yrke här får samma information, vid samma tillfälle. Den säger ingenting "
        "om dig eller om din framtid hos oss. Den finns för att du i god tid ska veta vilket "
        "stöd som finns och var du kan prata i förtroende."
    ),
    "why": "Varför vi berättar det nu",
    "why_text": (
        "En karriär på scenen tar ofta slut tidigare än andra yrkesliv, och stödet till en ny "
        "karriär är lättast att använda om du har hunnit tänka på det långt innan du behöver "
        "det. Att tänka framåt betyder inte att du bestämmer något. Många pratar med en "
        "rådgivare flera år innan de ändrar något, och en del byter aldrig."
    ),
    "scheme": "Det här gäller för {group}",
    "scheme_plain": "Det här gäller för dig",
    "age_window": "Ditt åldersfönster",
    "window": "Du kan söka stöd till en ny karriär hos {name} från {opens} års ålder tills du "
    "fyller {closes}.",
    "window_unnamed": "Du kan söka stöd till en ny karriär från {opens} års ålder tills du "
    "fyller {closes}.",
    "no_scheme": (
        "Vi känner inte till något åldersfönster för ditt yrke här. Kontakterna nedan kan "
        "berätta vilket stöd som finns."
    ),
    "before_steps": (
        "Prata med någon av rådgivarna nedan innan du säger upp dig, börjar frilansa eller "
        "flyttar utomlands: ett sådant steg kan påverka vilket stöd du kan få senare."
    ),
    "verify": "Kontrollera vad som gäller nu med arbetsgivaren och fonden.",
    "confidential": "Här kan du prata i förtroende",
    "confidential_lead": (
        "Rådgivarna är fristående från oss. Det du berättar stannar hos dem, och din chef får "
        "inte veta att du har hört av dig."
    ),
    "offer": "Det här erbjuder vi dig",
    "offer_talk": "Ett samtal om din framtid med din chef när du vill. Du bestämmer om och när.",
    "offer_certificate": (
        "Ett intyg med alla dina anställningsperioder hos oss, också de tidsbegränsade, när du "
        "behöver det till en ansökan."
    ),
    "offer_hr": "Hjälp från HR med frågor om ledighet, pension och din anställning.",
    "at_work": "Kontakter på jobbet",
    "about": "Om bladet",
    "about_text": (
        "Bladet är likadant för alla i gruppen och innehåller inga uppgifter om dig eller om "
        "någon annan."
    ),
    # -- in the access report: the person's place in group briefings -------------
    "briefings": "Gemensam information om karriärväxling",
    "briefing": "Informationsmöte",
    "briefing_group": "Åldersgrupp",
    "briefing_invited": "Inbjuden",
    "briefing_attended": "Deltog",
    "briefing_informed": "Informerad",
    "briefing_handed": "Utdelat",
    "briefing_handout": "Informationsbladet ({lang})",
}

_DA: dict[str, str] = {
    "doctype": "Information til hele gruppen",
    "title": "Karriereskifte – information til {group}",
    "title_plain": "Karriereskifte – information",
    "lead": (
        "Alle i dit fag her får den samme information på samme tid. Den siger intet om dig "
        "eller om din fremtid hos os. Den er her, for at du i god tid ved, hvilken støtte der "
        "findes, og hvor du kan tale fortroligt med nogen."
    ),
    "why": "Hvorfor vi fortæller det nu",
    "why_text": (
        "En karriere på scenen slutter ofte tidligere end andre arbejdsliv, og støtten til en ny "
        "karriere er lettest at bruge, hvis du har tænkt over det længe før, du får brug for "
        "den. At tænke fremad betyder ikke, at du beslutter noget. Mange taler med en rådgiver "
        "flere år, før de ændrer noget, og nogle skifter aldrig."
    ),
    "scheme": "Det gælder for {group}",
    "scheme_plain": "Det gælder for dig",
    "age_window": "Dit aldersvindue",
    "window": "Du kan søge støtte til en ny karriere hos {name}, fra du er {opens}, til du "
    "fylder {closes}.",
    "window_unnamed": "Du kan søge støtte til en ny karriere, fra du er {opens}, til du "
    "fylder {closes}.",
    "no_scheme": (
        "Vi kender ikke til et aldersvindue for dit fag her. Kontakterne nedenfor kan fortælle, "
        "hvilken støtte der findes."
    ),
    "before_steps": (
        "Tal med en af rådgiverne nedenfor, før du siger op, går freelance eller flytter til "
        "udlandet: Sådan et skridt kan ændre, hvilken støtte du kan få senere."
    ),
    "verify": "Tjek med arbejdsgiveren og fonden, hvad der gælder nu.",
    "confidential": "Her kan du tale fortroligt",
    "confidential_lead": (
        "Rådgiverne er uafhængige af os. Det, du fortæller dem, bliver hos dem, og din leder "
        "får ikke at vide, at du har henvendt dig."
    ),
    "offer": "Det tilbyder vi dig",
    "offer_talk": (
        "En samtale om din fremtid med din leder, når du ønsker det. Du bestemmer, om og hvornår."
    ),
    "offer_certificate": (
        "En attest med alle dine ansættelsesperioder hos os, også de tidsbegrænsede, når du "
        "skal bruge den til en ansøgning."
    ),
    "offer_hr": "Hjælp fra HR til spørgsmål om orlov, pension og din ansættelse.",
    "at_work": "Kontakter på arbejdspladsen",
    "about": "Om arket",
    "about_text": (
        "Arket er det samme for alle i gruppen og indeholder ingen oplysninger om dig eller "
        "om andre."
    ),
    # -- in the access report: the person's place in group briefings -------------
    "briefings": "Fælles information om karriereskifte",
    "briefing": "Informationsmøde",
    "briefing_group": "Årgang",
    "briefing_invited": "Inviteret",
    "briefing_attended": "Deltog",
    "briefing_informed": "Informeret",
    "briefing_handed": "Udleveret",
    "briefing_handout": "Informationsarket ({lang})",
}

_EN: dict[str, str] = {
    "doctype": "Information for the whole group",
    "title": "Career transition – information for {group}",
    "title_plain": "Career transition – information",
    "lead": (
        "Everyone in your profession here gets this same information, at the same time. It "
        "says nothing about you or your future with us: it is here so that you know in good "
        "time what support there is and where you can talk in confidence."
    ),
    "why": "Why we are telling you now",
    "why_text": (
        "A career on stage often ends earlier than other working lives, and support for a new "
        "career is easiest to use if you have thought about it long before you need it. "
        "Thinking ahead does not mean deciding anything. Many people talk to an adviser years "
        "before they change anything, and some never change at all."
    ),
    "scheme": "What applies to {group}",
    "scheme_plain": "What applies to you",
    "age_window": "Your age window",
    "window": "You can apply to {name} for support for a new career from the age of {opens} "
    "until you turn {closes}.",
    "window_unnamed": "You can apply for support for a new career from the age of {opens} "
    "until you turn {closes}.",
    "no_scheme": (
        "We know of no age window for your profession here. The contacts below can tell you "
        "what support there is."
    ),
    "before_steps": (
        "Before you resign, go freelance or move abroad, talk to one of the advisers below: "
        "a step like that can change what support you can get later."
    ),
    "verify": "Check with your employer and the foundation what applies now.",
    "confidential": "Where you can talk in confidence",
    "confidential_lead": (
        "These advisers are independent of us. What you tell them stays with them, and your "
        "manager is not told that you have been in touch."
    ),
    "offer": "What we offer you",
    "offer_talk": (
        "A talk about your future with your manager whenever you want one. You decide whether "
        "and when."
    ),
    "offer_certificate": (
        "A certificate listing all your periods of employment with us, temporary ones included, "
        "when you need one for an application."
    ),
    "offer_hr": "Help from HR with questions about leave, pension and your employment.",
    "at_work": "Contacts at work",
    "about": "About this sheet",
    "about_text": (
        "This sheet is the same for everyone in the group and holds no information about you "
        "or anyone else."
    ),
    # -- in the access report: the person's place in group briefings -------------
    "briefings": "Group briefings on career transition",
    "briefing": "Group briefing",
    "briefing_group": "Age group",
    "briefing_invited": "Invited",
    "briefing_attended": "Attended",
    "briefing_informed": "Informed on",
    "briefing_handed": "Handed out",
    "briefing_handout": "The handout ({lang})",
}

HANDOUT_TEXT: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"sv": MappingProxyType(_SV), "da": MappingProxyType(_DA), "en": MappingProxyType(_EN)}
)
